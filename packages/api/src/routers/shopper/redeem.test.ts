import { balanceOf, insertTestCustomer } from "@loyalnest/db/testing";
import { adjustPoints, reserveRedemption, schema } from "@loyalnest/db";
import { createBasicDiscountCode } from "@loyalnest/shopify";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  failureOf,
  installStandInShop,
  shopperIn,
  standInState,
  startStandInWorld,
  type StandInWorld,
} from "./stand-in-world.test-support";

let world: StandInWorld;
beforeAll(async () => {
  world = await startStandInWorld("shopper_redeem");
});
afterAll(async () => world?.close());

async function give(shopId: string, customerId: number, points: number) {
  await world.api.test.db.transaction((tx) =>
    adjustPoints(tx, shopId, {
      customerId,
      points,
      reason: "test",
      staffId: "1",
      requestKey: `give-${customerId}-${points}-${Math.random()}`,
      at: new Date(),
    }),
  );
}

async function setUp(points = 1_000) {
  const shop = await installStandInShop(world);
  const customer = await shopperIn(world, shop.id, shop.domain);
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
      combinesWithShipping: true,
    })
    .returning();
  if (points > 0) await give(shop.id, customer.id, points);
  const client = world.api.client({
    kind: "proxy",
    shop: shop.domain,
    shopifyCustomerId: String(customer.shopifyCustomerId),
  });
  return { shop, customer, reward: reward!, client };
}

async function redemptionsOf(shopId: string, customerId: number) {
  return world.api.test.db
    .select()
    .from(schema.redemptions)
    .where(and(eq(schema.redemptions.shopId, shopId), eq(schema.redemptions.customerId, customerId)));
}

