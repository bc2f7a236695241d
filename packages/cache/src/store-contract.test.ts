import { randomBytes } from "node:crypto";
import { connect, createServer, type Socket } from "node:net";
import { createClient } from "redis";
import { afterAll, describe, expect, it } from "vitest";
import { Cache } from "./cache";
import type { KeyValueStore } from "./key-value-store";
import { MemoryStore } from "./memory-store";
import { RateLimiter } from "./rate-limiter";
import { RedisStore } from "./redis-store";

const redisUrl = process.env.LOYALNEST_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
const prefix = `ln-test:${randomBytes(4).toString("hex")}:`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const stores: [string, () => Promise<KeyValueStore>][] = [
  ["redis", () => RedisStore.connect(redisUrl, prefix)],
  ["memory", async () => new MemoryStore(prefix)],
];

describe.each(stores)("the %s store", (_name, open) => {
  let store: KeyValueStore;
  const opened = open().then((s) => (store = s));
  afterAll(async () => {
    await store.close();
  });

  it("stores, reads and deletes values", async () => {
    await opened;
    await store.set("a", "1", 10_000);
    await store.set("b", "2", 10_000);
    expect(await store.get("a")).toBe("1");
    await store.delete("a", "b");
    expect(await store.get("a")).toBeNull();
    expect(await store.get("b")).toBeNull();
    expect(await store.ping()).toBe(true);
  });

  it("forgets a value after its time to live", async () => {
    await opened;
    await store.set("short", "x", 150);
    expect(await store.get("short")).toBe("x");
    await sleep(300);
    expect(await store.get("short")).toBeNull();
  });

  it("counts hits in a window that starts with the first hit", async () => {
    await opened;
    const hit = async (key: string, windowMs: number) => (await store.incrementAll([{ key, windowMs }]))[0]!;
    const first = await hit("counter", 200);
    const second = await hit("counter", 200);
    expect([first.count, second.count]).toEqual([1, 2]);
    expect(second.resetInMs).toBeLessThanOrEqual(200);
    await sleep(350);
    expect((await hit("counter", 200)).count).toBe(1);
  });

  it("counts several windows in one call, each on its own clock", async () => {
    await opened;
    const both = () =>
      store.incrementAll([
        { key: "short-window", windowMs: 200 },
        { key: "long-window", windowMs: 60_000 },
      ]);
    await both();
    const [short, long] = await both();
    expect([short!.count, long!.count]).toEqual([2, 2]);
    expect(short!.resetInMs).toBeLessThanOrEqual(200);
    expect(long!.resetInMs).toBeGreaterThan(200);
    await sleep(350);
    const [shortAgain, longAgain] = await both();
    expect([shortAgain!.count, longAgain!.count]).toEqual([1, 3]);
  });

  it("rate-limits: exactly `limit` requests pass in a window, and the rest learn when to retry", async () => {
    await opened;
    const limiter = new RateLimiter(store);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => limiter.consume("shop-1:customer-9", { limit: 5, windowMs: 60_000 })),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    const refused = results.filter((r) => !r.allowed);
    expect(refused).toHaveLength(3);
    expect(refused.every((r) => r.retryAfterMs > 0 && r.retryAfterMs <= 60_000)).toBe(true);
    // another customer has their own budget
    expect((await limiter.consume("shop-1:customer-10", { limit: 5, windowMs: 60_000 })).allowed).toBe(true);
  });

  it("serves cached JSON until invalidated", async () => {
    await opened;
    const cache = new Cache(store);
    let loads = 0;
    const load = async () => ({ balance: 100 + loads++ });
    expect(await cache.getOrLoad("profile:1", 60_000, load)).toEqual({ balance: 100 });
    expect(await cache.getOrLoad("profile:1", 60_000, load)).toEqual({ balance: 100 });
    await cache.invalidate("profile:1");
    expect(await cache.getOrLoad("profile:1", 60_000, load)).toEqual({ balance: 101 });
    expect(loads).toBe(2);
  });
});

describe("the Redis store's counting script", () => {
  it("is sent again after Redis forgot it (a restart, SCRIPT FLUSH), and counting goes on", async () => {
    const store = await RedisStore.connect(redisUrl, `${prefix}script:`);
    const admin = createClient({ url: redisUrl });
    await admin.connect();
    try {
      const counter = [{ key: "hits", windowMs: 60_000 }];
      expect((await store.incrementAll(counter))[0]!.count).toBe(1);
      await admin.scriptFlush();
      expect((await store.incrementAll(counter))[0]!.count).toBe(2);
      expect((await store.incrementAll(counter))[0]!.count).toBe(3);
    } finally {
      await admin.quit();
      await store.close();
    }
  });
});

