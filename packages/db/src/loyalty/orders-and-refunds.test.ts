import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBalanceMismatches, postLedgerEntry, releasePendingEntry } from "../ledger";
import {
  campaigns,
  customers,
  orderSummaries,
  pointsLedger,
  redemptions,
  rewards,
  shopSettings,
  tierHistory,
  vipTiers,
} from "../schema";
import {
  balanceOf,
  createTestDatabase,
  insertTestCustomer,
  insertTestShop,
  type TestDatabase,
} from "../testing";
import { claimGuestOrders } from "./guest-orders";
import { recordPaidOrder, type PaidOrder } from "./orders";
import { markRedemptionIssued, reserveRedemption } from "./redemptions";
import { createPendingReferral, ensureReferralCode } from "./referrals";
import { cancelOrder, recordRefund } from "./refunds";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase("orders_refunds");
});
afterAll(() => test.drop());

const day = 86_400_000;
const placed = new Date("2026-03-10T15:00:00Z");
let nextOrderId = 5_000;

/** A paid order whose only line costs `subtotal` with `discount` allocated to it, in USD cents. */
function order(customerId: number | null, subtotal: number, fields: Partial<PaidOrder> = {}): PaidOrder {
  const id = nextOrderId++;
  return {
    shopifyOrderId: id,
    orderName: `#${id}`,
    customerId,
    guestEmailHash: customerId === null ? "guest-hash" : null,
    earning: {
      currency: "USD",
      channel: "online",
      placedAt: placed,
      taxesIncluded: false,
      lineItems: [
        {
          id: `${id}-1`,
          quantity: 1,
          grossMinor: subtotal,
          discountMinor: 0,
          taxMinor: 0,
          giftCard: false,
          productTags: [],
          collectionIds: [],
        },
      ],
      shipping: { grossMinor: 599, discountMinor: 0, taxMinor: 0 },
      tipMinor: 0,
    },
    totals: {
      subtotalMinor: subtotal,
      discountMinor: 0,
      shippingMinor: 599,
      taxMinor: 0,
      tipMinor: 0,
      giftCardMinor: 0,
      totalMinor: subtotal + 599,
    },
    presentmentCurrency: "USD",
    countryCode: "US",
    discountCodes: [],
    referralCode: null,
    shippingAddressHash: null,
    paidAt: new Date(placed.getTime() + 60_000),
    shopifyUpdatedAt: null,
    ...fields,
  };
}

async function setup(settings: Partial<typeof shopSettings.$inferInsert> = {}) {
  const shop = await insertTestShop(test.db);
  if (Object.keys(settings).length > 0) {
    await test.db.update(shopSettings).set(settings).where(eq(shopSettings.shopId, shop.id));
  }
  const customer = await insertTestCustomer(test.db, shop.id);
  return { shopId: shop.id, customerId: customer.id };
}

const pay = (shopId: string, o: PaidOrder) => test.db.transaction((tx) => recordPaidOrder(tx, shopId, o));
const refund = (
  shopId: string,
  o: PaidOrder,
  refundId: number,
  basis: number,
  at = o.paidAt,
  money = basis,
) =>
  test.db.transaction((tx) =>
    recordRefund(tx, shopId, {
      shopifyRefundId: refundId,
      shopifyOrderId: o.shopifyOrderId,
      refundedMinor: money,
      refundedBasisMinor: basis,
      refundedAt: at,
    }),
  );
const balance = (shopId: string, customerId: number) => balanceOf(test.db, shopId, customerId);

