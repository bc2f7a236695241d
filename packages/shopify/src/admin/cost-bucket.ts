import type { Clock } from "./clock";

/** `extensions.cost.throttleStatus` of an Admin GraphQL response. */
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/** A slot of the bucket held by one request; settle it once the answer (or failure) is known. */
export interface CostReservation {
  readonly cost: number;
  /** `actualCost` null means Shopify charged nothing (throttled, or unknown). */
  settle(status?: ThrottleStatus | null, actualCost?: number | null): void;
}

interface Waiter {
  cost: number;
  resolve(reservation: CostReservation): void;
}

/**
 * A local model of one shop's leaky bucket (Shopify keeps one per app and shop).
 *
 * A request reserves its estimated cost before it is sent, so concurrent callers queue here
 * instead of overdrawing Shopify's bucket. Every answer re-syncs the model from
 * `throttleStatus`, keeping the lower of our projection and Shopify's figure minus what we still
 * have in flight: the projection covers answers arriving out of order, Shopify's figure covers
 * other processes spending the same bucket. Until the first answer tells us the bucket's size
 * and restore rate, one request at a time goes out as a probe.
 */
export class CostBucket {
  private known = false;
  private maximum = 0;
  private restoreRate = 0;
  /** Points available at `updatedAt` (ms), our reservations already deducted. */
  private available = 0;
  private updatedAt = 0;
  private inFlight = 0;
  private probeInFlight = false;
  private readonly queue: Waiter[] = [];
  private pumping = false;
  private wake: (() => void) | null = null;

  constructor(private readonly clock: Clock) {}

  /** Resolves once `cost` points can be spent without exceeding the bucket. FIFO, so no caller starves. */
  acquire(cost: number): Promise<CostReservation> {
    return new Promise((resolve) => {
      this.queue.push({ cost: Math.max(0, cost), resolve });
      void this.pump();
    });
  }

  /** The model's view of what is available now (for observability and tests). */
  snapshot(): { known: boolean; available: number; maximum: number; restoreRate: number; inFlight: number } {
    return {
      known: this.known,
      available: this.known ? this.projected(this.clock.now()) : 0,
      maximum: this.maximum,
      restoreRate: this.restoreRate,
      inFlight: this.inFlight,
    };
  }

  private projected(now: number): number {
    const restored = (this.restoreRate * Math.max(0, now - this.updatedAt)) / 1000;
    return Math.min(this.maximum, this.available + restored);
  }

  /** Milliseconds until `cost` fits, 0 when it fits now, null while a probe is out on an unknown bucket. */
  private waitFor(cost: number): number | null {
    if (!this.known) return this.probeInFlight ? null : 0;
    // A query dearer than the whole bucket can only ever run from a full bucket.
    const needed = Math.min(cost, this.maximum);
    const shortfall = needed - this.projected(this.clock.now());
    if (shortfall <= 0) return 0;
    return this.restoreRate > 0 ? Math.ceil((shortfall / this.restoreRate) * 1000) : 1000;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (let head = this.queue[0]; head; head = this.queue[0]) {
        const wait = this.waitFor(head.cost);
        if (wait === null || wait > 0) {
          await this.sleepOrWake(wait);
          continue;
        }
        this.queue.shift();
        head.resolve(this.reserve(head.cost));
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Sleeps until the bucket should have refilled enough, or earlier when an answer re-syncs it. */
  private sleepOrWake(ms: number | null): Promise<void> {
    const woken = new Promise<void>((resolve) => (this.wake = resolve));
    return ms === null ? woken : Promise.race([woken, this.clock.sleep(ms)]);
  }

  private reserve(cost: number): CostReservation {
    const now = this.clock.now();
    const asProbe = !this.known;
    if (asProbe) this.probeInFlight = true;
    else {
      this.available = this.projected(now) - cost;
      this.updatedAt = now;
    }
    this.inFlight += cost;
    let settled = false;
    return {
      cost,
      settle: (status, actualCost) => {
        if (settled) return;
        settled = true;
        this.inFlight -= cost;
        if (asProbe) this.probeInFlight = false;
        if (status) this.sync(status, asProbe ? 0 : cost - (actualCost ?? 0));
        this.wakePump();
      },
    };
  }

  private sync(status: ThrottleStatus, refund: number): void {
    const now = this.clock.now();
    const server = status.currentlyAvailable - this.inFlight;
    const local = this.known ? this.projected(now) + Math.max(0, refund) : server;
    this.known = true;
    this.maximum = status.maximumAvailable;
    this.restoreRate = status.restoreRate;
    this.available = Math.min(local, server, this.maximum);
    this.updatedAt = now;
  }

  private wakePump(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
    void this.pump();
  }
}

/** One bucket per shop, created on first use. */
export class CostBuckets {
  private readonly buckets = new Map<string, CostBucket>();
  constructor(private readonly clock: Clock) {}

  for(shop: string): CostBucket {
    let bucket = this.buckets.get(shop);
    if (!bucket) {
      bucket = new CostBucket(this.clock);
      this.buckets.set(shop, bucket);
    }
    return bucket;
  }
}
