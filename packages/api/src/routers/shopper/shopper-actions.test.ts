import { adjustPoints, decryptPii, schema } from "@loyalnest/db";
import { balanceOf, insertTestCustomer } from "@loyalnest/db/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing";
import { failureOf } from "./stand-in-world.test-support";

let api: ApiHarness;
const GENEROUS = { limit: 100_000, windowMs: 60_000 };
beforeAll(async () => {
  api = await createApiHarness("shopper_actions", {
    deps: { rateLimits: { shopperRead: GENEROUS, shopperWrite: GENEROUS } },
  });
});
afterAll(async () => api?.close());

async function setUp() {
  const shop = await api.installShop();
  const customer = await insertTestCustomer(api.test.db, shop.id, { joinedAt: new Date() });
  const client = api.client({
    kind: "proxy",
    shop: shop.domain,
    shopifyCustomerId: String(customer.shopifyCustomerId),
  });
  return { shop, customer, client };
}

async function customerRow(shopId: string, id: number) {
  const [row] = await api.test.db
    .select()
    .from(schema.customers)
    .where(and(eq(schema.customers.shopId, shopId), eq(schema.customers.id, id)));
  return row!;
}

describe("shopper.history", () => {
  it("pages through the shopper's own entries, newest first, and never another shopper's", async () => {
    const { shop, customer, client } = await setUp();
    const neighbour = await insertTestCustomer(api.test.db, shop.id);
    for (const [id, points, key] of [
      [customer.id, 10, "h-1"],
      [customer.id, 20, "h-2"],
      [neighbour.id, 999, "h-n"],
      [customer.id, 30, "h-3"],
    ] as const) {
      await api.test.db.transaction((tx) =>
        adjustPoints(tx, shop.id, {
          customerId: id,
          points,
          reason: "secret staff note",
          staffId: "1",
          requestKey: key,
          at: new Date(),
        }),
      );
    }
    const first = await client.shopper.history.query({ limit: 2 });
    expect(first.items.map((i) => i.amount)).toEqual([30, 20]);
    expect(first.nextCursor).not.toBeNull();
    const second = await client.shopper.history.query({ limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((i) => i.amount)).toEqual([10]);
    expect(second.nextCursor).toBeNull();
    expect(JSON.stringify([first, second])).not.toContain("secret staff note");
    expect(first.items[0]).toMatchObject({
      kind: "adjust",
      status: "available",
      description: "Points adjusted by the store",
    });
    expect(first.items[0]!.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("reads are empty (not an error) while the account is being set up; writes say to try again", async () => {
    const { shop } = await setUp();
    const newcomer = api.client({ kind: "proxy", shop: shop.domain, shopifyCustomerId: "424242" });
    expect(await newcomer.shopper.history.query({ limit: 5 })).toEqual({ items: [], nextCursor: null });
    expect(await newcomer.shopper.redemptions.query({ limit: 5 })).toEqual({ items: [], nextCursor: null });
    expect((await newcomer.shopper.referral.query()).code).toBeNull();
    const error = await failureOf(
      newcomer.shopper.claimAction.mutate({ action: "social", network: "instagram" }),
    );
    expect(error.status).toBe(412);
    expect(error.message).toBe("Your account is still being set up — try again in a minute.");
  });
});

describe("shopper.referral", () => {
  it("gives the shopper one code and a share link on the shop's domain, with their referral stats", async () => {
    const { shop, customer, client } = await setUp();
    const first = await client.shopper.referral.query();
    expect(first.code).toMatch(/^[23456789A-HJ-NP-Z]+$/);
    expect(first.shareUrl).toBe(`https://${shop.domain}/?ref=${first.code}`);
    expect(first.stats).toEqual({ visits: 0, completed: 0, pending: 0, pointsEarned: 0 });

    const [code] = await api.test.db
      .select()
      .from(schema.referralCodes)
      .where(and(eq(schema.referralCodes.shopId, shop.id), eq(schema.referralCodes.customerId, customer.id)));
    const friend = await insertTestCustomer(api.test.db, shop.id);
    const friend2 = await insertTestCustomer(api.test.db, shop.id);
    await api.test.db.insert(schema.referralVisits).values([
      { shopId: shop.id, referralCodeId: code!.id, visitorToken: "v1" },
      { shopId: shop.id, referralCodeId: code!.id, visitorToken: "v2" },
    ]);
    await api.test.db.insert(schema.referrals).values([
      {
        shopId: shop.id,
        referralCodeId: code!.id,
        advocateCustomerId: customer.id,
        friendCustomerId: friend.id,
        status: "completed",
      },
      {
        shopId: shop.id,
        referralCodeId: code!.id,
        advocateCustomerId: customer.id,
        friendCustomerId: friend2.id,
        status: "pending",
      },
    ]);
    const again = await client.shopper.referral.query();
    expect(again.code).toBe(first.code);
    expect(again.stats).toEqual({ visits: 2, completed: 1, pending: 1, pointsEarned: 0 });
  });
});

describe("shopper.claimAction", () => {
  it("social follow earns once per network, with the points of the shop's rule for that network", async () => {
    const { shop, customer, client } = await setUp();
    const [rule] = await api.test.db
      .insert(schema.earningRules)
      .values({ shopId: shop.id, kind: "social", variant: "tiktok" })
      .returning();
    await api.test.db
      .insert(schema.earningRuleVersions)
      .values({ shopId: shop.id, ruleId: rule!.id, version: 1, config: { points: 75 } });

    expect(await client.shopper.claimAction.mutate({ action: "social", network: "tiktok" })).toMatchObject({
      outcome: "awarded",
      points: 75,
      balance: 75,
    });
    expect(await client.shopper.claimAction.mutate({ action: "social", network: "tiktok" })).toMatchObject({
      outcome: "already_awarded",
      points: 0,
      balance: 75,
    });
    // Only the TikTok rule is configured: other networks are not offered.
    const other = await failureOf(
      client.shopper.claimAction.mutate({ action: "social", network: "instagram" }),
    );
    expect(other.status).toBe(412);
    const bogus = await failureOf(
      client.shopper.claimAction.mutate({ action: "social", network: "myspace" as "x" }),
    );
    expect(bogus.status).toBe(400);
    expect((await balanceOf(api.test.db, shop.id, customer.id)).available).toBe(75);
  });

  it("a shop without social rules pays the default 50 per network", async () => {
    const { client } = await setUp();
    expect((await client.shopper.claimAction.mutate({ action: "social", network: "instagram" })).points).toBe(
      50,
    );
    expect((await client.shopper.claimAction.mutate({ action: "social", network: "youtube" })).balance).toBe(
      100,
    );
  });

  it("newsletter points are recorded only once Shopify's consent is subscribed, and once", async () => {
    const { shop, customer, client } = await setUp();
    const early = await failureOf(client.shopper.claimAction.mutate({ action: "newsletter" }));
    expect(early.status).toBe(412);
    expect(early.message).toContain("Subscribe to our newsletter first");
    await api.test.db
      .update(schema.customers)
      .set({ marketingConsent: "subscribed" })
      .where(and(eq(schema.customers.shopId, shop.id), eq(schema.customers.id, customer.id)));
    expect(await client.shopper.claimAction.mutate({ action: "newsletter" })).toMatchObject({
      outcome: "awarded",
      points: 100,
    });
    expect(await client.shopper.claimAction.mutate({ action: "newsletter" })).toMatchObject({
      outcome: "already_awarded",
      balance: 100,
    });
  });

  it("birthday is saved once (encrypted), never moved, and a date that does not exist is refused", async () => {
    const { shop, customer, client } = await setUp();
    const invalid = await failureOf(
      client.shopper.claimAction.mutate({ action: "birthday", birthday: "1990-02-30" }),
    );
    expect(invalid.status).toBe(400);
    const saved = await client.shopper.claimAction.mutate({ action: "birthday", birthday: "1990-04-23" });
    expect(saved).toMatchObject({ outcome: "birthday_saved", points: 0 });
    const row = await customerRow(shop.id, customer.id);
    expect(row).toMatchObject({ birthdayMonth: 4, birthdayDay: 23 });
    expect(row.birthdaySetAt).not.toBeNull();
    expect(row.birthdayEnc).not.toContain("1990");
    expect(decryptPii(api.deps.keyring, row.birthdayEnc!, "customers.birthday")).toBe("1990-04-23");
    const moved = await failureOf(
      client.shopper.claimAction.mutate({ action: "birthday", birthday: "1990-05-01" }),
    );
    expect(moved.status).toBe(409);
    expect((await customerRow(shop.id, customer.id)).birthdayMonth).toBe(4);
  });
});

describe("shopper.join", () => {
  it("in an opt-in shop, makes the shopper a member (creating their row if Shopify's webhook is late) and pays signup once", async () => {
    const shop = await api.installShop();
    await api.test.db
      .update(schema.shopSettings)
      .set({ membershipMode: "opt_in" })
      .where(eq(schema.shopSettings.shopId, shop.id));
    const client = api.client({ kind: "proxy", shop: shop.domain, shopifyCustomerId: "8080808" });

    const joined = await client.shopper.join.mutate({});
    expect(joined).toEqual({ status: "member", joined: true, signupPoints: 200, balance: 200 });
    const again = await client.shopper.join.mutate({});
    expect(again).toEqual({ status: "member", joined: false, signupPoints: 0, balance: 200 });
    const rows = await api.test.db
      .select()
      .from(schema.customers)
      .where(and(eq(schema.customers.shopId, shop.id), eq(schema.customers.shopifyCustomerId, 8_080_808)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ membershipStatus: "member" });
    expect(rows[0]!.joinedAt).not.toBeNull();
  });

  it("an existing non-member joins; an excluded customer cannot", async () => {
    const shop = await api.installShop();
    const outsider = await insertTestCustomer(api.test.db, shop.id, { membershipStatus: "not_member" });
    const excluded = await insertTestCustomer(api.test.db, shop.id, { membershipStatus: "excluded" });
    const joined = await api
      .client({ kind: "proxy", shop: shop.domain, shopifyCustomerId: String(outsider.shopifyCustomerId) })
      .shopper.join.mutate({});
    expect(joined).toMatchObject({ joined: true, status: "member" });
    const refused = await failureOf(
      api
        .client({ kind: "proxy", shop: shop.domain, shopifyCustomerId: String(excluded.shopifyCustomerId) })
        .shopper.join.mutate({}),
    );
    expect(refused.status).toBe(412);
    expect((await customerRow(shop.id, excluded.id)).membershipStatus).toBe("excluded");
  });
});