describe("earning on orders/paid", () => {
  it('"floor(33.33 × 10 × 1.5 × 2) = floor(999.9) = 999 points" (Gold ×1.5, campaign ×2, rate 10)', async () => {
    const { shopId, customerId } = await setup();
    const [gold] = await test.db
      .insert(vipTiers)
      .values({ shopId, name: "Gold", threshold: 5000, earnMultiplierBp: 15_000 })
      .returning();
    await test.db.insert(tierHistory).values({
      shopId,
      customerId,
      toTierId: gold!.id,
      reason: "upgrade",
      idempotencyKey: "gold",
      createdAt: new Date(placed.getTime() - 30 * day),
    });
    const [double] = await test.db
      .insert(campaigns)
      .values({
        shopId,
        name: "Double points",
        type: "multiplier",
        multiplierBp: 20_000,
        startsAt: new Date(placed.getTime() - day),
        endsAt: new Date(placed.getTime() + day),
        currentVersion: 3,
      })
      .returning();

    const result = await pay(shopId, order(customerId, 3_333));
    expect(result).toMatchObject({ outcome: "earned", points: 999, status: "available" });
    const [entry] = await test.db.select().from(pointsLedger).where(eq(pointsLedger.shopId, shopId));
    expect(entry).toMatchObject({ campaignId: double!.id, campaignVersion: 3, earningRuleVersion: 1 });
    expect((await balance(shopId, customerId)).available).toBe(999);
  });

  it('"An order earns at the tier the customer held when the order was placed"', async () => {
    const { shopId, customerId } = await setup();
    const [gold] = await test.db
      .insert(vipTiers)
      .values({ shopId, name: "Gold", threshold: 5000, earnMultiplierBp: 15_000 })
      .returning();
    // upgraded after the order was placed (e.g. by this very order): the order earns at base rate
    await test.db.insert(tierHistory).values({
      shopId,
      customerId,
      toTierId: gold!.id,
      reason: "upgrade",
      idempotencyKey: "late-gold",
      createdAt: new Date(placed.getTime() + 5 * 60_000),
    });
    expect(await pay(shopId, order(customerId, 10_000))).toMatchObject({ points: 1_000 });
  });

  it('"Replaying any input must be a no-op": a duplicated orders/paid credits once', async () => {
    const { shopId, customerId } = await setup();
    const o = order(customerId, 2_500);
    expect((await pay(shopId, o)).outcome).toBe("earned");
    expect(await pay(shopId, o)).toMatchObject({ outcome: "duplicate", points: 250 });
    expect((await balance(shopId, customerId)).available).toBe(250);
  });

  it('"The purchase basis is the subtotal after discounts, excluding shipping, taxes, tips and gift-card line items"', async () => {
    const { shopId, customerId } = await setup();
    const o = order(customerId, 10_000);
    o.earning.lineItems = [
      { ...o.earning.lineItems[0]!, discountMinor: 1_000, taxMinor: 800 },
      { ...o.earning.lineItems[0]!, id: "gift", grossMinor: 5_000, giftCard: true },
    ];
    o.earning.tipMinor = 300;
    expect(await pay(shopId, o)).toMatchObject({ points: 900 });
  });

  it('"A guest order earns nothing at once, but is remembered"', async () => {
    const { shopId } = await setup();
    const o = order(null, 4_000);
    expect(await pay(shopId, o)).toEqual({ outcome: "guest" });
    const [summary] = await test.db.select().from(orderSummaries).where(eq(orderSummaries.shopId, shopId));
    expect(summary).toMatchObject({ customerId: null, guestEmailHash: "guest-hash", subtotalMinor: 4_000 });
  });

  it('"points from an order may wait N days (per-shop setting, default 0) before becoming available"', async () => {
    const { shopId, customerId } = await setup({ pendingDays: 14 });
    const o = order(customerId, 5_000);
    const result = await pay(shopId, o);
    expect(result).toMatchObject({ outcome: "earned", points: 500, status: "pending" });
    const [entry] = await test.db.select().from(pointsLedger).where(eq(pointsLedger.shopId, shopId));
    expect(entry!.availableAt?.toISOString()).toBe(new Date(o.paidAt.getTime() + 14 * day).toISOString());
    expect(await balance(shopId, customerId)).toMatchObject({ available: 0, pending: 500 });
  });
});

