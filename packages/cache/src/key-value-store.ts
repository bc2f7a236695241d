/**
 * The few primitives caching and rate limiting need. Two implementations keep one contract:
 * Redis for production and multi-process deployments, memory for a single development process.
 */
export interface KeyValueStore {
  readonly backend: "redis" | "memory";
  get(key: string): Promise<string | null>;
  /**
   * `get`, parsed: a value whose text has not changed since it was last parsed is not parsed again
   * (memory keeps the parse beside the value; Redis is still read, and the parse reused when the
   * text is the same). Every caller gets the same object, which must be treated as read-only; one
   * key is always read with the same `parse`.
   */
  getParsed<T>(key: string, parse: (text: string) => T): Promise<T | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  delete(...keys: string[]): Promise<void>;
  /**
   * Adds one to each counter; a counter's first increment starts a window of `windowMs` after
   * which it disappears. Returns each count and the time left in its window, in order — all in
   * one round trip on Redis.
   */
  incrementAll(counters: readonly WindowCounter[]): Promise<WindowCount[]>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface WindowCounter {
  key: string;
  windowMs: number;
}

export interface WindowCount {
  count: number;
  resetInMs: number;
}
