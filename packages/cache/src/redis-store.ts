import { createClient } from "redis";
import type { KeyValueStore } from "./key-value-store";

const newClient = (url: string) =>
  createClient({
    url,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(retries * 100, 2_000) },
  });
type RedisClient = ReturnType<typeof newClient>;

/** The Redis implementation; every key is namespaced by `prefix` (e.g. "ln:" or a test's own). */
export class RedisStore implements KeyValueStore {
  readonly backend = "redis" as const;

  private constructor(
    private readonly client: RedisClient,
    private readonly prefix: string,
  ) {}

  static async connect(url: string, prefix = "ln:"): Promise<RedisStore> {
    const client = newClient(url);
    // Without a listener, a dropped connection would crash the process; callers degrade instead.
    client.on("error", () => {});
    await client.connect();
    return new RedisStore(client, prefix);
  }

  async get(key: string) {
    return this.client.get(this.prefix + key);
  }

  async set(key: string, value: string, ttlMs: number) {
    await this.client.set(this.prefix + key, value, { PX: Math.max(1, Math.round(ttlMs)) });
  }

  async delete(...keys: string[]) {
    if (keys.length > 0) await this.client.del(keys.map((key) => this.prefix + key));
  }

  async increment(key: string, windowMs: number) {
    const full = this.prefix + key;
    // One round trip; PEXPIRE NX starts the window on the first hit only (Redis ≥ 7).
    const [count, , ttl] = await this.client
      .multi()
      .incr(full)
      .pExpire(full, Math.max(1, Math.round(windowMs)), "NX")
      .pTTL(full)
      .exec();
    return { count: Number(count), resetInMs: Math.max(0, Number(ttl)) };
  }

  async ping() {
    try {
      return (await this.client.ping()) === "PONG";
    } catch {
      return false;
    }
  }

  async close() {
    if (this.client.isOpen) await this.client.quit();
  }
}