describe("refunds and cancellations", () => {
  it('"claw back points in proportion to the refunded share of the earning basis, never more in total than the order earned"', async () => {
    const { shopId, customerId } = await setup();
    const o = order(customerId, 10_000); // basis 100.00 → 1,000 points
    await pay(shopId, o);
    expect(await refund(shopId, o, 1, 2_500)).toMatchObject({ pointsReversed: 250, clawedBack: 250 });
    expect(await refund(shopId, o, 2, 7_500)).toMatchObject({ pointsReversed: 750 });
    expect(await refund(shopId, o, 3, 5_000)).toMatchObject({ pointsReversed: 0 }); // over-refund
    expect(await refund(shopId, o, 2, 7_500)).toMatchObject({ pointsReversed: 0 }); // replay
    expect(await balance(shopId, customerId)).toMatchObject({ available: 0, lifetimeEarned: 0 });
    expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
  });

  it('"Pending points are voided rather than clawed back" — a partial refund voids only its share', async () => {
    const { shopId, customerId } = await setup({ pendingDays: 30 });
    const o = order(customerId, 10_000);
    await pay(shopId, o);
    expect(await refund(shopId, o, 11, 3_000)).toMatchObject({ voidedPending: 300, clawedBack: 0 });
    expect(await balance(shopId, customerId)).toMatchObject({ available: 0, pending: 700 });

    const pending = await test.db
      .select()
      .from(pointsLedger)
      .where(and(eq(pointsLedger.shopId, shopId), eq(pointsLedger.status, "pending")));
    expect(pending.map((e) => e.amount)).toEqual([700]);
    await test.db.transaction((tx) => releasePendingEntry(tx, shopId, pending[0]!.id, new Date()));
    expect(await balance(shopId, customerId)).toMatchObject({ available: 700, pending: 0 });
    expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
  });

  it('"`orders/cancelled`: reverse whatever that order still holds"', async () => {
    const { shopId, customerId } = await setup();
    const o = order(customerId, 8_000);
    await pay(shopId, o);
    await refund(shopId, o, 21, 2_000); // −200
    const cancel = () =>
      test.db.transaction((tx) =>
        cancelOrder(tx, shopId, { shopifyOrderId: o.shopifyOrderId, cancelledAt: o.paidAt }),
      );
    expect(await cancel()).toMatchObject({ pointsReversed: 600 });
    expect(await cancel()).toMatchObject({ pointsReversed: 0 });
    expect(await balance(shopId, customerId)).toMatchObject({ available: 0, lifetimeEarned: 0 });
  });

  it('"A clawback may (a debt), and later earning pays the debt first"', async () => {
    const { shopId, customerId } = await setup();
    const first = order(customerId, 10_000);
    await pay(shopId, first);
    // the shopper spends 900 of the 1,000 before returning everything
    await test.db.transaction((tx) =>
      postLedgerEntry(tx, shopId, {
        customerId,
        kind: "redeem",
        amount: -900,
        status: "available",
        sourceType: "redemption",
        idempotencyKey: "spend",
        occurredAt: first.paidAt,
      }),
    );
    await refund(shopId, first, 31, 10_000);
    expect((await balance(shopId, customerId)).available).toBe(-900);
    await pay(shopId, order(customerId, 12_000));
    expect((await balance(shopId, customerId)).available).toBe(300);
    expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
  });

  it("parks nothing and writes nothing for a refund whose order has not arrived", async () => {
    const { shopId } = await setup();
    const o = order(null, 1_000);
    expect(await refund(shopId, o, 41, 500)).toEqual({ outcome: "order_unknown" });
    expect(await test.db.select().from(pointsLedger).where(eq(pointsLedger.shopId, shopId))).toEqual([]);
  });

  it('"A refunded order whose reward code was used does not return the reward\'s points"', async () => {
    const { shopId, customerId } = await setup();
    const o = order(customerId, 10_000, { discountCodes: ["NEST-USED"] });
    await pay(shopId, o);
    const [reward] = await test.db
      .insert(rewards)
      .values({ shopId, name: "$5 off", type: "fixed_amount", pointsCost: 500, valueMinor: 500 })
      .returning();
    await test.db.insert(redemptions).values({
      shopId,
      customerId,
      rewardId: reward!.id,
      rewardSnapshot: {},
      status: "used",
      pointsSpent: 500,
      idempotencyKey: "r1",
      discountCode: "NEST-USED",
      usedOrderId: String(o.shopifyOrderId),
    });
    expect(await refund(shopId, o, 51, 10_000)).toMatchObject({ pointsReversed: 1_000 });
    const [redemption] = await test.db.select().from(redemptions).where(eq(redemptions.shopId, shopId));
    expect(redemption!.status).toBe("used");
    const returns = await test.db
      .select()
      .from(pointsLedger)
      .where(and(eq(pointsLedger.shopId, shopId), eq(pointsLedger.sourceType, "redemption")));
    expect(returns).toEqual([]);
  });
});

