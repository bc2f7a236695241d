import type { KeyValueStore, WindowCounter } from "./key-value-store";

interface Entry {
  value: string;
  expiresAt: number;
  /** The value parsed by the first `getParsed`, reused until the value changes. */
  parsed: unknown;
}

const UNPARSED = Symbol("unparsed");

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

  async getParsed<T>(key: string, parse: (text: string) => T): Promise<T | null> {
    const entry = this.live(this.prefix + key);
    if (entry === undefined) return null;
    if (entry.parsed === UNPARSED) entry.parsed = parse(entry.value);
    return entry.parsed as T;
  }

  async set(key: string, value: string, ttlMs: number) {
    this.put(this.prefix + key, { value, expiresAt: this.now() + ttlMs, parsed: UNPARSED });
  }

  async delete(...keys: string[]) {
    for (const key of keys) this.entries.delete(this.prefix + key);
  }

  async incrementAll(counters: readonly WindowCounter[]) {
    return counters.map(({ key, windowMs }) => this.increment(key, windowMs));
  }

  private increment(key: string, windowMs: number) {
    const full = this.prefix + key;
    const entry = this.live(full);
    if (entry) {
      // Counted in place: a hot counter need not move to the back of the eviction order.
      entry.value = String(Number(entry.value) + 1);
      entry.parsed = UNPARSED;
      return { count: Number(entry.value), resetInMs: entry.expiresAt - this.now() };
    }
    const first = { value: "1", expiresAt: this.now() + windowMs, parsed: UNPARSED };
    this.put(full, first);
    return { count: 1, resetInMs: windowMs };
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
