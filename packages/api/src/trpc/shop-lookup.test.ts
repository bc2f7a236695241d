import { schema } from "@loyalnest/db";
import {
  createTestDatabase,
  insertTestCustomer,
  insertTestShop,
  type TestDatabase,
} from "@loyalnest/db/testing";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CUSTOMER_TTL_MS, ShopLookup } from "./shop-lookup";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase("shop_lookup");
});
afterAll(async () => database?.drop());

describe("the shop and customer-id look-up", () => {
  it("re-reads the ids of customers seen together spread over the second half of their life", async () => {
    const { db } = database;
    const shop = await insertTestShop(db);
    const customers = await Promise.all(Array.from({ length: 40 }, () => insertTestCustomer(db, shop.id)));
    let clock = 0;
    const lookup = new ShopLookup(db, () => clock);
    const lookUpAll = () =>
      Promise.all(customers.map((c) => lookup.customerId(shop.id, String(c.shopifyCustomerId))));
    expect(await lookUpAll()).toEqual(customers.map((c) => c.id));

    // Erase the rows: a cached id is still answered, one read afresh is no longer found.
    const ids = customers.map((c) => c.id);
    await db.delete(schema.pointBalances).where(inArray(schema.pointBalances.customerId, ids));
    await db.delete(schema.customers).where(inArray(schema.customers.id, ids));
    const stillCachedAt = async (time: number) => {
      clock = time;
      return (await lookUpAll()).filter((id) => id !== null).length;
    };

    expect(await stillCachedAt(CUSTOMER_TTL_MS / 2 - 1)).toBe(40); // nothing expires before half its life
    const atThreeQuarters = await stillCachedAt(CUSTOMER_TTL_MS * 0.75);
    expect(atThreeQuarters).toBeGreaterThan(0);
    expect(atThreeQuarters).toBeLessThan(40);
    expect(await stillCachedAt(CUSTOMER_TTL_MS + 1)).toBe(0);
  });

  it("does not keep a miss: a customer created a moment later is found", async () => {
    const { db } = database;
    const shop = await insertTestShop(db);
    const lookup = new ShopLookup(db);
    expect(await lookup.customerId(shop.id, "4242")).toBeNull();
    const customer = await insertTestCustomer(db, shop.id, { shopifyCustomerId: 4242 });
    expect(await lookup.customerId(shop.id, "4242")).toBe(customer.id);
  });
});