describe("guest orders", () => {
  const claim = (
    shopId: string,
    customerId: number,
    fields: Partial<Parameters<typeof claimGuestOrders>[2]> = {},
  ) =>
    test.db.transaction((tx) =>
      claimGuestOrders(tx, shopId, {
        customerId,
        emailHash: "guest-hash",
        emailVerified: true,
        accountCreatedAt: new Date(placed.getTime() + 10 * day),
        at: new Date(placed.getTime() + 10 * day),
        ...fields,
      }),
    );

  it('"when a customer account with the same verified e-mail appears within 30 days, the order\'s points are credited (idempotently, as a normal earn)"', async () => {
    const { shopId, customerId } = await setup();
    const guest = order(null, 4_200);
    await pay(shopId, guest);
    expect(await claim(shopId, customerId)).toEqual([{ shopifyOrderId: guest.shopifyOrderId, points: 420 }]);
    expect(await claim(shopId, customerId)).toEqual([]);
    expect(await balance(shopId, customerId)).toMatchObject({ available: 420, lifetimeEarned: 420 });
    const [summary] = await test.db.select().from(orderSummaries).where(eq(orderSummaries.shopId, shopId));
    expect(summary).toMatchObject({ customerId, pointsEarned: 420 });
  });

  it("credits nothing for an unverified e-mail or an account created more than 30 days after the order", async () => {
    const { shopId, customerId } = await setup();
    await pay(shopId, order(null, 4_200));
    expect(await claim(shopId, customerId, { emailVerified: false })).toEqual([]);
    const late = new Date(placed.getTime() + 31 * day);
    expect(await claim(shopId, customerId, { accountCreatedAt: late, at: late })).toEqual([]);
    expect((await balance(shopId, customerId)).available).toBe(0);
  });
});

describe("what a paid order sets off", () => {
  it('"Upgrade happens at once, on the event that crosses the threshold" and "an upgrade it triggers applies from the next earning"', async () => {
    const { shopId, customerId } = await setup();
    await test.db.insert(vipTiers).values([
      { shopId, name: "Bronze", threshold: 0 },
      { shopId, name: "Silver", threshold: 1_000, earnMultiplierBp: 12_500, entryRewardPoints: 100 },
    ]);
    const first = await pay(shopId, order(customerId, 12_000));
    expect(first).toMatchObject({ outcome: "earned", points: 1_200 });
    const [silver] = await test.db
      .select()
      .from(vipTiers)
      .where(and(eq(vipTiers.shopId, shopId), eq(vipTiers.threshold, 1_000)));
    expect(first.outcome === "earned" && first.effects.tierChange?.toTierId).toBe(silver!.id);
    // the entry reward is credited once, with the upgrade
    expect((await balance(shopId, customerId)).available).toBe(1_300);

    const later = order(customerId, 10_000, {
      earning: { ...order(customerId, 10_000).earning, placedAt: new Date(placed.getTime() + day) },
      paidAt: new Date(placed.getTime() + day + 60_000),
    });
    expect(await pay(shopId, later)).toMatchObject({ points: 1_250 }); // Silver ×1.25
    expect((await balance(shopId, customerId)).available).toBe(2_550);
    expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
  });

  it('"When an `orders/paid` webhook shows the code used, the redemption is `used`"', async () => {
    const { shopId, customerId } = await setup();
    await pay(shopId, order(customerId, 10_000));
    const [reward] = await test.db
      .insert(rewards)
      .values({
        shopId,
        name: "$5 off",
        type: "fixed_amount",
        pointsCost: 500,
        valueMinor: 500,
        currency: "USD",
      })
      .returning();
    const reserved = await test.db.transaction((tx) =>
      reserveRedemption(tx, shopId, {
        customerId,
        rewardId: reward!.id,
        requestKey: "req-1",
        channel: "online",
        at: placed,
      }),
    );
    if (reserved.outcome !== "reserved") throw new Error(`expected a reservation, got ${reserved.outcome}`);
    await test.db.transaction((tx) =>
      markRedemptionIssued(tx, shopId, {
        redemptionId: reserved.redemption.id,
        discountCode: "NEST-ABC2345",
        at: placed,
      }),
    );
    const spending = order(customerId, 3_000, { discountCodes: ["NEST-ABC2345", "SOMEONE-ELSES"] });
    await pay(shopId, spending);
    const [redemption] = await test.db.select().from(redemptions).where(eq(redemptions.shopId, shopId));
    expect(redemption).toMatchObject({ status: "used", usedOrderId: String(spending.shopifyOrderId) });
  });

  it('"The referral completes when the friend\'s first paid order arrives" and is reversed when that order is fully refunded', async () => {
    const { shopId, customerId: advocateId } = await setup();
    const friend = await insertTestCustomer(test.db, shopId);
    const code = await test.db.transaction((tx) => ensureReferralCode(tx, shopId, advocateId, () => 3));
    await test.db.transaction((tx) =>
      createPendingReferral(tx, shopId, { code, friendCustomerId: friend.id, at: placed }),
    );
    const first = order(friend.id, 6_000);
    const paid = await pay(shopId, first);
    expect(paid.outcome === "earned" && paid.effects.referral).toBe("completed");
    expect((await balance(shopId, advocateId)).available).toBe(500); // the default advocate reward

    // fully refunded (shipping included) three days later
    await refund(shopId, first, 61, 6_000, new Date(first.paidAt.getTime() + 3 * day), 6_599);
    expect((await balance(shopId, advocateId)).available).toBe(0);
    expect((await balance(shopId, friend.id)).available).toBe(0);
    expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
  });
});

