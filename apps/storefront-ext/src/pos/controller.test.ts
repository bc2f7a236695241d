import { describe, expect, it, vi } from "vitest";
import { ApiError } from "./api";
import { PosController } from "./controller";
import { fakeConnectivity, fakeServer, sequentialKeys, tickingClock } from "./fake-server.test-support";
import { OfflineQueue } from "./offline-queue";
import { memoryStorage } from "./storage";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
async function until(check: () => boolean) {
  for (let i = 0; i < 200 && !check(); i++) await settle();
  expect(check()).toBe(true);
}

function setUp(options: { balance?: number; connected?: boolean; withCart?: boolean } = {}) {
  const server = fakeServer({ balance: options.balance ?? 450 });
  const storage = memoryStorage();
  const connectivity = fakeConnectivity(options.connected ?? true);
  const now = tickingClock();
  const newKey = sequentialKeys();
  const queue = new OfflineQueue({ storage, api: server.api, now, newKey });
  const applied: string[] = [];
  const toasts: string[] = [];
  const controller = new PosController({
    api: server.api,
    queue,
    storage,
    connectivity,
    now,
    newKey,
    retryDelaysMs: [],
    toast: (t) => toasts.push(t),
    ...(options.withCart === false
      ? {}
      : {
          cart: {
            subtotalMinor: () => 4_000,
            applyCode: async (code: string) => {
              applied.push(code);
            },
          },
        }),
  });
  return { server, storage, connectivity, controller, queue, applied, toasts };
}

