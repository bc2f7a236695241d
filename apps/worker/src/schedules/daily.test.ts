import { postLedgerEntry, requireEntry, schema } from "@loyalnest/db";
import { createTestDatabase, insertTestCustomer, type TestDatabase } from "@loyalnest/db/testing";
import type { ShopifyStandIn } from "@loyalnest/shopify-dev";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDaily } from "./daily";
import { scheduleKit, startStandIn } from "./schedules.test-support";

let test: TestDatabase;
let standIn: ShopifyStandIn;
beforeAll(async () => {
  test = await createTestDatabase("schedules_daily");
  standIn = await startStandIn();
});
afterAll(async () => {
  await standIn.close();
  await test.drop();
});

const DAY = 86_400_000;
const NOW = new Date("2026-09-01T07:10:00Z");
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

async function earn(shopId: string, customerId: number, key: string, amount: number, at: Date) {
  await test.db.transaction(async (tx) =>
    requireEntry(
      await postLedgerEntry(tx, shopId, {
        customerId,
        kind: "earn",
        amount,
        status: "available",
        sourceType: "order",
        idempotencyKey: key,
        occurredAt: at,
      }),
    ),
  );
}

const balanceOf = async (shopId: string, customerId: number) =>
  (
    await test.db
      .select()
      .from(schema.pointBalances)
      .where(and(eq(schema.pointBalances.shopId, shopId), eq(schema.pointBalances.customerId, customerId)))
  )[0]!;

describe("the daily job", () => {
  it("§6 expires an inactive balance once, and warns 30 days ahead honouring marketing consent", async () => {
    const { deps, installShop } = scheduleKit(test, standIn);
    const shop = await installShop("America/Chicago");
    await test.db
      .update(schema.shopSettings)
      .set({ expiryPolicy: "inactivity", expiryInactivityDays: 365 })
      .where(eq(schema.shopSettings.shopId, shop.id));
    const dormant = (await insertTestCustomer(test.db, shop.id)).id;
    const subscribed = (
      await insertTestCustomer(test.db, shop.id, { marketingConsent: "subscribed", locale: "fr" })
    ).id;
    const notSubscribed = (await insertTestCustomer(test.db, shop.id)).id;
    const active = (await insertTestCustomer(test.db, shop.id)).id;
    await earn(shop.id, dormant, "order:1:earn", 500, ago(400));
    await earn(shop.id, subscribed, "order:2:earn", 300, ago(340));
    await earn(shop.id, notSubscribed, "order:3:earn", 200, ago(340));
    await earn(shop.id, active, "order:4:earn", 100, ago(10));

    const first = await runDaily(deps, shop.id, NOW);
    expect(first).toMatchObject({ expired: 1, warnings: { queued: 1, skippedNoConsent: 1 }, unfinished: [] });
    expect(await balanceOf(shop.id, dormant)).toMatchObject({ available: 0 });
    expect(await balanceOf(shop.id, active)).toMatchObject({ available: 100 });
    const notes = await test.db
      .select()
      .from(schema.notificationLog)
      .where(eq(schema.notificationLog.shopId, shop.id));
    expect(notes.map((n) => [n.customerId, n.kind, n.status, n.locale]).sort()).toEqual(
      [
        [subscribed, "expiry_warning", "queued", "fr"],
        [notSubscribed, "expiry_warning", "skipped_no_consent", "en"],
      ].sort(),
    );

    // The same day again, and the next day: nothing expires or is warned twice.
    const second = await runDaily(deps, shop.id, NOW);
    const third = await runDaily(deps, shop.id, new Date(NOW.getTime() + DAY));
    for (const run of [second, third]) {
      expect(run).toMatchObject({ expired: 0, warnings: { queued: 0, skippedNoConsent: 0 } });
    }
    const expires = await test.db
      .select()
      .from(schema.pointsLedger)
      .where(and(eq(schema.pointsLedger.shopId, shop.id), eq(schema.pointsLedger.kind, "expire")));
    expect(expires.map((e) => [e.customerId, e.amount])).toEqual([[dormant, -500]]);
    expect(
      await test.db.select().from(schema.notificationLog).where(eq(schema.notificationLog.shopId, shop.id)),
    ).toHaveLength(2);
  });

  it("§3 releases pending points whose date has come, once", async () => {
    const { deps, installShop } = scheduleKit(test, standIn);
    const shop = await installShop("UTC");
    const c = (await insertTestCustomer(test.db, shop.id)).id;
    await test.db.transaction(async (tx) =>
      requireEntry(
        await postLedgerEntry(tx, shop.id, {
          customerId: c,
          kind: "earn",
          amount: 250,
          status: "pending",
          availableAt: ago(1),
          sourceType: "order",
          idempotencyKey: "order:9:earn",
          occurredAt: ago(15),
        }),
      ),
    );
    const changed: number[] = [];
    const withHook = {
      ...deps,
      onCustomersChanged: async (_: string, ids: readonly number[]) => void changed.push(...ids),
    };
    expect((await runDaily(withHook, shop.id, NOW)).pendingReleased).toBe(1);
    expect((await runDaily(withHook, shop.id, NOW)).pendingReleased).toBe(0);
    expect(await balanceOf(shop.id, c)).toMatchObject({ available: 250, pending: 0 });
    expect(changed).toEqual([c]);
  });
});
