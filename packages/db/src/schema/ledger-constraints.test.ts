import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, insertTestCustomer, insertTestShop, type TestDatabase } from "../testing";
import { pointsLedger, shops } from "./index";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase("ledger_constraints");
});
afterAll(() => test.drop());

const earn = (shopId: string, customerId: number, key: string, amount = 100) => ({
  shopId,
  customerId,
  kind: "earn" as const,
  amount,
  status: "available" as const,
  sourceType: "order" as const,
  sourceId: "1001",
  idempotencyKey: key,
  occurredAt: new Date(),
});

/** postgres.js errors carry the SQLSTATE; drizzle wraps them with the original as `cause`. */
async function sqlState(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    return e.cause?.code ?? e.code;
  }
}

describe("the points ledger's keys", () => {
  it("rejects a second row with the same idempotency key in one shop", async () => {
    const shop = await insertTestShop(test.db);
    const customer = await insertTestCustomer(test.db, shop.id);
    await test.db.insert(pointsLedger).values(earn(shop.id, customer.id, "order:1001:earn"));
    const state = await sqlState(
      test.db.insert(pointsLedger).values(earn(shop.id, customer.id, "order:1001:earn", 5)),
    );
    expect(state).toBe("23505"); // unique_violation
    const rows = await test.db.select().from(pointsLedger).where(eq(pointsLedger.shopId, shop.id));
    expect(rows.map((r) => r.amount)).toEqual([100]);
  });

  it("lets another shop use the same idempotency key (keys are unique per shop)", async () => {
    const a = await insertTestShop(test.db);
    const b = await insertTestShop(test.db);
    const ca = await insertTestCustomer(test.db, a.id);
    const cb = await insertTestCustomer(test.db, b.id);
    await test.db.insert(pointsLedger).values(earn(a.id, ca.id, "order:42:earn"));
    await test.db.insert(pointsLedger).values(earn(b.id, cb.id, "order:42:earn"));
    const [count] = await test.db
      .select({ n: sql<number>`count(*)::int` })
      .from(pointsLedger)
      .where(eq(pointsLedger.idempotencyKey, "order:42:earn"));
    expect(count!.n).toBe(2);
  });

  it("refuses a ledger row that points at another shop's customer", async () => {
    const a = await insertTestShop(test.db);
    const b = await insertTestShop(test.db);
    const customerOfA = await insertTestCustomer(test.db, a.id);
    const state = await sqlState(
      test.db.insert(pointsLedger).values(earn(b.id, customerOfA.id, "cross-shop")),
    );
    expect(state).toBe("23503"); // foreign_key_violation
  });

  it("refuses to reuse one shop's Shopify customer id twice, but not across shops", async () => {
    const a = await insertTestShop(test.db);
    const b = await insertTestShop(test.db);
    await insertTestCustomer(test.db, a.id, { shopifyCustomerId: 555 });
    expect(await sqlState(insertTestCustomer(test.db, a.id, { shopifyCustomerId: 555 }))).toBe("23505");
    await expect(insertTestCustomer(test.db, b.id, { shopifyCustomerId: 555 })).resolves.toBeTruthy();
  });
});

describe("the points ledger is append-only", () => {
  it("refuses to change a row's amount", async () => {
    const shop = await insertTestShop(test.db);
    const customer = await insertTestCustomer(test.db, shop.id);
    const [row] = await test.db
      .insert(pointsLedger)
      .values(earn(shop.id, customer.id, "k1"))
      .returning();
    expect(
      await sqlState(test.db.update(pointsLedger).set({ amount: 1 }).where(eq(pointsLedger.id, row!.id))),
    ).toBe("23001");
  });

  it("lets a pending row become available once, and never back", async () => {
    const shop = await insertTestShop(test.db);
    const customer = await insertTestCustomer(test.db, shop.id);
    const [row] = await test.db
      .insert(pointsLedger)
      .values({ ...earn(shop.id, customer.id, "k2"), status: "pending" })
      .returning();
    const byId = eq(pointsLedger.id, row!.id);
    await test.db.update(pointsLedger).set({ status: "available", releasedAt: new Date() }).where(byId);
    expect(await sqlState(test.db.update(pointsLedger).set({ status: "pending" }).where(byId))).toBe("23001");
  });

  it("refuses deletes, except when the whole shop is erased", async () => {
    const shop = await insertTestShop(test.db);
    const customer = await insertTestCustomer(test.db, shop.id);
    await test.db.insert(pointsLedger).values(earn(shop.id, customer.id, "k3"));
    expect(await sqlState(test.db.delete(pointsLedger).where(eq(pointsLedger.shopId, shop.id)))).toBe(
      "23001",
    );
    expect(await sqlState(test.db.delete(shops).where(eq(shops.id, shop.id)))).toBe("23001");

    await test.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('loyalnest.erasing_shop', ${shop.id}, true)`);
      await tx.delete(shops).where(eq(shops.id, shop.id));
    });
    expect(await test.db.select().from(pointsLedger).where(eq(pointsLedger.shopId, shop.id))).toEqual([]);
  });
});
