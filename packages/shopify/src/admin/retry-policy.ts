/** How hard the client tries before giving up. */
export interface RetryPolicy {
  /** Retries after network errors, 5xx and 429. */
  maxTransientRetries: number;
  /** Retries after THROTTLED answers (each one waits for the bucket, so these are cheap). */
  maxThrottleRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxTransientRetries: 4,
  maxThrottleRetries: 10,
  baseDelayMs: 250,
  maxDelayMs: 10_000,
};

/**
 * Exponential back-off with "equal jitter": half the window is fixed so retries never stampede
 * at ~0 ms, the other half random so many callers failing together spread out.
 * `attempt` counts from 0 for the first retry.
 */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(window / 2 + random() * (window / 2));
}

/** `Retry-After` in seconds (Shopify's form) as milliseconds, or null when absent or unparsable. */
export function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : null;
}