describe("when Redis fails", () => {
  const broken: KeyValueStore = {
    backend: "redis",
    get: () => Promise.reject(new Error("down")),
    getParsed: () => Promise.reject(new Error("down")),
    set: () => Promise.reject(new Error("down")),
    delete: () => Promise.reject(new Error("down")),
    incrementAll: () => Promise.reject(new Error("down")),
    ping: async () => false,
    close: async () => {},
  };

  it("reads fall through to the source of truth", async () => {
    const errors: unknown[] = [];
    const cache = new Cache(broken, (e) => errors.push(e));
    expect(await cache.getOrLoad("k", 1000, async () => "from postgres")).toBe("from postgres");
    expect(errors).toHaveLength(1);
  });

  it("rate limiting lets requests through rather than taking the storefront down", async () => {
    const limiter = new RateLimiter(broken);
    expect((await limiter.consume("k", { limit: 1, windowMs: 1000 })).allowed).toBe(true);
  });
});

describe("when the Redis connection drops", () => {
  it("reads fall back to the source of truth at once instead of waiting for the reconnect", async () => {
    // A TCP proxy in front of the test Redis, closed mid-test: the connection drops and stays down.
    const target = new URL(redisUrl);
    const sockets = new Set<Socket>();
    const proxy = createServer((client) => {
      const upstream = connect(Number(target.port || 6379), target.hostname);
      client.pipe(upstream).pipe(client);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on("error", () => {});
      }
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const { port } = proxy.address() as { port: number };
    const store = await RedisStore.connect(`redis://127.0.0.1:${port}`, `${prefix}drop:`);
    const errors: unknown[] = [];
    const cache = new Cache(store, (e) => errors.push(e));
    try {
      expect(await cache.getOrLoad("k", 10_000, async () => "first")).toBe("first");
      expect(await cache.getOrLoad("k", 10_000, async () => "not used")).toBe("first");

      await new Promise<void>((resolve) => {
        proxy.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      const started = performance.now();
      expect(await cache.getOrLoad("k", 10_000, async () => "from postgres")).toBe("from postgres");
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(errors.length).toBeGreaterThan(0);
    } finally {
      await store.close().catch(() => {});
    }
  });
});

describe("the memory store's bound", () => {
  it("evicts the oldest entry past its size", async () => {
    const store = new MemoryStore("", 2);
    await store.set("a", "1", 10_000);
    await store.set("b", "2", 10_000);
    await store.set("c", "3", 10_000);
    expect(await store.get("a")).toBeNull();
    expect(await store.get("c")).toBe("3");
  });
});

/** A JSON parse that counts its calls: `parses()` is how many texts were parsed so far. */
function countingParse() {
  let count = 0;
  const parse = (text: string) => {
    count++;
    return JSON.parse(text) as { n: number };
  };
  return { parse, parses: () => count };
}

describe("the memory store's parsed values", () => {
  it("parses a cached value once, and again only after it is replaced or expires", async () => {
    let clock = 0;
    const store = new MemoryStore("", 100, () => clock);
    const { parse, parses } = countingParse();
    await store.set("k", '{"n":1}', 1_000);
    const first = await store.getParsed("k", parse);
    expect(first).toEqual({ n: 1 });
    expect(await store.getParsed("k", parse)).toBe(first);
    expect(parses()).toBe(1);

    await store.set("k", '{"n":2}', 1_000);
    expect(await store.getParsed("k", parse)).toEqual({ n: 2 });
    clock = 1_000;
    expect(await store.getParsed("k", parse)).toBeNull();
    expect(parses()).toBe(2);
  });
});

describe("the Redis store's parsed values", () => {
  it("reads Redis every time but parses a text only when it changed, whoever changed it", async () => {
    const store = await RedisStore.connect(redisUrl, `${prefix}parsed:`);
    const other = await RedisStore.connect(redisUrl, `${prefix}parsed:`);
    try {
      const { parse, parses } = countingParse();
      await store.set("k", '{"n":1}', 10_000);
      const first = await store.getParsed("k", parse);
      expect(first).toEqual({ n: 1 });
      expect(await store.getParsed("k", parse)).toBe(first);
      expect(parses()).toBe(1);

      // Another process writes, then deletes: this one sees both at once.
      await other.set("k", '{"n":2}', 10_000);
      expect(await store.getParsed("k", parse)).toEqual({ n: 2 });
      expect(parses()).toBe(2);
      await other.delete("k");
      expect(await store.getParsed("k", parse)).toBeNull();

      // A key found missing leaves nothing behind: written back, it is parsed afresh.
      await other.set("k", '{"n":2}', 10_000);
      expect(await store.getParsed("k", parse)).toEqual({ n: 2 });
      expect(parses()).toBe(3);
    } finally {
      await store.close();
      await other.close();
    }
  });
});
