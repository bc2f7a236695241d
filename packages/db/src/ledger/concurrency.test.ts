import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "../client";
import { pointBalances, pointsLedger } from "../schema";
import { createTestDatabase, insertTestCustomer, insertTestShop, type TestDatabase } from "../testing";
import { findBalanceMismatches } from "./invariants";
import { postLedgerEntry } from "./post-entry";

let test: TestDatabase;
let wide: DatabaseHandle;
beforeAll(async () => {
  test = await createTestDatabase("ledger_concurrency");
  wide = createDatabase(test.url, { max: 25 });
});
afterAll(async () => {
  await wide.close();
  await test.drop();
});

describe("concurrent redemptions on one customer", () => {
  it('"Concurrent redemptions on one customer must serialize: two at once cannot both spend the same points"', async () => {
    const shop = await insertTestShop(test.db);
    const customer = await insertTestCustomer(test.db, shop.id);
    const at = new Date();
    await test.db.transaction((tx) =>
      postLedgerEntry(tx, shop.id, {
        customerId: customer.id,
        kind: "earn",
        amount: 1_234,
        status: "available",
        sourceType: "order",
        idempotencyKey: "order:1:earn",
        occurredAt: at,
      }),
    );

    const attempts = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        wide.db.transaction((tx) =>
          postLedgerEntry(tx, shop.id, {
            customerId: customer.id,
            kind: "redeem",
            amount: -100,
            status: "available",
            sourceType: "redemption",
            idempotencyKey: `redeem:${i}`,
            occurredAt: at,
          }),
        ),
      ),
    );

    expect(attempts.filter((a) => a.status === "rejected")).toEqual([]);
    const outcomes = attempts.map((a) => (a.status === "fulfilled" ? a.value.outcome : "error"));
    expect(outcomes.filter((o) => o === "applied")).toHaveLength(12); // floor(1234 / 100)
    expect(outcomes.filter((o) => o === "refused")).toHaveLength(38);
    const [balance] = await test.db
      .select()
      .from(pointBalances)
      .where(and(eq(pointBalances.shopId, shop.id), eq(pointBalances.customerId, customer.id)));
    expect(balance).toMatchObject({ available: 34, lifetimeRedeemed: 1_200 });
    const redeemed = await test.db.select().from(pointsLedger).where(eq(pointsLedger.kind, "redeem"));
    expect(redeemed).toHaveLength(12);
    expect(await findBalanceMismatches(test.db, shop.id)).toEqual([]);
  });
});