describe("order events in any order, any number of times", () => {
  it("a replayed orders/paid stays a no-op after the earning rate changed", async () => {
    const { shopId, customerId } = await setup();
    const o = order(customerId, 10_000);
    await pay(shopId, o);
    await test.db.update(shopSettings).set({ earnPoints: 20 }).where(eq(shopSettings.shopId, shopId));
    expect(await pay(shopId, o)).toMatchObject({ outcome: "duplicate", points: 1_000 });
    expect((await balance(shopId, customerId)).available).toBe(1_000);
  });

  it('"a shop may instead require joining through the widget": a customer who has not joined earns nothing', async () => {
    const { shopId, customerId } = await setup({ membershipMode: "opt_in" });
    await test.db
      .update(customers)
      .set({ membershipStatus: "not_member" })
      .where(eq(customers.id, customerId));
    expect(await pay(shopId, order(customerId, 10_000))).toMatchObject({
      outcome: "no_award",
      reason: "not_a_member",
    });
    expect((await balance(shopId, customerId)).available).toBe(0);
  });

  it("a referral is reversed on a full refund even when the friend's order earned nothing", async () => {
    const { shopId, customerId: advocateId } = await setup();
    await test.db.update(shopSettings).set({ earnPoints: 0 }).where(eq(shopSettings.shopId, shopId));
    const friend = await insertTestCustomer(test.db, shopId);
    const code = await test.db.transaction((tx) => ensureReferralCode(tx, shopId, advocateId, () => 5));
    await test.db.transaction((tx) =>
      createPendingReferral(tx, shopId, { code, friendCustomerId: friend.id, at: placed }),
    );
    const first = order(friend.id, 2_000);
    await pay(shopId, first);
    expect((await balance(shopId, advocateId)).available).toBe(500);
    await refund(shopId, first, 71, 2_000, first.paidAt, 2_599);
    expect((await balance(shopId, advocateId)).available).toBe(0);
  });

  it("a guest order refunded in part before the claim is credited net, and a later refund takes only its own share", async () => {
    const { shopId, customerId } = await setup();
    const guest = order(null, 10_000); // basis 100.00 → 1,000 points
    await pay(shopId, guest);
    await refund(shopId, guest, 81, 5_000); // half refunded while still a guest
    const at = new Date(placed.getTime() + 5 * day);
    await test.db.transaction((tx) =>
      claimGuestOrders(tx, shopId, {
        customerId,
        emailHash: "guest-hash",
        emailVerified: true,
        accountCreatedAt: at,
        at,
      }),
    );
    expect((await balance(shopId, customerId)).available).toBe(500);
    await refund(shopId, guest, 82, 1_000); // a further 10.00
    expect((await balance(shopId, customerId)).available).toBe(400);
    expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
  });

  it("concurrent deliveries of one order's paid, refund and cancel converge on the same balance", async () => {
    const { shopId, customerId } = await setup({ pendingDays: 10 });
    const o = order(customerId, 10_000);
    await pay(shopId, o);
    await Promise.all([
      pay(shopId, o),
      refund(shopId, o, 91, 4_000),
      refund(shopId, o, 91, 4_000),
      pay(shopId, o),
      refund(shopId, o, 92, 1_000),
    ]);
    expect(await balance(shopId, customerId)).toMatchObject({ available: 0, pending: 500 });
    expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
  });
});
