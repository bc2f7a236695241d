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

  async consume(key: string, limit: RateLimit): Promise<RateLimitResult> {
    const [result] = await this.consumeAll([{ key, limit }]);
    return result!;
  }

  /** Counts one hit against each of several limits at once (one store round trip), results in order. */
  async consumeAll(checks: readonly { key: string; limit: RateLimit }[]): Promise<RateLimitResult[]> {
    try {
      const counts = await this.store.incrementAll(
        checks.map(({ key, limit }) => ({ key: `rl:${key}`, windowMs: limit.windowMs })),
      );
      return counts.map(({ count, resetInMs }, i) => {
        const { limit } = checks[i]!.limit;
        return {
          allowed: count <= limit,
          limit,
          remaining: Math.max(0, limit - count),
          retryAfterMs: count <= limit ? 0 : resetInMs,
        };
      });
    } catch (error) {
      this.onError(error);
      return checks.map(({ limit }) => ({
        allowed: true,
        limit: limit.limit,
        remaining: limit.limit,
        retryAfterMs: 0,
      }));
    }
  }
}
