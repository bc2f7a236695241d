import { describe, expect, it } from "vitest";
import { ApiError } from "./api";
import { fakeServer, sequentialKeys, tickingClock } from "./fake-server.test-support";
import { MAX_BATCH, OfflineQueue } from "./offline-queue";
import type { NewAction } from "./offline-queue";
import { memoryStorage } from "./storage";

const earn = (points: number, reason = "Reusable bag"): NewAction => ({
  type: "earn",
  customerId: 42,
  points,
  reason,
});
const redeem = (): NewAction => ({ type: "redeem", customerId: 42, rewardId: 9, cartSubtotalMinor: 4_000 });
const meta = { customerName: "Ada" };

function setUp(options: { balance?: number } = {}) {
  const server = fakeServer(options);
  const storage = memoryStorage();
  const clock = tickingClock();
  const newKey = sequentialKeys();
  const make = () => new OfflineQueue({ storage, api: server.api, now: clock, newKey });
  return { server, storage, queue: make(), restart: make };
}

describe("offline queue: recording", () => {
  it("gives each action its own idempotency key and recordedAt when recorded, kept in recording order", async () => {
    const { queue, storage } = setUp();
    const a = await queue.record(earn(50), meta);
    const b = await queue.record(redeem(), { ...meta, rewardName: "$5 off", pointsCost: 500 });
    const c = await queue.record(earn(10), meta);
    expect([a, b, c].map((q) => q.action.key)).toEqual([
      "pos:test:off-earn:0001",
      "pos:test:off-redeem:0002",
      "pos:test:off-earn:0003",
    ]);
    expect(a.action.recordedAt < b.action.recordedAt && b.action.recordedAt < c.action.recordedAt).toBe(true);
    expect(a.seq < b.seq && b.seq < c.seq).toBe(true);
    // Exactly the shape pos.syncOffline takes: nothing display-only inside `action`.
    expect(b.action).toEqual({
      type: "redeem",
      customerId: 42,
      rewardId: 9,
      cartSubtotalMinor: 4_000,
      key: "pos:test:off-redeem:0002",
      recordedAt: b.action.recordedAt,
    });
    expect((await queue.pending()).map((q) => q.action.key)).toEqual([a, b, c].map((q) => q.action.key));
    // One record per action on the device.
    expect(Object.keys(storage.snapshot()).sort()).toEqual([
      "queue:pos:test:off-earn:0001",
      "queue:pos:test:off-earn:0003",
      "queue:pos:test:off-redeem:0002",
    ]);
  });

  it("survives a restart (the Storage API persists), and keeps ordering for actions recorded after it", async () => {
    const { queue, restart } = setUp();
    await queue.record(earn(1), meta);
    await queue.record(earn(2), meta);
    const again = restart();
    await again.record(earn(3), meta);
    expect((await again.pending()).map((q) => (q.action.type === "earn" ? q.action.points : 0))).toEqual([
      1, 2, 3,
    ]);
  });

  it("records an action under a given key once (an online attempt whose outcome was unknown)", async () => {
    const { queue } = setUp();
    const first = await queue.record(earn(5), meta, "pos:award:known-key-1");
    const second = await queue.record(earn(5), meta, "pos:award:known-key-1");
    expect(second).toEqual(first);
    expect(await queue.pending()).toHaveLength(1);
    await expect(queue.record(earn(5), meta, "bad key!")).rejects.toThrow(/Invalid idempotency key/);
  });
});