describe("POS controller: the offline scenario", () => {
  it("offline: three actions are pending; on reconnect two apply once and the unaffordable one is refused", async () => {
    const { controller, connectivity, server, applied } = setUp({ balance: 450 });
    controller.start({ shopifyCustomerId: "7100000000000" });
    await until(() => controller.getState().customer !== null);
    const reward = controller.getState().customer!.data.rewards[0]!;

    connectivity.set(false);
    server.state.online = false;
    await controller.award(50, "Reusable bag");
    await controller.redeem(reward);
    await controller.redeem(reward);
    const offline = controller.getState();
    expect(offline.connected).toBe(false);
    expect(offline.pending.map((p) => p.action.type)).toEqual(["earn", "redeem", "redeem"]);
    expect(offline.notice?.text).toMatch(/Saved on this device/);
    // 450 + 50 − 500 − 500: the till can tell the last redeem may be refused.
    expect(controller.projectedBalance()).toBe(-500);
    expect(server.state.syncCalls).toEqual([]);

    server.state.online = true;
    connectivity.set(true);
    await until(() => !controller.getState().syncing && controller.getState().pending.length === 0);
    await until(() => controller.getState().customer?.cached === false);
    const state = controller.getState();
    expect(state.results.map((r) => r.result.status)).toEqual(["refused", "applied", "applied"]);
    expect(state.results[0]!.result.reason).toBe("insufficient_points");
    expect(state.notice).toMatchObject({ tone: "warning" });
    expect(state.notice!.text).toContain("2 applied, 1 refused");
    expect(state.notice!.text).toContain("insufficient points");
    expect(server.state.applications).toHaveLength(2);
    expect(server.state.balance).toBe(0);
    // The customer is looked up again after the sync.
    expect(state.customer!.data.balance.available).toBe(0);
    // Offline redemptions are not put into a cart that may be gone; their codes are in the results.
    expect(applied).toEqual([]);
  });

  it("a sync whose answer is lost is reported and kept; Sync now re-sends the same keys, nothing is doubled", async () => {
    const { controller, connectivity, server } = setUp({ balance: 450 });
    controller.start({ shopifyCustomerId: "7100000000000" });
    await until(() => controller.getState().customer !== null);
    const reward = controller.getState().customer!.data.rewards[0]!;
    connectivity.set(false);
    await controller.award(50, "Reusable bag");
    await controller.redeem(reward);
    await controller.redeem(reward);

    server.state.faults.push("lose_response");
    connectivity.set(true);
    await until(() => controller.getState().syncError !== null);
    expect(controller.getState().syncError).toMatch(/3 actions still pending/);
    expect(controller.getState().notice).toMatchObject({
      tone: "warning",
      text: controller.getState().syncError,
    });
    expect(controller.getState().pending).toHaveLength(3);

    await controller.sync();
    const state = controller.getState();
    expect(state.pending).toEqual([]);
    expect(state.syncError).toBeNull();
    expect(state.results.map((r) => r.result.status)).toEqual(["refused", "duplicate", "duplicate"]);
    expect(server.state.syncCalls[1]!.map((a) => a.key)).toEqual(
      server.state.syncCalls[0]!.map((a) => a.key),
    );
    expect(server.state.applications).toHaveLength(2);
    expect(server.state.balance).toBe(0);
  });

  it("retries a failed sync by itself after the configured delay", async () => {
    vi.useFakeTimers();
    try {
      const server = fakeServer();
      const storage = memoryStorage();
      const queue = new OfflineQueue({ storage, api: server.api, newKey: sequentialKeys() });
      await queue.record({ type: "earn", customerId: 42, points: 5, reason: "x" }, { customerName: null });
      server.state.faults.push("fail_before");
      const controller = new PosController({
        api: server.api,
        queue,
        storage,
        connectivity: fakeConnectivity(true),
        retryDelaysMs: [1_000],
      });
      controller.start();
      await vi.waitFor(() => expect(controller.getState().syncError).not.toBeNull());
      expect(server.state.applications).toEqual([]);
      await vi.advanceTimersByTimeAsync(1_000);
      await vi.waitFor(() => expect(controller.getState().pending).toEqual([]));
      expect(server.state.applications).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("Sync now while offline does nothing but say so", async () => {
    const { controller, server } = setUp({ connected: false });
    controller.start();
    await controller.sync();
    expect(controller.getState().syncError).toMatch(/Offline/);
    expect(server.state.syncCalls).toEqual([]);
  });
});

describe("POS controller: online", () => {
  it("redeems with a request key, applies the code to the cart and shows the new balance", async () => {
    const { controller, applied, server, toasts } = setUp({ balance: 600 });
    controller.start({ shopifyCustomerId: "7100000000000" });
    await until(() => controller.getState().customer !== null);
    await controller.redeem(controller.getState().customer!.data.rewards[0]!);
    expect(applied).toEqual(["LN-CODE1"]);
    expect(controller.getState().lastCode).toBe("LN-CODE1");
    expect(controller.getState().notice?.text).toMatch(/applied to the cart/);
    expect(toasts[0]).toMatch(/\$5 off redeemed/);
    expect(server.state.applications).toEqual(["pos:test:redeem:0001"]);
    await until(() => controller.getState().customer!.data.balance.available === 100);
  });

  it("queues an online action whose outcome is unknown under the same key: the sync reports it once", async () => {
    const { controller, server } = setUp({ balance: 0 });
    controller.start({ shopifyCustomerId: "7100000000000" });
    await until(() => controller.getState().customer !== null);
    const original = server.api.award;
    server.api.award = async (input) => {
      await original(input); // applied…
      throw new ApiError("Unexpected answer (HTTP 504).", "BAD_RESPONSE", 504); // …but the answer is lost
    };
    await controller.award(25, "Survey");
    expect(controller.getState().pending.map((p) => p.action.key)).toEqual(["pos:test:award:0001"]);
    server.api.award = original;
    await controller.sync();
    expect(controller.getState().results.map((r) => r.result.status)).toEqual(["duplicate"]);
    expect(server.state.balance).toBe(25);
  });

  it("shows a definite refusal and queues nothing", async () => {
    const { controller } = setUp({ balance: 100 });
    controller.start({ shopifyCustomerId: "7100000000000" });
    await until(() => controller.getState().customer !== null);
    await controller.redeem(controller.getState().customer!.data.rewards[0]!);
    expect(controller.getState().notice).toMatchObject({ tone: "critical" });
    expect(controller.getState().notice!.text).toMatch(/more points/);
    expect(controller.getState().pending).toEqual([]);
  });

  it("validates an award before anything is sent or queued", async () => {
    const { controller, server } = setUp();
    controller.start({ shopifyCustomerId: "7100000000000" });
    await until(() => controller.getState().customer !== null);
    await controller.award(0, "x");
    await controller.award(10, "   ");
    expect(controller.getState().notice).toMatchObject({ tone: "warning" });
    expect(server.state.applications).toEqual([]);
    expect(controller.getState().pending).toEqual([]);
  });

  it("offline look-ups use the device's last answer for that customer, marked as cached; unknown ones say why", async () => {
    const { controller, connectivity } = setUp({ balance: 450 });
    controller.start({ shopifyCustomerId: "7100000000000" });
    await until(() => controller.getState().customer !== null);
    connectivity.set(false);
    controller.clearCustomer();
    await controller.lookup({ shopifyCustomerId: "7100000000000" });
    expect(controller.getState().customer).toMatchObject({
      cached: true,
      data: { balance: { available: 450 } },
    });
    await controller.lookup({ email: "someone@example.com" });
    expect(controller.getState().lookup).toMatchObject({ phase: "error" });
  });
});

describe("POS controller: a surface that only shows the queue", () => {
  it("does not sync on reconnect with autoSync off (the screen beside it does)", async () => {
    const server = fakeServer();
    const storage = memoryStorage();
    const connectivity = fakeConnectivity(false);
    const queue = new OfflineQueue({ storage, api: server.api, newKey: sequentialKeys() });
    await queue.record({ type: "earn", customerId: 42, points: 5, reason: "x" }, { customerName: null });
    const block = new PosController({ api: server.api, queue, storage, connectivity, autoSync: false });
    block.start({ shopifyCustomerId: "7100000000000" });
    connectivity.set(true);
    await until(() => block.getState().customer?.cached === false);
    expect(block.getState().pending).toHaveLength(1);
    expect(server.state.syncCalls).toEqual([]);
  });
});
