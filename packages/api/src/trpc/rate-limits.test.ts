import { insertTestCustomer } from "@loyalnest/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../testing";

/** Shopper-facing procedures are rate limited per customer (and per shop), counted in Redis. */
let api: ApiHarness;
beforeAll(async () => {
  api = await createApiHarness("rate_limits", {
    deps: {
      rateLimits: {
        shopperRead: { limit: 3, windowMs: 60_000 },
        shopPerMinute: { limit: 8, windowMs: 60_000 },
      },
    },
  });
});
afterAll(async () => api?.close());

describe("shopper rate limits", () => {
  it("answers 429 with a retry hint once a customer exceeds their limit, without affecting another customer", async () => {
    const shop = await api.installShop();
    const alice = await insertTestCustomer(api.test.db, shop.id);
    const bob = await insertTestCustomer(api.test.db, shop.id);
    const read = (customer: { shopifyCustomerId: number | null }) =>
      api.call({
        path: "shopper.profile",
        type: "query",
        credential: {
          kind: "proxy",
          shop: shop.domain,
          shopifyCustomerId: String(customer.shopifyCustomerId),
        },
      });

    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await read(alice)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await read(alice);
    expect(refused.body).toMatchObject({
      error: {
        message: expect.stringContaining("Too many requests"),
        data: { retryAfterSeconds: expect.any(Number) },
      },
    });
    expect((await read(bob)).status).toBe(200);
  });

  it("counts every shopper read against one budget, whether counted before the read (history) or alongside it (profile)", async () => {
    const shop = await api.installShop();
    const carol = await insertTestCustomer(api.test.db, shop.id);
    const credential = {
      kind: "proxy" as const,
      shop: shop.domain,
      shopifyCustomerId: String(carol.shopifyCustomerId),
    };
    const read = async (path: "shopper.profile" | "shopper.history") =>
      (
        await api.call({
          path,
          type: "query",
          input: path === "shopper.history" ? {} : undefined,
          credential,
        })
      ).status;

    const statuses = [
      await read("shopper.profile"),
      await read("shopper.history"),
      await read("shopper.profile"),
      await read("shopper.history"),
      await read("shopper.profile"),
    ];
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  it("caps a whole shop, so one storefront's bot cannot starve the others", async () => {
    const shop = await api.installShop();
    const customers = await Promise.all(
      Array.from({ length: 9 }, () => insertTestCustomer(api.test.db, shop.id)),
    );
    const statuses = [];
    for (const customer of customers) {
      const result = await api.call({
        path: "shopper.profile",
        type: "query",
        credential: {
          kind: "proxy",
          shop: shop.domain,
          shopifyCustomerId: String(customer.shopifyCustomerId),
        },
      });
      statuses.push(result.status);
    }
    expect(statuses).toEqual([...Array<number>(8).fill(200), 429]);
    const other = await api.installShop();
    const stranger = await insertTestCustomer(api.test.db, other.id);
    const elsewhere = await api.call({
      path: "shopper.profile",
      type: "query",
      credential: {
        kind: "proxy",
        shop: other.domain,
        shopifyCustomerId: String(stranger.shopifyCustomerId),
      },
    });
    expect(elsewhere.status).toBe(200);
  });
});
