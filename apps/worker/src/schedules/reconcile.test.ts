import { findBalanceMismatches, schema } from "@loyalnest/db";
import { createTestDatabase, insertTestCustomer, type TestDatabase } from "@loyalnest/db/testing";
import type { ShopifyStandIn } from "@loyalnest/shopify-dev";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toMinorUnits } from "./order-mapping";
import { reconcileOrders } from "./reconcile";
import { postJson, scheduleKit, startStandIn } from "./schedules.test-support";

let test: TestDatabase;
let standIn: ShopifyStandIn;
beforeAll(async () => {
  test = await createTestDatabase("schedules_reconcile");
  standIn = await startStandIn();
});
afterAll(async () => {
  await standIn.close();
  await test.drop();
});

async function balance(shopId: string, customerId: number) {
  const [row] = await test.db
    .select()
    .from(schema.pointBalances)
    .where(and(eq(schema.pointBalances.shopId, shopId), eq(schema.pointBalances.customerId, customerId)));
  return row!;
}

describe("reconciliation: re-reads recent orders through the Admin API and repairs missed webhooks", () => {
  it("an order whose orders/paid webhook never came earns once, however often reconciliation runs", async () => {
    const { deps, installShop } = scheduleKit(test, standIn);
    const shop = await installShop("Europe/Paris");
    const created = await postJson<{ customer: { id: number } }>(`${standIn.url}/_dev/customers`, {
      shop: shop.domain,
      email: "ada@example.com",
      deliver: false,
    });
    const shopifyCustomerId = created.customer.id;
    const customer = await insertTestCustomer(test.db, shop.id, { shopifyCustomerId });
    // The webhook is held back for good: LoyalNest never hears of this order.
    const order = await postJson<{ order: { id: number } }>(`${standIn.url}/_dev/orders`, {
      shop: shop.domain,
      customerId: shopifyCustomerId,
      lineItems: [{ price: "33.33", quantity: 1 }],
      shipping: "5.00",
      deliver: false,
    });

    const first = await reconcileOrders(deps, shop.id, new Date());
    expect(first.repaired).toEqual([order.order.id]);
    // 10 points per unit on the subtotal after discounts, shipping excluded: floor(33.33 × 10).
    expect(await balance(shop.id, customer.id)).toMatchObject({ available: 333, lifetimeEarned: 333 });
    const [summary] = await test.db
      .select()
      .from(schema.orderSummaries)
      .where(eq(schema.orderSummaries.shopId, shop.id));
    expect(summary).toMatchObject({
      shopifyOrderId: order.order.id,
      customerId: customer.id,
      totalMinor: 3833,
    });

    const again = await reconcileOrders(deps, shop.id, new Date());
    expect(again.seen).toBe(1);
    expect(again.repaired).toEqual([]);
    expect(await balance(shop.id, customer.id)).toMatchObject({ available: 333 });
    expect(await findBalanceMismatches(test.db, shop.id)).toEqual([]);
  });

  it("creates the member when customers/create was lost too, and leaves test and unpaid orders alone", async () => {
    const { deps, installShop } = scheduleKit(test, standIn);
    const shop = await installShop("America/New_York");
    const created = await postJson<{ customer: { id: number } }>(`${standIn.url}/_dev/customers`, {
      shop: shop.domain,
      email: "grace@example.com",
      deliver: false,
    });
    await postJson(`${standIn.url}/_dev/orders`, {
      shop: shop.domain,
      customerId: created.customer.id,
      lineItems: [{ price: "10.00" }],
      deliver: false,
    });
    await postJson(`${standIn.url}/_dev/orders`, {
      shop: shop.domain,
      customerId: created.customer.id,
      lineItems: [{ price: "99.00" }],
      test: true,
      deliver: false,
    });
    const result = await reconcileOrders(deps, shop.id, new Date());
    expect(result.seen).toBe(2);
    expect(result.repaired).toHaveLength(1);
    const [member] = await test.db
      .select()
      .from(schema.customers)
      .where(
        and(
          eq(schema.customers.shopId, shop.id),
          eq(schema.customers.shopifyCustomerId, created.customer.id),
        ),
      );
    expect(member).toMatchObject({ membershipStatus: "member" });
    expect(await balance(shop.id, member!.id)).toMatchObject({ available: 100 });
  });

  it("parses Shopify money exactly", () => {
    expect(toMinorUnits("33.33", "USD")).toBe(3333);
    expect(toMinorUnits("5", "USD")).toBe(500);
    expect(toMinorUnits("1200", "JPY")).toBe(1200);
    expect(toMinorUnits("1.234", "KWD")).toBe(1234);
  });
});
