import { adjustPoints, emailBlindIndex, encryptPii, schema } from "@loyalnest/db";
import { balanceOf } from "@loyalnest/db/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  failureOf,
  installStandInShop,
  shopperIn,
  standInState,
  startStandInWorld,
  type StandInWorld,
} from "../shopper/stand-in-world.test-support";

let world: StandInWorld;
beforeAll(async () => {
  world = await startStandInWorld("pos_router");
});
afterAll(async () => world?.close());

async function give(shopId: string, customerId: number, points: number) {
  await world.api.test.db.transaction((tx) =>
    adjustPoints(tx, shopId, {
      customerId,
      points,
      reason: "test",
      staffId: "1",
      requestKey: `give-${customerId}-${Math.random()}`,
      at: new Date(),
    }),
  );
}

async function setUp(points = 1_000) {
  const shop = await installStandInShop(world);
  const email = `pos.${Math.random().toString(36).slice(2)}@example.com`;
  const customer = await shopperIn(world, shop.id, shop.domain, email);
  await world.api.test.db
    .update(schema.customers)
    .set({
      emailHash: emailBlindIndex(world.api.deps.keyring, email),
      emailEnc: encryptPii(world.api.deps.keyring, email, "customers.email"),
      firstNameEnc: encryptPii(world.api.deps.keyring, "Ada", "customers.first_name"),
    })
    .where(and(eq(schema.customers.shopId, shop.id), eq(schema.customers.id, customer.id)));
  const [reward] = await world.api.test.db
    .insert(schema.rewards)
    .values({
      shopId: shop.id,
      name: "$5 off",
      type: "fixed_amount",
      pointsCost: 500,
      valueMinor: 500,
      currency: "USD",
      minOrderMinor: 2_000,
    })
    .returning();
  await world.api.test.db.insert(schema.rewards).values({
    shopId: shop.id,
    name: "Online only",
    type: "percentage",
    pointsCost: 100,
    percentBp: 1_000,
    channels: ["online"],
  });
  if (points > 0) await give(shop.id, customer.id, points);
  const client = world.api.client({ kind: "pos", shop: shop.domain, staffId: "777" });
  return { shop, customer, email, reward: reward!, client };
}

async function auditRows(shopId: string) {
  return world.api.test.db.select().from(schema.auditLog).where(eq(schema.auditLog.shopId, shopId));
}

describe("pos.lookupCustomer", () => {
  it("finds a customer by e-mail (any case) or Shopify id, with balance and the rewards offered at the POS", async () => {
    const { shop, customer, email, reward, client } = await setUp(600);
    const byEmail = await client.pos.lookupCustomer.query({
      email: `  ${email.toUpperCase()} `,
      cartSubtotalMinor: 5_000,
    });
    expect(byEmail.customer).toEqual({
      id: customer.id,
      shopifyCustomerId: String(customer.shopifyCustomerId),
      firstName: "Ada",
      status: "member",
    });
    expect(byEmail.balance).toEqual({ available: 600, pending: 0 });
    expect(byEmail.rewards).toEqual([
      expect.objectContaining({ id: reward.id, redeemable: true, unavailableReasons: [] }),
    ]);

    const small = await client.pos.lookupCustomer.query({
      shopifyCustomerId: String(customer.shopifyCustomerId),
      cartSubtotalMinor: 1_000,
    });
    expect(small.rewards[0]).toMatchObject({
      redeemable: false,
      unavailableReasons: ["below_minimum_order"],
    });

    const other = await setUp(0);
    const miss = await failureOf(client.pos.lookupCustomer.query({ email: other.email }));
    expect(miss.status).toBe(404);
    const missById = await failureOf(
      client.pos.lookupCustomer.query({ shopifyCustomerId: String(other.customer.shopifyCustomerId) }),
    );
    expect(missById.status).toBe(404);
    expect(shop.id).not.toBe(other.shop.id);
  });
});

