/**
 * Shopify's calculated-cost leaky bucket, per app and shop: it refills continuously at
 * `restoreRate` points per second up to `size`; a query is refused when its requested cost exceeds
 * what is available now.
 */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export class LeakyBucket {
  private available: number;
  private refilledAt: number;

  constructor(
    private readonly size: number,
    private readonly restoreRate: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.available = size;
    this.refilledAt = now();
  }

  private refill(): void {
    const at = this.now();
    const restored = ((at - this.refilledAt) / 1000) * this.restoreRate;
    this.available = Math.min(this.size, this.available + restored);
    this.refilledAt = at;
  }

  /** Takes `cost` points if available; false means THROTTLED. */
  take(cost: number): boolean {
    this.refill();
    if (cost > this.available) return false;
    this.available -= cost;
    return true;
  }

  /** Shopify refunds the difference between requested and actual cost after execution. */
  refund(points: number): void {
    this.refill();
    this.available = Math.min(this.size, this.available + Math.max(0, points));
  }

  status(): ThrottleStatus {
    this.refill();
    return {
      maximumAvailable: this.size,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.restoreRate,
    };
  }
}
