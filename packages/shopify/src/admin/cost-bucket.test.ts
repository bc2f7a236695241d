import { describe, expect, it } from "vitest";
import { CostBucket, type CostReservation, type ThrottleStatus } from "./cost-bucket";
import { FakeClock, flush } from "./fake-clock.test-support";

const status = (currentlyAvailable: number, maximumAvailable = 100, restoreRate = 10): ThrottleStatus => ({
  maximumAvailable,
  currentlyAvailable,
  restoreRate,
});

function track(promise: Promise<CostReservation>) {
  const box: { value: CostReservation | null } = { value: null };
  void promise.then((r) => (box.value = r));
  return box;
}

describe("CostBucket", () => {
  it("sends one probe at a time until Shopify has told it the bucket's size", async () => {
    const bucket = new CostBucket(new FakeClock());
    const first = track(bucket.acquire(10));
    const second = track(bucket.acquire(10));
    await flush();
    expect(first.value).not.toBeNull();
    expect(second.value).toBeNull();
    first.value!.settle(status(90), 10);
    await flush();
    expect(second.value).not.toBeNull();
  });

  it("waits exactly until the bucket has restored enough for the next request", async () => {
    const clock = new FakeClock();
    const bucket = new CostBucket(clock);
    (await bucket.acquire(1)).settle(status(90), 1);
    const a = track(bucket.acquire(50));
    const b = track(bucket.acquire(50));
    await flush();
    expect(a.value).not.toBeNull();
    expect(b.value).toBeNull();
    // 90 - 50 = 40 left; 10 more points take 1 s at 10 points/s.
    await clock.advance(999);
    expect(b.value).toBeNull();
    await clock.advance(1);
    expect(b.value).not.toBeNull();
    expect(bucket.snapshot().available).toBeCloseTo(0);
  });

  it("trusts Shopify's lower figure when another process has spent the bucket", async () => {
    const clock = new FakeClock();
    const bucket = new CostBucket(clock);
    (await bucket.acquire(1)).settle(status(100), 1);
    (await bucket.acquire(10)).settle(status(20), 10);
    expect(bucket.snapshot().available).toBe(20);
  });

  it("refunds the difference between estimated and actual cost", async () => {
    const bucket = new CostBucket(new FakeClock());
    (await bucket.acquire(1)).settle(status(100), 1);
    const r = await bucket.acquire(60);
    expect(bucket.snapshot().available).toBe(40);
    r.settle(status(95), 5);
    expect(bucket.snapshot().available).toBe(95);
  });

  it("runs a query dearer than the whole bucket once the bucket is full", async () => {
    const clock = new FakeClock();
    const bucket = new CostBucket(clock);
    (await bucket.acquire(1)).settle(status(50), 1);
    const big = track(bucket.acquire(500));
    await clock.advance(4_999);
    expect(big.value).toBeNull();
    await clock.advance(1);
    expect(big.value).not.toBeNull();
  });

  it("keeps a simulated Shopify bucket from ever going negative under 10 concurrent callers", async () => {
    const clock = new FakeClock();
    const bucket = new CostBucket(clock);
    const server = { available: 100, at: 0, throttled: 0, minimum: 100 };
    const restore = () => {
      server.available = Math.min(100, server.available + ((clock.now() - server.at) * 10) / 1000);
      server.at = clock.now();
    };
    async function call(cost: number) {
      const reservation = await bucket.acquire(cost);
      await clock.sleep(5); // request latency
      restore();
      if (server.available < cost) {
        server.throttled++;
        reservation.settle(status(server.available), null);
        return;
      }
      server.available -= cost;
      server.minimum = Math.min(server.minimum, server.available);
      await clock.sleep(15); // execution and response latency
      restore();
      reservation.settle(status(server.available), cost);
    }
    const callers = Array.from({ length: 10 }, async (_, i) => {
      for (let n = 0; n < 5; n++) await call(10 + i * 3);
    });
    const done = Promise.all(callers);
    let finished = false;
    void done.then(() => (finished = true));
    while (!finished) await clock.advance(10);
    expect(server.throttled).toBe(0);
    expect(server.minimum).toBeGreaterThanOrEqual(0);
  });
});
