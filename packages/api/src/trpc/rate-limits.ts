import type { RateLimit } from "@loyalnest/cache";

/**
 * Limits on shopper-facing procedures, counted in Redis (in-process without it) per fixed window.
 * Reads are generous (a widget polls on navigation); writes that cost points or call Shopify are
 * tight. A whole shop gets a ceiling too, so one storefront's bot cannot starve the others.
 */
export interface RateLimitPolicy {
  shopperRead: RateLimit;
  shopperWrite: RateLimit;
  shopPerMinute: RateLimit;
  posWrite: RateLimit;
}

export const DEFAULT_RATE_LIMITS: RateLimitPolicy = {
  shopperRead: { limit: 120, windowMs: 60_000 },
  shopperWrite: { limit: 20, windowMs: 60_000 },
  shopPerMinute: { limit: 60_000, windowMs: 60_000 },
  posWrite: { limit: 120, windowMs: 60_000 },
};

export type RateLimitKind = keyof Omit<RateLimitPolicy, "shopPerMinute">;
