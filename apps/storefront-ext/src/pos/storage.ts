/**
 * Where the offline queue lives: the POS Storage API (`shopify.storage`, persistent per extension
 * and device) in production, memory or `localStorage` in tests and the preview. Only the part of
 * the Storage API the queue uses; `shopify.storage` satisfies it as is.
 */
export interface KeyValueStorage {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
  delete(key: string): Promise<boolean>;
  entries(): Promise<[string, unknown][]>;
}

/** In memory, values copied through JSON as the Storage API serializes them. */
export function memoryStorage(initial: Record<string, unknown> = {}): KeyValueStorage & {
  snapshot(): Record<string, unknown>;
} {
  const data = new Map<string, string>(Object.entries(initial).map(([k, v]) => [k, JSON.stringify(v)]));
  return {
    get: async (key) => {
      const raw = data.get(key);
      return raw === undefined ? undefined : JSON.parse(raw);
    },
    set: async (key, value) => {
      data.set(key, JSON.stringify(value));
    },
    delete: async (key) => data.delete(key),
    entries: async () => [...data].map(([k, v]) => [k, JSON.parse(v)] as [string, unknown]),
    snapshot: () => Object.fromEntries([...data].map(([k, v]) => [k, JSON.parse(v)])),
  };
}

/** A `localStorage`-like store under a prefix (the preview: the queue survives a reload). */
export function webStorage(store: Storage, prefix: string): KeyValueStorage {
  const own = () => {
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(prefix)) keys.push(key);
    }
    return keys;
  };
  return {
    get: async (key) => {
      const raw = store.getItem(prefix + key);
      return raw === null ? undefined : JSON.parse(raw);
    },
    set: async (key, value) => store.setItem(prefix + key, JSON.stringify(value)),
    delete: async (key) => {
      const had = store.getItem(prefix + key) !== null;
      store.removeItem(prefix + key);
      return had;
    },
    entries: async () =>
      own().map(
        (key) => [key.slice(prefix.length), JSON.parse(store.getItem(key) ?? "null")] as [string, unknown],
      ),
  };
}
