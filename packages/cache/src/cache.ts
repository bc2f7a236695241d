import type { KeyValueStore } from "./key-value-store";

/**
 * Cache-aside for JSON values. A store failure never fails the read: the value is loaded from
 * the source of truth instead (Redis is a cache, never the only copy). A value read back is shared
 * by every caller until it changes (`KeyValueStore.getParsed`): treat what `getOrLoad` returns as
 * read-only.
 */
export class Cache {
  constructor(
    private readonly store: KeyValueStore,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  async getOrLoad<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    try {
      const hit = await this.read<T>(key);
      if (hit !== null) return hit;
    } catch (error) {
      this.onError(error);
      return load();
    }
    const value = await load();
    try {
      await this.store.set(key, JSON.stringify(value), spreadTtl(ttlMs));
    } catch (error) {
      this.onError(error);
    }
    return value;
  }

  private read<T>(key: string): Promise<T | null> {
    return this.store.getParsed(key, (text) => JSON.parse(text) as T);
  }

  /** Drops cached values, e.g. a customer's profile after a ledger write. */
  async invalidate(...keys: string[]): Promise<void> {
    try {
      await this.store.delete(...keys);
    } catch (error) {
      this.onError(error);
    }
  }
}

/**
 * A time to live between 50% and 100% of the one asked for: keys loaded together (a storefront's
 * shoppers after a deploy) then expire spread out instead of all missing in the same second.
 */
export const spreadTtl = (ttlMs: number) => ttlMs * (0.5 + 0.5 * Math.random());
