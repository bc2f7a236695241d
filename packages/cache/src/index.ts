import type { KeyValueStore } from "./key-value-store";
import { MemoryStore } from "./memory-store";
import { RedisStore } from "./redis-store";

export * from "./cache";
export * from "./key-value-store";
export * from "./local-memo";
export * from "./memory-store";
export * from "./rate-limiter";
export * from "./redis-store";

/** Redis when `url` (REDIS_URL) is given, otherwise the in-process store. */
export async function createKeyValueStore(
  options: { url?: string; prefix?: string } = {},
): Promise<KeyValueStore> {
  return options.url ? RedisStore.connect(options.url, options.prefix) : new MemoryStore(options.prefix);
}
