import { createHash } from "node:crypto";
import { createClient } from "redis";
import type { KeyValueStore, WindowCounter } from "./key-value-store";

/**
 * No per-command timeout: node-redis's default (5 s) arms an `AbortSignal.timeout` for every
 * command, which fires 5 s later whether or not the reply came, so a busy API process carries
 * 5 s worth of timers and pays a DOMException and an abort event for each (bench/p4: p99 at
 * 500 req/s 4–10 ms with them, 2.6 ms without). Instead, while the connection is down commands
 * fail at once rather than queue for the reconnect, so every read falls back to the database
 * immediately (`Cache`) and limits let requests through (`RateLimiter`).
 */
const newClient = (url: string) =>
  createClient({
    url,
    commandOptions: { timeout: 0 },
    disableOfflineQueue: true,
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
/** Sent as EVALSHA: the script's 400 bytes are not re-sent and re-hashed by Redis on every read. */
const INCREMENT_ALL_SHA = createHash("sha1").update(INCREMENT_ALL_SCRIPT).digest("hex");
/** Redis forgets scripts on restart (and SCRIPT FLUSH): the first call after that sends it again. */
const isNoScript = (error: unknown) => error instanceof Error && error.message.startsWith("NOSCRIPT");

/** How many parsed values `getParsed` keeps (the oldest is dropped past it). */
const MAX_PARSED = 10_000;

/** The Redis implementation; every key is namespaced by `prefix` (e.g. "ln:" or a test's own). */
export class RedisStore implements KeyValueStore {
  readonly backend = "redis" as const;
  /** Per key, the last text read and what it parsed to (see `getParsed`). */
  private readonly parsed = new Map<string, { text: string; value: unknown }>();

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

  /**
   * Redis stays the only copy: every call reads it. When the text is the one last parsed for this
   * key, that parse is returned instead of parsing again (the same object to every caller, so
   * read-only); any change in Redis is a different text and is parsed afresh.
   */
  async getParsed<T>(key: string, parse: (text: string) => T): Promise<T | null> {
    const text = await this.get(key);
    if (text === null) {
      this.parsed.delete(key);
      return null;
    }
    const last = this.parsed.get(key);
    if (last !== undefined && last.text === text) return last.value as T;
    const value = parse(text);
    this.parsed.delete(key);
    this.parsed.set(key, { text, value });
    if (this.parsed.size > MAX_PARSED) this.parsed.delete(this.parsed.keys().next().value!);
    return value;
  }

  async set(key: string, value: string, ttlMs: number) {
    await this.client.set(this.prefix + key, value, { PX: Math.max(1, Math.round(ttlMs)) });
  }

  async delete(...keys: string[]) {
    if (keys.length > 0) await this.client.del(keys.map((key) => this.prefix + key));
  }

  async incrementAll(counters: readonly WindowCounter[]) {
    const script = {
      keys: counters.map(({ key }) => this.prefix + key),
      arguments: counters.map(({ windowMs }) => String(Math.max(1, Math.round(windowMs)))),
    };
    const reply = (await this.client.evalSha(INCREMENT_ALL_SHA, script).catch((error: unknown) => {
      if (!isNoScript(error)) throw error;
      return this.client.eval(INCREMENT_ALL_SCRIPT, script);
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
    this.parsed.clear();
    // Gracefully when connected; while reconnecting there is nothing to flush (and QUIT would wait).
    if (this.client.isReady) await this.client.quit();
    else if (this.client.isOpen) this.client.destroy();
  }
}
