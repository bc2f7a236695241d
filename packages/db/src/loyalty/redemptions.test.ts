import { IllegalRedemptionTransitionError } from "@loyalnest/domain";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findBalanceMismatches, postLedgerEntry, requireEntry } from "../ledger";
import {
  ledgerRefusals,
  pointBalances,
  pointsLedger,
  redemptions,
  rewards,
  shopSettings,
  vipTiers,
} from "../schema";
import { createTestDatabase, insertTestCustomer, insertTestShop, type TestDatabase } from "../testing";
import {
  markRedemptionIssued,
  markRedemptionUsed,
  RedemptionConflictError,
  releaseExpiredUnusedCodes,
  releaseRedemption,
  reserveRedemption,
  type ReserveRedemptionInput,
} from "./redemptions";

let test: TestDatabase;
let shopId: string;
/** Every shop a test touched, checked for `balance = sum(ledger)` after each test. */
const touchedShops = new Set<string>();

beforeAll(async () => {
  test = await createTestDatabase("loyalty_redemptions");
  shopId = await newShop();
});
afterEach(async () => {
  for (const shop of touchedShops) expect(await findBalanceMismatches(test.db, shop)).toEqual([]);
});
afterAll(() => test.drop());

const at = new Date("2026-06-01T12:00:00Z");
const days = (n: number) => new Date(at.getTime() + n * 86_400_000);

async function newShop(): Promise<string> {
  const id = (await insertTestShop(test.db)).id;
  touchedShops.add(id);
  return id;
}

async function newCustomer(points = 0, shop = shopId, tierId: number | null = null): Promise<number> {
  const customer = await insertTestCustomer(test.db, shop, { tierId });
  if (points > 0) await earn(customer.id, points, `seed:${customer.id}`, shop);
  return customer.id;
}

function earn(customerId: number, points: number, key: string, shop = shopId) {
  return test.db.transaction(async (tx) =>
    requireEntry(
      await postLedgerEntry(tx, shop, {
        customerId,
        kind: "earn",
        amount: points,
        status: "available",
        sourceType: "order",
        sourceId: key,
        idempotencyKey: key,
        occurredAt: at,
      }),
    ),
  );
}

async function newReward(fields: Partial<typeof rewards.$inferInsert> = {}, shop = shopId): Promise<number> {
  const [row] = await test.db
    .insert(rewards)
    .values({
      shopId: shop,
      name: "$5 off",
      type: "fixed_amount",
      pointsCost: 500,
      valueMinor: 500,
      ...fields,
    })
    .returning({ id: rewards.id });
  return row!.id;
}

let requestCounter = 0;
const request = (
  customerId: number,
  rewardId: number,
  fields: Partial<ReserveRedemptionInput> = {},
): ReserveRedemptionInput => ({
  customerId,
  rewardId,
  requestKey: `req-${++requestCounter}`,
  channel: "online",
  at,
  ...fields,
});

const reserve = (input: ReserveRedemptionInput, shop = shopId) =>
  test.db.transaction((tx) => reserveRedemption(tx, shop, input));

async function reserved(input: ReserveRedemptionInput, shop = shopId) {
  const result = await reserve(input, shop);
  if (result.outcome !== "reserved") throw new Error(`expected a reservation, got ${result.outcome}`);
  return result.redemption;
}

async function issued(input: ReserveRedemptionInput, code: string, shop = shopId) {
  const redemption = await reserved(input, shop);
  await test.db.transaction((tx) =>
    markRedemptionIssued(tx, shop, { redemptionId: redemption.id, discountCode: code, at: input.at }),
  );
  return redemption;
}

const balanceOf = async (customerId: number) =>
  (await test.db.select().from(pointBalances).where(eq(pointBalances.customerId, customerId)))[0]!;
const ledgerOf = (customerId: number) =>
  test.db.select().from(pointsLedger).where(eq(pointsLedger.customerId, customerId)).orderBy(pointsLedger.id);
const redemptionsOf = (customerId: number) =>
  test.db.select().from(redemptions).where(eq(redemptions.customerId, customerId)).orderBy(redemptions.id);
const refusalsOf = (customerId: number) =>
  test.db.select().from(ledgerRefusals).where(eq(ledgerRefusals.customerId, customerId));

