import { describe, expect, it } from "vitest";
import { Cache } from "./cache";
import { MemoryStore } from "./memory-store";

/** A load the test settles by hand, to observe what readers do while it is in flight. */
function deferredLoads<T>() {
  const pending: { resolve: (value: T) => void; reject: (error: Error) => void }[] = [];
  const load = () =>
    new Promise<T>((resolve, reject) => {
      pending.push({ resolve, reject });
    });
  return { load, pending };
}

/** Lets settled promises run their continuations (a load's write to the store). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function cacheWithClock() {
  const clock = { now: 0 };
  const cache = new Cache(
    new MemoryStore("", 1_000, () => clock.now),
    () => {},
    () => clock.now,
  );
  return { cache, clock };
}

describe("cache freshness", () => {
  it("spreads the freshness of keys loaded together over the second half of their life", async () => {
    const { cache, clock } = cacheWithClock();
    let loads = 0;
    const readAll = () =>
      Promise.all(Array.from({ length: 50 }, (_, i) => cache.getOrLoad(`k${i}`, 1_000, async () => ++loads)));
    await readAll();
    const reloadsAt = async (time: number) => {
      clock.now = time;
      const before = loads;
      await readAll();
      await settle();
      return loads - before;
    };
    expect(await reloadsAt(499)).toBe(0); // nothing goes stale before half its life
    const halfway = await reloadsAt(750);
    expect(halfway).toBeGreaterThan(0);
    expect(halfway).toBeLessThan(50);
  });

  it("serves a stale value at once and reloads it in the background, once", async () => {
    const { cache, clock } = cacheWithClock();
    const { load, pending } = deferredLoads<string>();
    const first = cache.getOrLoad("k", 1_000, load);
    await settle();
    pending[0]!.resolve("v1");
    expect(await first).toBe("v1");

    clock.now = 1_001; // past any freshness (at most the TTL), within the stale grace (at least 1.5 TTL)
    expect(await cache.getOrLoad("k", 1_000, load)).toBe("v1"); // not waiting for the reload
    expect(await cache.getOrLoad("k", 1_000, load)).toBe("v1");
    expect(pending).toHaveLength(2); // one reload for both stale reads

    pending[1]!.resolve("v2");
    await settle();
    expect(await cache.getOrLoad("k", 1_000, load)).toBe("v2");
    expect(pending).toHaveLength(2);
  });

  it("loads on the request a key nobody read for a whole extra TTL", async () => {
    const { cache, clock } = cacheWithClock();
    let loads = 0;
    const load = async () => `v${++loads}`;
    expect(await cache.getOrLoad("k", 1_000, load)).toBe("v1");
    clock.now = 2_001; // past freshness plus grace: gone from the store
    expect(await cache.getOrLoad("k", 1_000, load)).toBe("v2");
  });

  it("a failed background reload keeps serving the stale value and is reported", async () => {
    const errors: unknown[] = [];
    const clock = { now: 0 };
    const cache = new Cache(
      new MemoryStore("", 1_000, () => clock.now),
      (e) => errors.push(e),
      () => clock.now,
    );
    await cache.getOrLoad("k", 1_000, async () => "v1");
    clock.now = 1_001;
    const failing = () => Promise.reject(new Error("database down"));
    expect(await cache.getOrLoad("k", 1_000, failing)).toBe("v1");
    await settle();
    expect(errors).toEqual([new Error("database down")]);
    expect(await cache.getOrLoad("k", 1_000, async () => "v2")).toBe("v1"); // served, and reloaded again
    await settle();
    expect(await cache.getOrLoad("k", 1_000, async () => "v3")).toBe("v2");
  });
});

describe("cache loads", () => {
  it("concurrent misses of one key wait for one load", async () => {
    const { cache } = cacheWithClock();
    const { load, pending } = deferredLoads<{ balance: number }>();
    const reads = Array.from({ length: 10 }, () => cache.getOrLoad("k", 1_000, load));
    await settle();
    expect(pending).toHaveLength(1);
    pending[0]!.resolve({ balance: 7 });
    const values = await Promise.all(reads);
    expect(values.every((value) => value.balance === 7)).toBe(true);
  });

  it("a load overtaken by an invalidation answers its readers but is not stored; later reads load afresh", async () => {
    const { cache } = cacheWithClock();
    const { load, pending } = deferredLoads<string>();
    const before = cache.getOrLoad("k", 1_000, load); // reads the rows before the write commits
    await settle();
    await cache.invalidate("k"); // the write's commit notification
    const after = cache.getOrLoad("k", 1_000, load);
    await settle();
    expect(pending).toHaveLength(2); // the read after the invalidation did not join the old load

    // The newer load finishes first: the older one, finishing last, must not overwrite it.
    pending[1]!.resolve("new balance");
    expect(await after).toBe("new balance");
    pending[0]!.resolve("old balance");
    expect(await before).toBe("old balance");
    await settle();
    expect(await cache.getOrLoad("k", 1_000, load)).toBe("new balance");
    expect(pending).toHaveLength(2);
  });

  it("a failed load is not kept: the next read tries again", async () => {
    const { cache } = cacheWithClock();
    await expect(cache.getOrLoad("k", 1_000, () => Promise.reject(new Error("timeout")))).rejects.toThrow(
      "timeout",
    );
    expect(await cache.getOrLoad("k", 1_000, async () => "loaded")).toBe("loaded");
  });
});
