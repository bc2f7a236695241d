interface Entry<T> {
  value: Promise<T>;
  until: number;
}

/**
 * Parsed values kept in this process for a few seconds, in front of the shared cache, for keys read
 * on nearly every request (a shop's reward catalogue): a hit costs neither a Redis round trip nor a
 * JSON parse. Concurrent misses share one load; a failed load is not kept. Values are shared by
 * every caller and must be treated as read-only. `forget` drops a key at once (the database's
 * change notifications call it); the short life bounds staleness if a notification is missed.
 */
export class LocalMemo<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.until > this.now()) return hit.value;
    const value = load();
    const entry = { value, until: this.now() + this.ttlMs };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