describe("shopper.redeem", () => {
  it("creates a single-use code for this customer in Shopify and debits the points", async () => {
    const { shop, customer, reward, client } = await setUp();

    const result = await client.shopper.redeem.mutate({ rewardId: reward.id, requestKey: "redeem-one-0001" });

    expect(result.replayed).toBe(false);
    expect(result.balance).toBe(500);
    expect(result.redemption).toMatchObject({
      status: "issued",
      pointsSpent: 500,
      value: { amountMinor: 500, currency: "USD" },
    });
    const code = result.redemption.discountCode!;
    expect(code).toMatch(/^LN-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}$/);
    const { discounts } = await standInState(world, shop.domain);
    expect(discounts).toEqual([
      expect.objectContaining({
        code,
        kind: "basic",
        usageLimit: 1,
        appliesOncePerCustomer: true,
        customerIds: [customer.shopifyCustomerId],
        value: { amountCents: 500 },
        combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: true },
      }),
    ]);
    // The code ends when the redemption says it expires (default 30 days).
    const expires = new Date(result.redemption.expiresAt!).getTime();
    expect(expires - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(new Date(discounts[0]!.endsAt!).getTime()).toBe(expires);
    expect((await balanceOf(world.api.test.db, shop.id, customer.id)).available).toBe(500);

    const listed = await client.shopper.redemptions.query({ limit: 10 });
    expect(listed.items).toEqual([
      expect.objectContaining({ discountCode: code, status: "issued", rewardName: "$5 off" }),
    ]);
  });

  it("a replay with the same request key returns the same code; points are debited and Shopify is called once", async () => {
    const { shop, customer, reward, client } = await setUp();
    const first = await client.shopper.redeem.mutate({
      rewardId: reward.id,
      requestKey: "redeem-replay-0001",
    });
    const again = await client.shopper.redeem.mutate({
      rewardId: reward.id,
      requestKey: "redeem-replay-0001",
    });

    expect(again.replayed).toBe(true);
    expect(again.redemption.discountCode).toBe(first.redemption.discountCode);
    expect(again.redemption.id).toBe(first.redemption.id);
    expect(again.balance).toBe(500);
    expect((await standInState(world, shop.domain)).discounts).toHaveLength(1);
    expect(await redemptionsOf(shop.id, customer.id)).toHaveLength(1);
    expect((await balanceOf(world.api.test.db, shop.id, customer.id)).available).toBe(500);
  });

  it("when Shopify refuses, the points come back and the shopper reads a clear error; a replay says the same", async () => {
    const { shop, reward } = await setUp(0);
    // A customer LoyalNest knows but the stand-in does not: Shopify answers "Customer does not exist".
    const stranger = await insertTestCustomer(world.api.test.db, shop.id, { shopifyCustomerId: 987_654_321 });
    await give(shop.id, stranger.id, 800);
    const client = world.api.client({ kind: "proxy", shop: shop.domain, shopifyCustomerId: "987654321" });

    const error = await failureOf(
      client.shopper.redeem.mutate({ rewardId: reward.id, requestKey: "redeem-fail-0001" }),
    );
    expect(error.status).toBe(502);
    expect(error.message).toBe("Could not create your code; your points were returned. Please try again.");
    expect((await balanceOf(world.api.test.db, shop.id, stranger.id)).available).toBe(800);
    const [released] = await redemptionsOf(shop.id, stranger.id);
    expect(released).toMatchObject({ status: "released", releaseReason: "shopify_failed" });
    expect(released!.lastError).toContain("Customer does not exist");
    expect((await standInState(world, shop.domain)).discounts).toHaveLength(0);

    const replay = await failureOf(
      client.shopper.redeem.mutate({ rewardId: reward.id, requestKey: "redeem-fail-0001" }),
    );
    expect(replay.status).toBe(502);
    expect((await balanceOf(world.api.test.db, shop.id, stranger.id)).available).toBe(800);
    const history = await client.shopper.history.query({ limit: 10 });
    expect(history.items.map((i) => [i.kind, i.amount, i.description])).toEqual([
      ["reversal", 500, "Points returned from a reward"],
      ["redeem", -500, "Reward redeemed"],
      ["adjust", 800, "Points adjusted by the store"],
    ]);
    const listed = await client.shopper.redemptions.query({ limit: 10 });
    expect(listed.items[0]).toMatchObject({ status: "released", discountCode: null });
  });

  it("a replay that finds the redemption still reserved after a crash: in flight → 409; stale → created once with the stored code", async () => {
    const { shop, customer, reward, client } = await setUp(1_500);
    const code = "LN-CRASHTEST2";
    const reserveWithCode = async (key: string, ageMs: number) => {
      const { redemption } = await world.api.test.db.transaction(async (tx) => {
        const reserved = await reserveRedemption(tx, shop.id, {
          customerId: customer.id,
          rewardId: reward.id,
          requestKey: key,
          channel: "online",
          at: new Date(),
        });
        if (reserved.outcome !== "reserved") throw new Error(reserved.outcome);
        return reserved;
      });
      await world.api.test.db
        .update(schema.redemptions)
        .set({ discountCode: `${code}${key.at(-1)}`, createdAt: new Date(Date.now() - ageMs) })
        .where(and(eq(schema.redemptions.shopId, shop.id), eq(schema.redemptions.id, redemption.id)));
      return `${code}${key.at(-1)}`;
    };

    await reserveWithCode("crash-young-0001", 0);
    const inFlight = await failureOf(
      client.shopper.redeem.mutate({ rewardId: reward.id, requestKey: "crash-young-0001" }),
    );
    expect(inFlight.status).toBe(409);
    expect(inFlight.message).toContain("still being created");

    // The process died after Shopify created the code but before the redemption was marked issued.
    const stale = await reserveWithCode("crash-stale-0002", 5 * 60_000);
    const created = await createBasicDiscountCode(world.api.deps.shopifyAdmin, shop.domain, {
      title: "LoyalNest: $5 off",
      code: stale,
      customerIds: [customer.shopifyCustomerId!],
      startsAt: new Date(),
      endsAt: null,
      value: { kind: "fixed_amount", amount: "5.00" },
    });
    expect(created.ok).toBe(true);
    const recovered = await client.shopper.redeem.mutate({
      rewardId: reward.id,
      requestKey: "crash-stale-0002",
    });
    expect(recovered).toMatchObject({
      replayed: true,
      redemption: { status: "issued", discountCode: stale },
    });

    // Died before Shopify was reached: the replay creates the code, with the stored code.
    const never = await reserveWithCode("crash-stale-0003", 5 * 60_000);
    const retried = await client.shopper.redeem.mutate({
      rewardId: reward.id,
      requestKey: "crash-stale-0003",
    });
    expect(retried.redemption).toMatchObject({ status: "issued", discountCode: never });
    const codes = (await standInState(world, shop.domain)).discounts.map((d) => d.code).sort();
    expect(codes).toEqual([stale, never].sort());
    // Three reservations, each debited once; none of the replays debited again.
    expect((await balanceOf(world.api.test.db, shop.id, customer.id)).available).toBe(0);
  });

  it("20 concurrent redemptions on a balance that affords 3: exactly 3 codes, the rest refused", async () => {
    const { shop, customer, reward, client } = await setUp(1_700);
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        client.shopper.redeem.mutate({
          rewardId: reward.id,
          requestKey: `redeem-race-${String(i).padStart(4, "0")}`,
        }),
      ),
    );
    const ok = attempts.filter((a) => a.status === "fulfilled");
    const refused = attempts.filter((a): a is PromiseRejectedResult => a.status === "rejected");
    expect(ok).toHaveLength(3);
    expect(refused).toHaveLength(17);
    for (const r of refused) {
      expect((r.reason as { data: { httpStatus: number } }).data.httpStatus).toBe(422);
      expect((r.reason as Error).message).toContain("more points");
    }
    expect((await balanceOf(world.api.test.db, shop.id, customer.id)).available).toBe(200);
    expect((await standInState(world, shop.domain)).discounts).toHaveLength(3);
    const rows = await redemptionsOf(shop.id, customer.id);
    expect(rows.map((r) => r.status)).toEqual(["issued", "issued", "issued"]);
  });

  it("another shop's reward id is not found, and nothing changes", async () => {
    const mine = await setUp();
    const other = await setUp();
    const error = await failureOf(
      mine.client.shopper.redeem.mutate({ rewardId: other.reward.id, requestKey: "redeem-tenant-0001" }),
    );
    expect(error.status).toBe(404);
    expect(error.message).toBe("That reward does not exist.");
    expect((await balanceOf(world.api.test.db, mine.shop.id, mine.customer.id)).available).toBe(1_000);
    expect(await redemptionsOf(mine.shop.id, mine.customer.id)).toHaveLength(0);
    expect(await redemptionsOf(other.shop.id, other.customer.id)).toHaveLength(0);
    expect((await standInState(world, mine.shop.domain)).discounts).toHaveLength(0);
    expect((await standInState(world, other.shop.domain)).discounts).toHaveLength(0);
  });

  it("points-for-money turns the chosen points into an amount off; a choice outside the steps is refused", async () => {
    const { shop, customer, client } = await setUp(1_000);
    const [pfm] = await world.api.test.db
      .insert(schema.rewards)
      .values({
        shopId: shop.id,
        name: "Points for money",
        type: "points_for_money",
        pointsCost: 0,
        pfmStepPoints: 100,
        pfmStepValueMinor: 100,
        pfmMinPoints: 200,
        pfmMaxPoints: 1_000,
      })
      .returning();
    const bad = await failureOf(
      client.shopper.redeem.mutate({ rewardId: pfm!.id, requestKey: "redeem-pfm-0001", chosenPoints: 250 }),
    );
    expect(bad.status).toBe(422);
    expect(bad.message).toContain("whole steps");
    const missing = await failureOf(
      client.shopper.redeem.mutate({ rewardId: pfm!.id, requestKey: "redeem-pfm-0002" }),
    );
    expect(missing.status).toBe(400);

    const result = await client.shopper.redeem.mutate({
      rewardId: pfm!.id,
      requestKey: "redeem-pfm-0003",
      chosenPoints: 300,
    });
    expect(result.redemption).toMatchObject({
      pointsSpent: 300,
      value: { amountMinor: 300, currency: "USD" },
    });
    expect(result.balance).toBe(700);
    const { discounts } = await standInState(world, shop.domain);
    expect(discounts[0]).toMatchObject({ code: result.redemption.discountCode, value: { amountCents: 300 } });
    expect((await balanceOf(world.api.test.db, shop.id, customer.id)).available).toBe(700);
  });

  it("store credit is credited to the customer's Shopify store credit account", async () => {
    const { shop, customer, client } = await setUp(1_000);
    const [credit] = await world.api.test.db
      .insert(schema.rewards)
      .values({
        shopId: shop.id,
        name: "$10 credit",
        type: "store_credit",
        pointsCost: 1_000,
        valueMinor: 1_000,
        currency: "USD",
      })
      .returning();
    const result = await client.shopper.redeem.mutate({
      rewardId: credit!.id,
      requestKey: "redeem-credit-0001",
    });
    expect(result.redemption).toMatchObject({
      status: "issued",
      storeCredit: true,
      discountCode: null,
      expiresAt: null,
    });
    expect(result.balance).toBe(0);
    const { storeCreditAccounts } = await standInState(world, shop.domain);
    expect(storeCreditAccounts).toEqual([
      expect.objectContaining({
        customerId: customer.shopifyCustomerId,
        balanceCents: 1_000,
        currencyCode: "USD",
      }),
    ]);
  });

  it("a shopper whose account is still being set up is told to try again; a non-member cannot redeem", async () => {
    const { shop, reward } = await setUp();
    const newcomer = world.api.client({ kind: "proxy", shop: shop.domain, shopifyCustomerId: "55501" });
    const pending = await failureOf(
      newcomer.shopper.redeem.mutate({ rewardId: reward.id, requestKey: "redeem-new-0001" }),
    );
    expect(pending.status).toBe(412);
    expect(pending.message).toBe("Your account is still being set up — try again in a minute.");

    const outsider = await shopperIn(world, shop.id, shop.domain);
    await world.api.test.db
      .update(schema.customers)
      .set({ membershipStatus: "not_member" })
      .where(and(eq(schema.customers.shopId, shop.id), eq(schema.customers.id, outsider.id)));
    await give(shop.id, outsider.id, 1_000);
    const client = world.api.client({
      kind: "proxy",
      shop: shop.domain,
      shopifyCustomerId: String(outsider.shopifyCustomerId),
    });
    const refused = await failureOf(
      client.shopper.redeem.mutate({ rewardId: reward.id, requestKey: "redeem-out-0001" }),
    );
    expect(refused.status).toBe(412);
    expect(refused.message).toContain("Join the rewards programme");
    expect((await balanceOf(world.api.test.db, shop.id, outsider.id)).available).toBe(1_000);
  });
});
