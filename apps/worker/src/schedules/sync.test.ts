import { schema } from "@loyalnest/db";
import { createTestDatabase, insertTestShop, type TestDatabase } from "@loyalnest/db/testing";
import { createBoss, QUEUES, sendRfmRescore } from "@loyalnest/queue";
import { eq } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminGraphqlClient } from "@loyalnest/shopify";
import { ensureScheduleQueues, SCHEDULE_QUEUES, SYNC_KEY, type ShopJob } from "./queues";
import { registerSchedules } from "./register";
import { syncSchedules } from "./sync";

let test: TestDatabase;
let boss: PgBoss;
beforeAll(async () => {
  test = await createTestDatabase("schedules_sync");
  // No cron pass in the test: the schedules are only written and read.
  boss = createBoss(test.url, { schedule: false, supervise: false, max: 2 });
  boss.on("error", () => {});
  await boss.start();
  await ensureScheduleQueues(boss);
});
afterAll(async () => {
  await boss.stop({ graceful: false });
  await test.drop();
});

describe("syncSchedules: one schedule per installed shop, at the shop's local time", () => {
  it("creates each shop's schedules in its time zone, follows a zone change, removes uninstalled shops'", async () => {
    const paris = await insertTestShop(test.db, { timezone: "Europe/Paris" });
    const tokyo = await insertTestShop(test.db, { timezone: "Asia/Tokyo" });
    const gone = await insertTestShop(test.db, { timezone: "UTC", status: "uninstalled" });

    await syncSchedules(boss, test.db);
    const nightly = await boss.getSchedules(SCHEDULE_QUEUES.nightly);
    expect(nightly.map((s) => [s.key, s.cron, s.timezone]).sort()).toEqual(
      [
        [paris.id, "0 1 * * *", "Europe/Paris"],
        [tokyo.id, "0 1 * * *", "Asia/Tokyo"],
      ].sort(),
    );
    expect(nightly.find((s) => s.key === paris.id)?.data).toEqual({ shopId: paris.id });
    for (const queue of [SCHEDULE_QUEUES.daily, SCHEDULE_QUEUES.reconcile]) {
      expect((await boss.getSchedules(queue)).map((s) => s.key).sort()).toEqual([paris.id, tokyo.id].sort());
    }
    // 01:00 in Tokyo is 16:00 UTC the day before.
    expect(
      boss.previewSchedule("0 1 * * *", {
        tz: "Asia/Tokyo",
        from: new Date("2026-05-01T00:00:00Z"),
        count: 1,
      }),
    ).toEqual([new Date("2026-05-01T16:00:00Z")]);

    // The shop moves; another uninstalls; syncing twice changes nothing more.
    await test.db
      .update(schema.shops)
      .set({ timezone: "America/Denver" })
      .where(eq(schema.shops.id, paris.id));
    await test.db.update(schema.shops).set({ status: "uninstalled" }).where(eq(schema.shops.id, tokyo.id));
    const result = await syncSchedules(boss, test.db);
    expect(result.removed).toEqual([tokyo.id]);
    await syncSchedules(boss, test.db);
    for (const queue of [SCHEDULE_QUEUES.nightly, SCHEDULE_QUEUES.daily, SCHEDULE_QUEUES.reconcile]) {
      const schedules = await boss.getSchedules(queue);
      expect(schedules.map((s) => [s.key, s.timezone])).toEqual([[paris.id, "America/Denver"]]);
    }
    expect(gone.id).not.toBe(paris.id);
  });
});

describe("registerSchedules: the workers run the scheduled jobs through pg-boss", () => {
  const admin = new AdminGraphqlClient({
    getAccessToken: () => Promise.reject(new Error("these jobs need no Admin API")),
  });
  let registered: Promise<void> | undefined;
  // Once per boss: a second registration would add a second set of workers.
  const register = () => (registered ??= registerSchedules(boss, { db: test.db, admin }));

  async function runJob(queue: string, data: ShopJob, send = () => boss.send(queue, data)) {
    const id = await send();
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const [job] = await boss.findJobs(queue, { id: id! });
      if (job?.state === "completed" || job?.state === "failed") return job;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`${queue} job ${id} did not finish`);
  }

  it("a nightly job for a shop runs the RFM pass and completes; the sync is itself scheduled", async () => {
    const shop = await insertTestShop(test.db, { timezone: "Europe/Berlin" });
    await test.db.insert(schema.customers).values({ shopId: shop.id, shopifyCustomerId: 1 });
    await register();
    expect((await boss.getSchedules(SCHEDULE_QUEUES.sync)).map((s) => s.key)).toEqual([SYNC_KEY]);
    expect((await boss.getSchedules(SCHEDULE_QUEUES.nightly)).map((s) => s.key)).toContain(shop.id);

    const job = await runJob(SCHEDULE_QUEUES.nightly, { shopId: shop.id, at: "2026-05-02T23:00:00.000Z" });
    expect(job.state).toBe("completed");
    const counts = await test.db
      .select()
      .from(schema.rfmSegmentCounts)
      .where(eq(schema.rfmSegmentCounts.shopId, shop.id));
    // 23:00 UTC on 2 May is 01:00 on 3 May in Berlin: the day is the shop's.
    expect(new Set(counts.map((c) => c.day))).toEqual(new Set(["2026-05-03"]));
    expect(counts.find((c) => c.segment === "inactive")?.customers).toBe(1);
  });

  it("a shop uninstalled before the sync removed its schedules gets no scheduled work", async () => {
    await register();
    const shop = await insertTestShop(test.db, { timezone: "UTC" });
    const [customer] = await test.db
      .insert(schema.customers)
      .values({ shopId: shop.id, shopifyCustomerId: 7, birthdayMonth: 5, birthdayDay: 3 })
      .returning();
    await test.db.update(schema.shops).set({ status: "uninstalled" }).where(eq(schema.shops.id, shop.id));

    const at = "2026-05-03T00:10:00.000Z";
    for (const queue of [SCHEDULE_QUEUES.nightly, SCHEDULE_QUEUES.daily, SCHEDULE_QUEUES.reconcile]) {
      const job = await runJob(queue, { shopId: shop.id, at });
      expect(job.state).toBe("completed");
      expect(job.output).toEqual({ skipped: "the shop is uninstalled" });
    }
    const ledger = await test.db
      .select()
      .from(schema.pointsLedger)
      .where(eq(schema.pointsLedger.customerId, customer!.id));
    expect(ledger).toEqual([]);
    const counts = await test.db
      .select()
      .from(schema.rfmSegmentCounts)
      .where(eq(schema.rfmSegmentCounts.shopId, shop.id));
    expect(counts).toEqual([]);
  });

  it("an RFM rescore (sent when the settings are saved) scores the shop's customers now", async () => {
    await register();
    const shop = await insertTestShop(test.db, { timezone: "UTC" });
    const [customer] = await test.db
      .insert(schema.customers)
      .values({ shopId: shop.id, shopifyCustomerId: 9 })
      .returning();
    const job = await runJob(QUEUES.rfmRescore, { shopId: shop.id }, () =>
      sendRfmRescore(boss, { shopId: shop.id }),
    );
    expect(job.state).toBe("completed");
    const [scored] = await test.db
      .select({ segment: schema.customers.rfmSegment })
      .from(schema.customers)
      .where(eq(schema.customers.id, customer!.id));
    expect(scored?.segment).toBe("inactive");
  });
});