describe("reserving a redemption", () => {
  it('"Redemption is a reservation, never a burn": the redeem row and a reserved redemption, in one transaction', async () => {
    const c = await newCustomer(1200);
    const rewardId = await newReward();
    const result = await reserve(request(c, rewardId, { requestKey: "widget-click-1" }));

    expect(result.outcome).toBe("reserved");
    if (result.outcome !== "reserved") return;
    const { redemption, entry } = result;
    expect(redemption).toMatchObject({
      status: "reserved",
      customerId: c,
      rewardId,
      pointsSpent: 500,
      valueMinor: 500,
      currency: "USD",
      idempotencyKey: "widget-click-1",
      channel: "online",
      expiresAt: days(30),
    });
    expect(redemption.rewardSnapshot).toMatchObject({
      id: String(rewardId),
      kind: { type: "fixed_amount", pointsCost: 500, value: { shopMinor: 500 } },
    });
    expect(entry).toMatchObject({
      kind: "redeem",
      amount: -500,
      status: "available",
      sourceType: "redemption",
      sourceId: String(redemption.id),
      idempotencyKey: "redeem:widget-click-1",
      actorType: "shopper",
    });
    expect(await balanceOf(c)).toMatchObject({ available: 700, lifetimeRedeemed: 500 });
  });

  it('"idempotent on the client\'s request key": a replay returns the existing redemption unchanged', async () => {
    const c = await newCustomer(1200);
    const rewardId = await newReward();
    const input = request(c, rewardId);
    const first = await reserved(input);
    const replay = await reserve({ ...input, at: days(1) });

    expect(replay).toEqual({ outcome: "duplicate", redemption: first });
    expect(await redemptionsOf(c)).toHaveLength(1);
    expect(await ledgerOf(c)).toHaveLength(2); // the seed earn and one redeem
    expect((await balanceOf(c)).available).toBe(700);
  });

  it("refuses a request key reused for another reward", async () => {
    const c = await newCustomer(2000);
    const input = request(c, await newReward());
    await reserved(input);
    await expect(reserve({ ...input, rewardId: await newReward() })).rejects.toBeInstanceOf(
      RedemptionConflictError,
    );
    expect((await balanceOf(c)).available).toBe(1500);
  });

  it('"A redemption never drives the available balance below zero"; the refusal is the ledger\'s, so a replay stays refused', async () => {
    const c = await newCustomer(300);
    const rewardId = await newReward();
    const input = request(c, rewardId);

    expect(await reserve(input)).toEqual({
      outcome: "refused",
      reasons: ["insufficient_points"],
      availablePoints: 300,
      pointsCost: 500,
    });
    expect(await redemptionsOf(c)).toEqual([]);
    expect(await refusalsOf(c)).toHaveLength(1);

    await earn(c, 1000, `more:${c}`);
    expect(await reserve(input)).toMatchObject({ outcome: "refused", reasons: ["insufficient_points"] });
    // A new attempt is a new request key.
    expect((await reserve(request(c, rewardId))).outcome).toBe("reserved");
    expect(await balanceOf(c)).toMatchObject({ available: 800, lifetimeRedeemed: 500 });
  });

  it('"Concurrent redemptions on one customer must serialize: two at once cannot both spend the same points"', async () => {
    const c = await newCustomer(500);
    const rewardId = await newReward();
    const results = await Promise.all([reserve(request(c, rewardId)), reserve(request(c, rewardId))]);

    expect(results.map((r) => r.outcome).sort()).toEqual(["refused", "reserved"]);
    expect(await redemptionsOf(c)).toHaveLength(1);
    expect((await balanceOf(c)).available).toBe(0);
  });

  it('"per-customer limits": a second redemption is refused, a released one does not count', async () => {
    const c = await newCustomer(5000);
    const rewardId = await newReward({ perCustomerLimit: 1 });
    const first = await reserved(request(c, rewardId));

    expect(await reserve(request(c, rewardId))).toMatchObject({
      outcome: "refused",
      reasons: ["per_customer_limit_reached"],
    });
    // A rule refusal writes nothing at all, not even a recorded ledger refusal.
    expect(await refusalsOf(c)).toEqual([]);
    expect(await redemptionsOf(c)).toHaveLength(1);

    await test.db.transaction((tx) =>
      releaseRedemption(tx, shopId, { redemptionId: first.id, reason: "shopify_failed", at }),
    );
    expect((await reserve(request(c, rewardId))).outcome).toBe("reserved");
    expect((await balanceOf(c)).available).toBe(4500);
  });

  it('"optional tier restriction": only customers at or above the reward\'s tier may redeem', async () => {
    const shop = await newShop();
    const [silver, gold, platinum] = await test.db
      .insert(vipTiers)
      .values([
        { shopId: shop, name: "Silver", threshold: 0 },
        { shopId: shop, name: "Gold", threshold: 1000 },
        { shopId: shop, name: "Platinum", threshold: 5000 },
      ])
      .returning({ id: vipTiers.id });
    const rewardId = await newReward({ minTierId: gold!.id }, shop);

    const inSilver = await newCustomer(1000, shop, silver!.id);
    const noTier = await newCustomer(1000, shop);
    const inGold = await newCustomer(1000, shop, gold!.id);
    const inPlatinum = await newCustomer(1000, shop, platinum!.id);

    for (const c of [inSilver, noTier]) {
      expect(await reserve(request(c, rewardId), shop)).toMatchObject({
        outcome: "refused",
        reasons: ["tier_too_low"],
      });
      expect((await balanceOf(c)).available).toBe(1000);
    }
    for (const c of [inGold, inPlatinum]) {
      expect((await reserve(request(c, rewardId), shop)).outcome).toBe("reserved");
    }
  });

  it("lists every reason a redemption is refused (inactive, channel, minimum order, points)", async () => {
    const c = await newCustomer(100);
    const rewardId = await newReward({ active: false, channels: ["online"], minOrderMinor: 5000 });
    const result = await reserve(request(c, rewardId, { channel: "pos", cartSubtotalMinor: 4999 }));
    expect(result).toEqual({
      outcome: "refused",
      reasons: ["reward_inactive", "channel_not_allowed", "below_minimum_order", "insufficient_points"],
      availablePoints: 100,
      pointsCost: 500,
    });
    expect(await refusalsOf(c)).toEqual([]);
  });

  it('"points-for-money (the shopper picks how many points to turn into a discount, in steps, between a minimum and maximum)"', async () => {
    const c = await newCustomer(5000);
    const rewardId = await newReward({
      name: "Points for cash",
      type: "points_for_money",
      pointsCost: 100,
      valueMinor: null,
      pfmStepPoints: 100,
      pfmStepValueMinor: 50,
      pfmMinPoints: 500,
      pfmMaxPoints: 2000,
    });
    const refusal = async (chosenPoints: number) => {
      const result = await reserve(request(c, rewardId, { chosenPoints }));
      return result.outcome === "refused" ? result.reasons : [];
    };
    expect(await refusal(750)).toEqual(["not_a_whole_step"]);
    expect(await refusal(300)).toEqual(["below_minimum"]);
    expect(await refusal(2100)).toEqual(["above_maximum"]);

    const input = request(c, rewardId, { chosenPoints: 800 });
    const redemption = await reserved(input);
    expect(redemption).toMatchObject({ pointsSpent: 800, valueMinor: 400, currency: "USD" });
    expect((await balanceOf(c)).available).toBe(4200);
    // The same request key with another amount is not a replay.
    await expect(reserve({ ...input, chosenPoints: 900 })).rejects.toBeInstanceOf(RedemptionConflictError);
    expect((await reserve(input)).outcome).toBe("duplicate");
  });

  it("a POS redemption is recorded as the associate's", async () => {
    const c = await newCustomer(500);
    const result = await reserve(request(c, await newReward(), { channel: "pos" }));
    expect(result).toMatchObject({
      outcome: "reserved",
      redemption: { channel: "pos" },
      entry: { actorType: "pos_staff" },
    });
  });
});

