import { applyTierAfterEarning, postLedgerEntry, requireEntry, schema } from "@loyalnest/db";
import { createTestDatabase, insertTestCustomer, type TestDatabase } from "@loyalnest/db/testing";
import type { ShopifyStandIn } from "@loyalnest/shopify-dev";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNightly } from "./nightly";
import { scheduleKit, startStandIn } from "./schedules.test-support";

let test: TestDatabase;
let standIn: ShopifyStandIn;
beforeAll(async () => {
  test = await createTestDatabase("schedules_nightly");
  standIn = await startStandIn();
});
afterAll(async () => {
  await standIn.close();
  await test.drop();
});

const DAY = 86_400_000;
const T0 = new Date("2026-03-01T12:00:00Z");
const after = (days: number) => new Date(T0.getTime() + days * DAY);

async function ledger(shopId: string, customerId: number, key: string, amount: number, at: Date) {
  await test.db.transaction(async (tx) => {
    requireEntry(
      await postLedgerEntry(tx, shopId, {
        customerId,
        kind: amount > 0 ? "earn" : "refund_clawback",
        amount,
        status: "available",
        sourceType: amount > 0 ? "order" : "refund",
        sourceId: key,
        idempotencyKey: key,
        occurredAt: at,
      }),
    );
    await applyTierAfterEarning(tx, shopId, customerId, at, key);
  });
}

const customerRow = async (shopId: string, id: number) =>
  (
    await test.db
      .select()
      .from(schema.customers)
      .where(and(eq(schema.customers.shopId, shopId), eq(schema.customers.id, id)))
  )[0]!;

describe("the nightly job: RFM pass, tier evaluation of every member, segment snapshot", () => {
  it("§8 downgrades a member only after the retention period, once, and keeps the day's segment counts", async () => {
    const { deps, installShop } = scheduleKit(test, standIn);
    const shop = await installShop("Australia/Sydney");
    const [silver, gold] = await test.db
      .insert(schema.vipTiers)
      .values([
        { shopId: shop.id, name: "Silver", threshold: 1000 },
        { shopId: shop.id, name: "Gold", threshold: 5000 },
      ])
      .returning();
    const c = (await insertTestCustomer(test.db, shop.id)).id;
    const others = await Promise.all(
      [1, 2, 3].map(async () => (await insertTestCustomer(test.db, shop.id)).id),
    );
    await ledger(shop.id, c, "order:1:earn", 6000, T0);
    expect((await customerRow(shop.id, c)).tierId).toBe(gold!.id);
    await ledger(shop.id, c, "refund:1:clawback", -4000, after(5));

    // Before the retention period (365 days): the customer keeps Gold.
    const early = await runNightly({ ...deps, budgetMs: 60_000 }, shop.id, after(364));
    expect(early).toMatchObject({ tiersEvaluated: 4, tierChanges: 0, continueAfter: null });
    expect((await customerRow(shop.id, c)).tierId).toBe(gold!.id);

    const night = await runNightly(deps, shop.id, after(365));
    expect(night.tierChanges).toBe(1);
    expect((await customerRow(shop.id, c)).tierId).toBe(silver!.id);
    expect(night.rfm).toMatchObject({ customers: 4 });
    const counts = await test.db
      .select()
      .from(schema.rfmSegmentCounts)
      .where(eq(schema.rfmSegmentCounts.shopId, shop.id));
    expect(counts.filter((r) => r.day === night.rfm!.day)).toHaveLength(7);

    // Run twice (a retry): nothing changes again.
    const again = await runNightly(deps, shop.id, after(365));
    expect(again.tierChanges).toBe(0);
    const history = await test.db
      .select()
      .from(schema.tierHistory)
      .where(and(eq(schema.tierHistory.shopId, shop.id), eq(schema.tierHistory.customerId, c)));
    expect(history.map((h) => h.reason)).toEqual(["initial", "downgrade"]);
    expect(others).toHaveLength(3);
  });

  it("is bounded: past its time budget it stops between batches and returns where to continue", async () => {
    const { deps, installShop } = scheduleKit(test, standIn);
    const shop = await installShop("UTC");
    await test.db
      .insert(schema.customers)
      .values(Array.from({ length: 450 }, (_, i) => ({ shopId: shop.id, shopifyCustomerId: 10_000 + i })));
    const first = await runNightly({ ...deps, budgetMs: 0 }, shop.id, T0);
    expect(first.tiersEvaluated).toBe(200);
    expect(first.continueAfter).not.toBeNull();
    const rest = await runNightly({ ...deps, budgetMs: 0 }, shop.id, T0, first.continueAfter!);
    expect(rest.rfm).toBeNull(); // a continuation does not redo the RFM pass
    const last = await runNightly({ ...deps, budgetMs: 0 }, shop.id, T0, rest.continueAfter!);
    expect(first.tiersEvaluated + rest.tiersEvaluated + last.tiersEvaluated).toBe(450);
    expect(last.continueAfter).toBeNull();
  });
});
