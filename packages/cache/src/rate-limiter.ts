import type { KeyValueStore } from "./key-value-store";

export interface RateLimitResult {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Milliseconds until the window resets (for a Retry-After header). */
  retryAfterMs: number;
}

export interface RateLimit {
  limit: number;
  windowMs: number;
}

/**
 * Fixed-window rate limiting (e.g. 60 shopper reads per customer per minute). If the store is
 * unreachable the request is allowed: a cache outage must not take the storefront down.
 */
export class RateLimiter {
  constructor(
    private readonly store: KeyValueStore,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  async consume(key: string, { limit, windowMs }: RateLimit): Promise<RateLimitResult> {
    try {
      const { count, resetInMs } = await this.store.increment(`rl:${key}`, windowMs);
      return {
        allowed: count <= limit,
        limit,
        remaining: Math.max(0, limit - count),
        retryAfterMs: count <= limit ? 0 : resetInMs,
      };
    } catch (error) {
      this.onError(error);
      return { allowed: true, limit, remaining: limit, retryAfterMs: 0 };
    }
  }
}
