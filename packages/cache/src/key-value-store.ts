/**
 * The few primitives caching and rate limiting need. Two implementations keep one contract:
 * Redis for production and multi-process deployments, memory for a single development process.
 */
export interface KeyValueStore {
  readonly backend: "redis" | "memory";
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(...keys: string[]): Promise<void>;
  /**
   * Adds one to the counter at `key`; the first increment starts a window of `windowMs` after
   * which the counter disappears. Returns the count and the time left in the window.
   */
  increment(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
