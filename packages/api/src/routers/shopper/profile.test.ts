import { adjustPoints, schema } from "@loyalnest/db";
import { insertTestCustomer } from "@loyalnest/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing";
import { shopperStateKey } from "../../shopper-cache/keys";

let api: ApiHarness;
beforeAll(async () => {
  api = await createApiHarness("shopper_profile");
});
afterAll(async () => api?.close());

async function setUpShop() {
  const shop = await api.installShop();
  const { db } = api.test;
  const [silver] = await db
    .insert(schema.vipTiers)
    .values({ shopId: shop.id, name: "Silver", threshold: 1000, earnMultiplierBp: 12500 })
    .returning();
  const [reward] = await db
    .insert(schema.rewards)
    .values({
      shopId: shop.id,
      name: "$5 off",
      type: "fixed_amount",
      pointsCost: 500,
      valueMinor: 500,
      currency: "USD",
    })
    .returning();
  const customer = await insertTestCustomer(db, shop.id);
  return { shop, silver: silver!, reward: reward!, customer };
}

async function award(shopId: string, customerId: number, points: number, key: string) {
  await api.test.db.transaction((tx) =>
    adjustPoints(tx, shopId, {
      customerId,
      points,
      reason: "test",
      staffId: "1",
      requestKey: key,
      at: new Date(),
    }),
  );
}

/** Invalidation arrives by NOTIFY after commit: poll briefly for the change a shopper would see. */
async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 3_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!accept(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = await read();
  }
  return value;
}

describe("shopper.profile", () => {
  it("shows balance, progress to the next tier and which rewards are affordable, via the app proxy", async () => {
    const { shop, reward, customer } = await setUpShop();
    await award(shop.id, customer.id, 600, "profile-award-1");
    const client = api.client({
      kind: "proxy",
      shop: shop.domain,
      shopifyCustomerId: String(customer.shopifyCustomerId),
    });

    const profile = await client.shopper.profile.query();

    expect(profile.status).toBe("member");
    // A staff adjustment is spendable but is not "earned": it counts neither as lifetime earning nor towards a tier.
    expect(profile.balance).toEqual({ available: 600, pending: 0, lifetimeEarned: 0 });
    expect(profile.tier).toBeNull();
    expect(profile.nextTier).toMatchObject({ name: "Silver", threshold: 1000, remaining: 1000 });
    expect(profile.rewards).toEqual([
      expect.objectContaining({ id: reward.id, pointsCost: 500, affordable: true, unavailableReasons: [] }),
    ]);
  });

  it("is the same through a customer-account extension token", async () => {
    const { shop, customer } = await setUpShop();
    await award(shop.id, customer.id, 50, "profile-award-2");
    const client = api.client({
      kind: "extension",
      shop: shop.domain,
      shopifyCustomerId: String(customer.shopifyCustomerId),
    });
    const profile = await client.shopper.profile.query();
    expect(profile.balance.available).toBe(50);
    expect(profile.rewards[0]).toMatchObject({
      affordable: false,
      pointsMissing: 450,
      unavailableReasons: ["insufficient_points"],
    });
  });

  it("is cached, and a ledger write committed elsewhere (e.g. by the worker) shows on the next read", async () => {
    const { shop, customer } = await setUpShop();
    const client = api.client({
      kind: "proxy",
      shop: shop.domain,
      shopifyCustomerId: String(customer.shopifyCustomerId),
    });
    expect((await client.shopper.profile.query()).balance.available).toBe(0);
    const cached = await api.deps.store.get(shopperStateKey(shop.id, customer.id));
    expect(cached).not.toBeNull();

    await award(shop.id, customer.id, 700, "profile-award-3");

    const after = await eventually(
      () => client.shopper.profile.query(),
      (p) => p.balance.available === 700,
    );
    expect(after.balance.available).toBe(700);
    expect(after.rewards[0]?.affordable).toBe(true);
  });

  it("a catalogue change (a new reward) shows without waiting for the cache to expire", async () => {
    const { shop, customer } = await setUpShop();
    const client = api.client({
      kind: "proxy",
      shop: shop.domain,
      shopifyCustomerId: String(customer.shopifyCustomerId),
    });
    expect((await client.shopper.profile.query()).rewards).toHaveLength(1);
    await api.test.db
      .insert(schema.rewards)
      .values({ shopId: shop.id, name: "Free shipping", type: "free_shipping", pointsCost: 300 });
    const after = await eventually(
      () => client.shopper.profile.query(),
      (p) => p.rewards.length === 2,
    );
    expect(after.rewards.map((r) => r.name)).toEqual(["Free shipping", "$5 off"]);
  });

  it("counts the shopper's own redemptions (not released ones) against a reward's per-customer limit", async () => {
    const { shop, reward, customer } = await setUpShop();
    const { db } = api.test;
    await db.update(schema.rewards).set({ perCustomerLimit: 2 }).where(eq(schema.rewards.id, reward.id));
    await award(shop.id, customer.id, 5_000, "profile-award-limit");
    const redemption = (key: string, status: "issued" | "released") => ({
      shopId: shop.id,
      customerId: customer.id,
      rewardId: reward.id,
      rewardSnapshot: {},
      status,
      pointsSpent: 0,
      idempotencyKey: key,
    });
    await db.insert(schema.redemptions).values([redemption("r1", "issued"), redemption("r2", "released")]);
    const client = api.client({
      kind: "proxy",
      shop: shop.domain,
      shopifyCustomerId: String(customer.shopifyCustomerId),
    });
    const before = await eventually(
      () => client.shopper.profile.query(),
      (p) => p.balance.available === 5_000,
    );
    expect(before.rewards[0]).toMatchObject({ affordable: true, unavailableReasons: [] });

    await db.insert(schema.redemptions).values(redemption("r3", "issued"));
    const after = await eventually(
      () => client.shopper.profile.query(),
      (p) => p.rewards[0]?.affordable === false,
    );
    expect(after.rewards[0]?.unavailableReasons).toEqual(["per_customer_limit_reached"]);
  });

  it("refuses an anonymous visitor with 401 and a message to log in", async () => {
    const { shop } = await setUpShop();
    const result = await api.call({
      path: "shopper.profile",
      type: "query",
      credential: { kind: "proxy", shop: shop.domain, shopifyCustomerId: null },
    });
    expect(result.status).toBe(401);
    expect(JSON.stringify(result.body)).toContain("Log in");
  });
});