describe("offline queue: sync", () => {
  it("sends in recording order, applies the affordable ones once, reports the unaffordable redeem refused", async () => {
    const { queue, server } = setUp({ balance: 450 });
    await queue.record(earn(50), meta); // 500
    await queue.record(redeem(), meta); // 0
    await queue.record(redeem(), meta); // refused: 0 < 500
    const outcome = await queue.sync();
    expect(outcome.status).toBe("done");
    if (outcome.status !== "done") return;
    expect(outcome.results.map((r) => [r.key, r.result.status, r.result.reason])).toEqual([
      ["pos:test:off-earn:0001", "applied", null],
      ["pos:test:off-redeem:0002", "applied", null],
      ["pos:test:off-redeem:0003", "refused", "insufficient_points"],
    ]);
    expect(server.state.syncCalls).toHaveLength(1);
    expect(server.state.syncCalls[0]!.map((a) => a.key)).toEqual(outcome.results.map((r) => r.key));
    expect(server.state.balance).toBe(0);
    expect(await queue.pending()).toEqual([]);
    // Most recent first for the screen.
    expect((await queue.results()).map((r) => r.result.status)).toEqual(["refused", "applied", "applied"]);
    expect(await queue.sync()).toEqual({ status: "empty" });
  });

  it("a lost answer keeps every action; the retry re-sends the same keys and nothing is doubled", async () => {
    const { queue, server } = setUp({ balance: 450 });
    await queue.record(earn(50), meta);
    await queue.record(redeem(), meta);
    await queue.record(redeem(), meta);
    server.state.faults.push("lose_response");
    const lost = await queue.sync();
    expect(lost).toMatchObject({ status: "failed", transient: true, remaining: 3, results: [] });
    // The server did apply them…
    expect(server.state.balance).toBe(0);
    expect(await queue.pending()).toHaveLength(3);

    const retry = await queue.sync();
    expect(retry.status).toBe("done");
    expect(server.state.syncCalls[1]!.map((a) => a.key)).toEqual(
      server.state.syncCalls[0]!.map((a) => a.key),
    );
    expect(server.state.syncCalls[1]).toEqual(server.state.syncCalls[0]); // same recordedAt too
    if (retry.status !== "done") return;
    expect(retry.results.map((r) => r.result.status)).toEqual(["duplicate", "duplicate", "refused"]);
    // …once.
    expect(server.state.applications).toHaveLength(2);
    expect(server.state.balance).toBe(0);
    expect(await queue.pending()).toEqual([]);
  });

  it("a crash between sending and storing the result re-sends after restart; the server reports duplicates", async () => {
    const { queue, server, restart, storage } = setUp({ balance: 0 });
    await queue.record(earn(30), meta);
    await queue.record(earn(20), meta);
    // The app dies while the request is in flight: the server applied the batch, the till never saw the answer.
    const original = server.api.syncOffline;
    server.api.syncOffline = async (input) => {
      await original(input);
      return new Promise(() => undefined); // never settles: the process is gone
    };
    void queue.sync();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.state.balance).toBe(50);
    expect(Object.keys(storage.snapshot()).filter((k) => k.startsWith("queue:"))).toHaveLength(2);

    server.api.syncOffline = original;
    const revived = restart();
    const outcome = await revived.sync();
    expect(outcome.status === "done" && outcome.results.map((r) => r.result.status)).toEqual([
      "duplicate",
      "duplicate",
    ]);
    expect(server.state.balance).toBe(50);
    expect(server.state.applications).toHaveLength(2);
    expect(await revived.pending()).toEqual([]);
  });

  it("a request that never reached the server keeps everything for later", async () => {
    const { queue, server } = setUp();
    await queue.record(earn(5), meta);
    server.state.faults.push("fail_before");
    const outcome = await queue.sync();
    expect(outcome).toMatchObject({ status: "failed", transient: true, remaining: 1 });
    expect(server.state.applications).toEqual([]);
    expect(await queue.sync()).toMatchObject({ status: "done" });
    expect(server.state.applications).toHaveLength(1);
  });

  it("a definite refusal of the whole batch (e.g. 401) keeps the actions and says it is not transient", async () => {
    const { queue, storage } = setUp();
    await queue.record(earn(5), meta);
    const refusing = new OfflineQueue({
      storage,
      api: {
        syncOffline: async () => {
          throw new ApiError("Invalid POS session token (expired).", "UNAUTHORIZED", 401);
        },
      },
    });
    expect(await refusing.sync()).toMatchObject({ status: "failed", transient: false, remaining: 1 });
    expect(await queue.pending()).toHaveLength(1);
  });

  it("removes only the actions a result came back for", async () => {
    const { queue, server } = setUp();
    await queue.record(earn(1), meta);
    await queue.record(earn(2), meta);
    await queue.record(earn(3), meta);
    server.state.faults.push("partial");
    const outcome = await queue.sync();
    expect(outcome).toMatchObject({ status: "failed", remaining: 2 });
    expect(outcome.status === "failed" && outcome.results.map((r) => r.key)).toEqual([
      "pos:test:off-earn:0001",
    ]);
    expect((await queue.pending()).map((q) => q.action.key)).toEqual([
      "pos:test:off-earn:0002",
      "pos:test:off-earn:0003",
    ]);
    const rest = await queue.sync();
    // The first was answered already; the next sync sends only the two left, which the server
    // had applied (their results were what went missing): duplicates, applied once.
    expect(server.state.syncCalls[1]!.map((a) => a.key)).toEqual([
      "pos:test:off-earn:0002",
      "pos:test:off-earn:0003",
    ]);
    expect(rest.status === "done" && rest.results.map((r) => r.result.status)).toEqual([
      "duplicate",
      "duplicate",
    ]);
    expect(server.state.applications).toHaveLength(3);
    expect(server.state.balance).toBe(600 + 6);
  });

  it("takes the first result when one key is answered twice, and ignores results for keys it did not send", async () => {
    const { queue, server } = setUp();
    await queue.record(earn(7), meta);
    server.state.faults.push("duplicate_entries");
    const outcome = await queue.sync();
    expect(outcome.status === "done" && outcome.results.map((r) => r.result.status)).toEqual(["applied"]);
    expect((await queue.results()).map((r) => r.result.status)).toEqual(["applied"]);

    const stray = new OfflineQueue({
      storage: memoryStorage(),
      api: {
        syncOffline: async () => ({
          results: [
            {
              key: "somebody-else-0001",
              type: "earn",
              status: "applied",
              reason: null,
              message: null,
              pointsDelta: 1,
              discountCode: null,
              balance: 1,
            },
          ],
        }),
      },
    });
    await stray.record(earn(1), meta, "pos:mine:00000001");
    expect(await stray.sync()).toMatchObject({ status: "failed", remaining: 1 });
  });

  it("one sync at a time: a second call joins the running one (no double send)", async () => {
    const { queue, server } = setUp();
    await queue.record(earn(5), meta);
    const [a, b] = await Promise.all([queue.sync(), queue.sync()]);
    expect(a).toBe(b);
    expect(server.state.syncCalls).toHaveLength(1);
    expect(queue.syncing).toBe(false);
  });

  it("an action recorded while a sync runs stays queued for the next one", async () => {
    const { queue, server } = setUp();
    await queue.record(earn(1), meta);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const original = server.api.syncOffline;
    server.api.syncOffline = async (input) => {
      await gate;
      return original(input);
    };
    const running = queue.sync();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await queue.record(earn(2), meta);
    release();
    const outcome = await running;
    expect(outcome.status === "done" && outcome.results.map((r) => r.key)).toEqual([
      "pos:test:off-earn:0001",
    ]);
    expect((await queue.pending()).map((q) => q.action.key)).toEqual(["pos:test:off-earn:0002"]);
  });

  it(`sends at most ${MAX_BATCH} actions per call, in order, until the queue is empty`, async () => {
    const { queue, server } = setUp({ balance: 0 });
    for (let i = 1; i <= 230; i++) await queue.record(earn(1), meta);
    const outcome = await queue.sync();
    expect(server.state.syncCalls.map((c) => c.length)).toEqual([100, 100, 30]);
    const sent = server.state.syncCalls.flat().map((a) => a.key);
    expect(sent).toEqual([...sent].sort());
    expect(outcome.status === "done" && outcome.results).toHaveLength(230);
    expect(server.state.balance).toBe(230);
  });
});

describe("offline queue: change notifications", () => {
  it("tells listeners when an action is recorded and when results settle actions", async () => {
    const { queue } = setUp();
    let changes = 0;
    const stop = queue.onChange(() => changes++);
    await queue.record(earn(1), meta);
    expect(changes).toBe(1);
    await queue.sync();
    expect(changes).toBe(2);
    stop();
    await queue.record(earn(1), meta);
    expect(changes).toBe(2);
  });
});
