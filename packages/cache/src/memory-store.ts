import type { KeyValueStore } from "./key-value-store";

interface Entry {
  value: string;
  expiresAt: number;
}

/**
 * In-process store for development without Redis. Bounded: past `maxEntries` the oldest entry is
 * evicted (Map keeps insertion order), so a long-running dev server cannot grow without limit.
 */
export class MemoryStore implements KeyValueStore {
  readonly backend = "memory" as const;
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly prefix = "",
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(key: string) {
    return this.live(this.prefix + key)?.value ?? null;
  }

  async set(key: string, value: string, ttlMs: number) {
    this.put(this.prefix + key, { value, expiresAt: this.now() + ttlMs });
  }

  async delete(...keys: string[]) {
    for (const key of keys) this.entries.delete(this.prefix + key);
  }

  async increment(key: string, windowMs: number) {
    const full = this.prefix + key;
    const entry = this.live(full);
    const next = entry
      ? { value: String(Number(entry.value) + 1), expiresAt: entry.expiresAt }
      : { value: "1", expiresAt: this.now() + windowMs };
    this.put(full, next);
    return { count: Number(next.value), resetInMs: next.expiresAt - this.now() };
  }

  async ping() {
    return true;
  }

  async close() {
    this.entries.clear();
  }

  private live(fullKey: string): Entry | undefined {
    const entry = this.entries.get(fullKey);
    if (entry && entry.expiresAt <= this.now()) {
      this.entries.delete(fullKey);
      return undefined;
    }
    return entry;
  }

  private put(fullKey: string, entry: Entry) {
    this.entries.delete(fullKey);
    this.entries.set(fullKey, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