describe("after the reservation", () => {
  it('"On success the redemption is issued and the code is shown"; a replay is a no-op', async () => {
    const c = await newCustomer(1000);
    const redemption = await reserved(request(c, await newReward()));
    const issue = (code: string) =>
      test.db.transaction((tx) =>
        markRedemptionIssued(tx, shopId, {
          redemptionId: redemption.id,
          discountCode: code,
          shopifyDiscountId: "gid://shopify/DiscountCodeNode/1",
          at: days(0),
        }),
      );

    const first = await issue("LN-ISSUE-1");
    expect(first).toMatchObject({
      changed: true,
      redemption: { status: "issued", discountCode: "LN-ISSUE-1", issuedAt: at },
    });
    expect(await issue("LN-ISSUE-1")).toEqual({ changed: false, redemption: first.redemption });
    // Another code for an issued redemption is a stray code, not a replay.
    await expect(issue("LN-ISSUE-OTHER")).rejects.toBeInstanceOf(RedemptionConflictError);
    expect((await balanceOf(c)).available).toBe(500);
  });

  it("a store-credit redemption is issued with its transaction and never expires unused", async () => {
    const c = await newCustomer(1000);
    const rewardId = await newReward({ name: "$5 credit", type: "store_credit" });
    const redemption = await reserved(request(c, rewardId));
    expect(redemption.expiresAt).toBeNull();

    await expect(
      test.db.transaction((tx) =>
        markRedemptionIssued(tx, shopId, { redemptionId: redemption.id, discountCode: null, at }),
      ),
    ).rejects.toThrow(RangeError);
    const result = await test.db.transaction((tx) =>
      markRedemptionIssued(tx, shopId, {
        redemptionId: redemption.id,
        discountCode: null,
        storeCreditTransactionId: "gid://shopify/StoreCreditAccountCreditTransaction/9",
        at,
      }),
    );
    expect(result.redemption).toMatchObject({ status: "issued", discountCode: null });
  });

  it('"on failure the points are returned by a reversal row"; a replay returns nothing twice', async () => {
    const c = await newCustomer(1000);
    const redemption = await reserved(request(c, await newReward()));
    const fail = () =>
      test.db.transaction((tx) =>
        releaseRedemption(tx, shopId, {
          redemptionId: redemption.id,
          reason: "shopify_failed",
          error: "Code has already been taken",
          at: days(0),
        }),
      );

    const released = await fail();
    expect(released).toMatchObject({
      changed: true,
      redemption: {
        status: "released",
        releasedAt: at,
        releaseReason: "shopify_failed",
        lastError: "Code has already been taken",
      },
    });
    const [, redeem, reversal] = await ledgerOf(c);
    expect(reversal).toMatchObject({
      kind: "reversal",
      amount: 500,
      sourceType: "redemption",
      sourceId: String(redemption.id),
      idempotencyKey: `redemption:${redemption.id}:release`,
      relatedEntryId: redeem!.id,
    });
    expect(await fail()).toMatchObject({ changed: false, redemption: { status: "released" } });
    expect(await ledgerOf(c)).toHaveLength(3);
    expect(await balanceOf(c)).toMatchObject({ available: 1000, lifetimeRedeemed: 0 });
  });

  it('"When an orders/paid webhook shows the code used, the redemption is used"; a replay is a no-op', async () => {
    const c = await newCustomer(1000);
    const redemption = await issued(request(c, await newReward()), "LN-USED-1");
    const use = (discountCode: string, orderId: string) =>
      test.db.transaction((tx) => markRedemptionUsed(tx, shopId, { discountCode, orderId, at: days(2) }));

    // Shopify matches codes case-insensitively, so the order may carry the shopper's spelling.
    const used = await use("ln-used-1", "5001");
    expect(used).toMatchObject({
      changed: true,
      redemption: { id: redemption.id, status: "used", usedOrderId: "5001", usedAt: days(2) },
    });
    expect(await use("LN-USED-1", "5001")).toMatchObject({ changed: false });
    expect(await use("LN-USED-1", "5002")).toMatchObject({
      changed: false,
      redemption: { usedOrderId: "5001" },
    });
    // Most codes on orders are not LoyalNest's.
    expect(await use("SUMMER10", "5003")).toBeNull();
    expect(
      await test.db.transaction((tx) =>
        markRedemptionUsed(tx, shopId, { redemptionId: redemption.id, orderId: "5001", at: days(3) }),
      ),
    ).toMatchObject({ changed: false });
  });

  it('"A refunded order whose reward code was used does not return the reward\'s points": a used redemption cannot be released', async () => {
    const c = await newCustomer(1000);
    const redemption = await issued(request(c, await newReward()), "LN-USED-2");
    await test.db.transaction((tx) =>
      markRedemptionUsed(tx, shopId, { redemptionId: redemption.id, orderId: "6001", at }),
    );

    await expect(
      test.db.transaction((tx) =>
        releaseRedemption(tx, shopId, { redemptionId: redemption.id, reason: "cancelled", at }),
      ),
    ).rejects.toBeInstanceOf(IllegalRedemptionTransitionError);
    expect(await ledgerOf(c)).toHaveLength(2);
    expect((await redemptionsOf(c))[0]).toMatchObject({ status: "used", releasedAt: null });
    expect((await balanceOf(c)).available).toBe(500);
  });

  it("an illegal transition throws the domain's error and writes nothing", async () => {
    const c = await newCustomer(1000);
    const redemption = await reserved(request(c, await newReward()));
    // Not issued yet: no order can have used it.
    await expect(
      test.db.transaction((tx) =>
        markRedemptionUsed(tx, shopId, { redemptionId: redemption.id, orderId: "7001", at }),
      ),
    ).rejects.toBeInstanceOf(IllegalRedemptionTransitionError);
    // A Shopify success after the failure released it: the caller must delete the stray code.
    await test.db.transaction((tx) =>
      releaseRedemption(tx, shopId, { redemptionId: redemption.id, reason: "shopify_failed", at }),
    );
    await expect(
      test.db.transaction((tx) =>
        markRedemptionIssued(tx, shopId, { redemptionId: redemption.id, discountCode: "LN-LATE", at }),
      ),
    ).rejects.toBeInstanceOf(IllegalRedemptionTransitionError);
    expect((await redemptionsOf(c))[0]).toMatchObject({
      status: "released",
      discountCode: null,
      usedOrderId: null,
    });
  });
});

