import { createClient } from "redis";
import type { KeyValueStore, WindowCounter } from "./key-value-store";

const newClient = (url: string) =>
  createClient({
    url,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(retries * 100, 2_000) },
  });
type RedisClient = ReturnType<typeof newClient>;

/**
 * `increment` for every key in one script run: INCR, start the window on a counter without one
 * (the first hit), and report the time left — pairs of (count, ms) in key order. One command
 * instead of a MULTI per counter: the shopper read path pays for every command it sends.
 */
const INCREMENT_ALL_SCRIPT = `
local out = {}
for i, key in ipairs(KEYS) do
  local count = redis.call('INCR', key)
  local ttl = redis.call('PTTL', key)
  if ttl < 0 then
    ttl = tonumber(ARGV[i])
    redis.call('PEXPIRE', key, ttl)
  end
  out[2 * i - 1] = count
  out[2 * i] = ttl
end
return out`;

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

  async incrementAll(counters: readonly WindowCounter[]) {
    const reply = (await this.client.eval(INCREMENT_ALL_SCRIPT, {
      keys: counters.map(({ key }) => this.prefix + key),
      arguments: counters.map(({ windowMs }) => String(Math.max(1, Math.round(windowMs)))),
    })) as number[];
    return counters.map((_, i) => ({
      count: Number(reply[2 * i]),
      resetInMs: Math.max(0, Number(reply[2 * i + 1])),
    }));
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
