import type { KeyValueStore } from "./key-value-store";

/** What the store holds under a cached key: the value, and until when it is fresh (epoch ms). */
interface Stored<T> {
  v: T;
  f: number;
}

/** A load in flight for a key; an invalidation while it runs keeps its result out of the store. */
interface Loading<T> {
  promise: Promise<T>;
  invalidated: boolean;
}

/**
 * Cache-aside for JSON values, refreshed ahead of expiry. A store failure never fails the read:
 * the value is loaded from the source of truth instead (Redis is a cache, never the only copy).
 *
 * - Fresh: a value is fresh for 50–100% of `ttlMs` (spread, see `spreadTtl`).
 * - Stale: for one more `ttlMs` after that it is still served at once, and this process reloads it
 *   in the background (one reload per key at a time). A key read regularly therefore never makes a
 *   request wait for the database; only a key nobody read for a whole extra TTL is loaded on the
 *   request. Invalidation, not expiry, is what carries changes (callers delete keys when the data
 *   changes); the TTL only bounds a missed invalidation, and a stale read triggers the reload.
 * - Loads are shared: concurrent misses of one key in this process wait for one load. A load that
 *   an `invalidate` overtook still answers the reads that were waiting on it, but is not stored,
 *   and reads after the invalidation start a load of their own (read-after-write holds).
 *
 * A value read back is shared by every caller until it changes (`KeyValueStore.getParsed`): treat
 * what `getOrLoad` returns as read-only.
 */
export class Cache {
  private readonly loading = new Map<string, Loading<unknown>>();

  constructor(
    private readonly store: KeyValueStore,
    private readonly onError: (error: unknown) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  async getOrLoad<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    let hit: Stored<T> | null;
    try {
      hit = await this.store.getParsed(key, parseStored<T>);
    } catch (error) {
      this.onError(error);
      return load();
    }
    if (hit === null) return this.loadAndStore(key, ttlMs, load);
    if (hit.f <= this.now()) {
      // A reload already in flight is joined, not repeated.
      this.loadAndStore(key, ttlMs, load).catch(this.onError);
    }
    return hit.v;
  }

  /** Drops cached values, e.g. a customer's profile after a ledger write. */
  async invalidate(...keys: string[]): Promise<void> {
    for (const key of keys) {
      const inFlight = this.loading.get(key);
      if (inFlight === undefined) continue;
      inFlight.invalidated = true;
      this.loading.delete(key);
    }
    try {
      await this.store.delete(...keys);
    } catch (error) {
      this.onError(error);
    }
  }

  private loadAndStore<T>(key: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const shared = this.loading.get(key) as Loading<T> | undefined;
    if (shared !== undefined) return shared.promise;
    const done = () => {
      if (this.loading.get(key) === loading) this.loading.delete(key);
    };
    const loading: Loading<T> = {
      invalidated: false,
      promise: started(load).then(
        async (value) => {
          done();
          if (!loading.invalidated) await this.write(key, value, ttlMs);
          return value;
        },
        (error: unknown) => {
          done();
          throw error;
        },
      ),
    };
    this.loading.set(key, loading);
    return loading.promise;
  }

  private async write<T>(key: string, value: T, ttlMs: number): Promise<void> {
    const freshMs = spreadTtl(ttlMs);
    const stored: Stored<T> = { v: value, f: this.now() + freshMs };
    try {
      await this.store.set(key, JSON.stringify(stored), freshMs + ttlMs);
    } catch (error) {
      this.onError(error);
    }
  }
}

/** `load()`, with a synchronous throw turned into a rejection (a background reload must not throw). */
function started<T>(load: () => Promise<T>): Promise<T> {
  try {
    return load();
  } catch (error) {
    return Promise.reject(error);
  }
}

function parseStored<T>(text: string): Stored<T> {
  return JSON.parse(text) as Stored<T>;
}

/**
 * A time to live between 50% and 100% of the one asked for: keys loaded together (a storefront's
 * shoppers after a deploy) then expire spread out instead of all missing in the same second.
 */
export const spreadTtl = (ttlMs: number) => ttlMs * (0.5 + 0.5 * Math.random());