describe("unused codes", () => {
  it('"A code that expires unused is deleted and its points are returned automatically"', async () => {
    const shop = await newShop();
    const c = await newCustomer(2000, shop);
    const thirtyDays = await newReward({}, shop);
    const sevenDays = await newReward({ codeExpiryDays: 7 }, shop);
    const expiring = await issued(request(c, sevenDays), "LN-EXP-7", shop);
    const current = await issued(request(c, thirtyDays), "LN-EXP-30", shop);
    const usedOne = await issued(request(c, sevenDays), "LN-EXP-USED", shop);
    await test.db.transaction((tx) =>
      markRedemptionUsed(tx, shop, { redemptionId: usedOne.id, orderId: "8001", at: days(1) }),
    );
    expect((await balanceOf(c)).available).toBe(500);

    const sweep = (now: Date) => test.db.transaction((tx) => releaseExpiredUnusedCodes(tx, shop, now));
    expect(await sweep(days(6))).toEqual([]);
    const released = await sweep(days(7));
    expect(released.map((r) => [r.id, r.discountCode, r.status, r.releaseReason])).toEqual([
      [expiring.id, "LN-EXP-7", "released", "code_expired"],
    ]);
    expect((await balanceOf(c)).available).toBe(1000);
    expect(await sweep(days(8))).toEqual([]);

    const later = await sweep(days(31));
    expect(later.map((r) => r.id)).toEqual([current.id]);
    expect(await balanceOf(c)).toMatchObject({ available: 1500, lifetimeRedeemed: 500 });
  });

  it('"(per-shop setting, default on)": with the setting off an expired code keeps its points spent', async () => {
    const shop = await newShop();
    await test.db
      .update(shopSettings)
      .set({ releaseUnusedCodes: false })
      .where(eq(shopSettings.shopId, shop));
    const c = await newCustomer(1000, shop);
    const redemption = await issued(request(c, await newReward({}, shop)), "LN-KEEP", shop);

    expect(await test.db.transaction((tx) => releaseExpiredUnusedCodes(tx, shop, days(40)))).toEqual([]);
    expect((await redemptionsOf(c))[0]).toMatchObject({ id: redemption.id, status: "issued" });
    expect((await balanceOf(c)).available).toBe(500);
  });
});

describe("tenancy", () => {
  it("never touches another shop's redemption", async () => {
    const other = await newShop();
    const c = await newCustomer(1000);
    const redemption = await reserved(request(c, await newReward()));
    await expect(
      test.db.transaction((tx) =>
        releaseRedemption(tx, other, { redemptionId: redemption.id, reason: "shopify_failed", at }),
      ),
    ).rejects.toThrow(/does not exist/);
    expect((await redemptionsOf(c))[0]).toMatchObject({ status: "reserved" });
    expect((await balanceOf(c)).available).toBe(500);
  });
});