describe("pos.redeem and pos.award", () => {
  it("redeems to a cart discount code in Shopify, audited as the POS associate", async () => {
    const { shop, customer, reward, client } = await setUp();
    const result = await client.pos.redeem.mutate({
      customerId: customer.id,
      rewardId: reward.id,
      requestKey: "pos-redeem-0001",
      cartSubtotalMinor: 3_000,
    });
    expect(result.redemption.status).toBe("issued");
    expect(result.balance).toBe(500);
    const { discounts } = await standInState(world, shop.domain);
    expect(discounts.map((d) => d.code)).toEqual([result.redemption.discountCode]);
    expect(await auditRows(shop.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actorType: "pos_staff", actorId: "777", action: "redemption.pos_redeem" }),
      ]),
    );

    const tooSmall = await failureOf(
      client.pos.redeem.mutate({
        customerId: customer.id,
        rewardId: reward.id,
        requestKey: "pos-redeem-0002",
        cartSubtotalMinor: 1_000,
      }),
    );
    expect(tooSmall.status).toBe(422);
    expect(tooSmall.message).toContain("minimum amount");
    expect((await balanceOf(world.api.test.db, shop.id, customer.id)).available).toBe(500);
  });

  it("awards points for an in-store action once per request key, with the reason audited", async () => {
    const { shop, customer, client } = await setUp(0);
    const first = await client.pos.award.mutate({
      customerId: customer.id,
      points: 75,
      reason: "Brought a reusable bag",
      requestKey: "pos-award-0001",
    });
    const again = await client.pos.award.mutate({
      customerId: customer.id,
      points: 75,
      reason: "Brought a reusable bag",
      requestKey: "pos-award-0001",
    });
    expect(first).toEqual({ outcome: "applied", points: 75, balance: 75 });
    expect(again).toEqual({ outcome: "duplicate", points: 75, balance: 75 });
    const audits = (await auditRows(shop.id)).filter((a) => a.action === "points.pos_award");
    expect(audits).toEqual([
      expect.objectContaining({ actorType: "pos_staff", actorId: "777", reason: "Brought a reusable bag" }),
    ]);
  });

  it("another shop's customer or reward id is not found, and nothing changes", async () => {
    const mine = await setUp();
    const other = await setUp();
    const award = await failureOf(
      mine.client.pos.award.mutate({
        customerId: other.customer.id,
        points: 10,
        reason: "x",
        requestKey: "pos-tenant-0001",
      }),
    );
    expect(award.status).toBe(404);
    const redeem = await failureOf(
      mine.client.pos.redeem.mutate({
        customerId: mine.customer.id,
        rewardId: other.reward.id,
        requestKey: "pos-tenant-0002",
        cartSubtotalMinor: 5_000,
      }),
    );
    expect(redeem.status).toBe(404);
    expect((await balanceOf(world.api.test.db, other.shop.id, other.customer.id)).available).toBe(1_000);
    expect((await balanceOf(world.api.test.db, mine.shop.id, mine.customer.id)).available).toBe(1_000);
  });
});

describe("pos.syncOffline", () => {
  it("applies an offline batch in order, refuses the redeem the balance no longer covers, and a replay changes nothing", async () => {
    const { shop, customer, reward, client } = await setUp(600);
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const actions = [
      {
        type: "earn" as const,
        key: "offline-a-0001",
        recordedAt: at(30),
        customerId: customer.id,
        points: 100,
        reason: "Workshop",
      },
      {
        type: "redeem" as const,
        key: "offline-a-0002",
        recordedAt: at(20),
        customerId: customer.id,
        rewardId: reward.id,
        cartSubtotalMinor: 4_000,
      },
      // 700 - 500 = 200 left: a second $5 off is no longer affordable at sync time.
      {
        type: "redeem" as const,
        key: "offline-a-0003",
        recordedAt: at(10),
        customerId: customer.id,
        rewardId: reward.id,
        cartSubtotalMinor: 4_000,
      },
      {
        type: "earn" as const,
        key: "offline-a-0004",
        recordedAt: at(5),
        customerId: customer.id,
        points: 40,
        reason: "Survey",
      },
    ];

    const { results } = await client.pos.syncOffline.mutate({ actions });
    expect(results.map((r) => [r.key, r.status, r.reason, r.pointsDelta])).toEqual([
      ["offline-a-0001", "applied", null, 100],
      ["offline-a-0002", "applied", null, -500],
      ["offline-a-0003", "refused", "insufficient_points", 0],
      ["offline-a-0004", "applied", null, 40],
    ]);
    expect(results[1]!.discountCode).toMatch(/^LN-/);
    expect(results[2]!.message).toContain("more points");
    expect(results[3]!.balance).toBe(240);
    expect((await balanceOf(world.api.test.db, shop.id, customer.id)).available).toBe(240);
    expect((await standInState(world, shop.domain)).discounts).toHaveLength(1);

    const replay = await client.pos.syncOffline.mutate({ actions });
    expect(replay.results.map((r) => [r.key, r.status, r.pointsDelta])).toEqual([
      ["offline-a-0001", "duplicate", 0],
      ["offline-a-0002", "duplicate", 0],
      ["offline-a-0003", "refused", 0],
      ["offline-a-0004", "duplicate", 0],
    ]);
    expect(replay.results[1]!.discountCode).toBe(results[1]!.discountCode);
    expect((await balanceOf(world.api.test.db, shop.id, customer.id)).available).toBe(240);
    expect((await standInState(world, shop.domain)).discounts).toHaveLength(1);
  });

  it("reports unknown customers, stale actions and oversized batches instead of dropping them", async () => {
    const { customer, client } = await setUp(0);
    const { results } = await client.pos.syncOffline.mutate({
      actions: [
        {
          type: "earn",
          key: "offline-b-0001",
          recordedAt: new Date().toISOString(),
          customerId: 999_999,
          points: 10,
          reason: "x",
        },
        {
          type: "earn",
          key: "offline-b-0002",
          recordedAt: "2020-01-01T00:00:00Z",
          customerId: customer.id,
          points: 10,
          reason: "x",
        },
        {
          type: "earn",
          key: "offline-b-0003",
          recordedAt: new Date().toISOString(),
          customerId: customer.id,
          points: 10,
          reason: "x",
        },
      ],
    });
    expect(results.map((r) => [r.status, r.reason])).toEqual([
      ["refused", "not_found"],
      ["refused", "too_old"],
      ["applied", null],
    ]);
    const tooMany = Array.from({ length: 101 }, (_, i) => ({
      type: "earn" as const,
      key: `offline-c-${String(i).padStart(4, "0")}`,
      recordedAt: new Date().toISOString(),
      customerId: customer.id,
      points: 1,
      reason: "x",
    }));
    const error = await failureOf(client.pos.syncOffline.mutate({ actions: tooMany }));
    expect(error.status).toBe(400);
  });
});
