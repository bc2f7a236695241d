import { IllegalReferralTransitionError, REFERRAL_CODE_ALPHABET, type RandomInt } from "@loyalnest/domain";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blindIndex } from "../crypto/pii-cipher";
import { findBalanceMismatches } from "../ledger/invariants";
import { postLedgerEntry, requireEntry } from "../ledger/post-entry";
import {
  auditLog,
  type customers,
  orderSummaries,
  pointsLedger,
  referrals,
  referralVisits,
  shopSettings,
  vipTiers,
} from "../schema";
import {
  balanceOf as fixtureBalanceOf,
  createTestDatabase,
  createTestKeyring,
  insertTestCustomer,
  insertTestShop,
  type TestDatabase,
} from "../testing";
import {
  completeReferralOnFirstPaidOrder,
  createPendingReferral,
  ensureReferralCode,
  recordReferralVisit,
  reverseReferralOnRefund,
  reviewFlaggedReferral,
  type PendingReferralInput,
} from "./referrals";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase("loyalty_referrals");
});
afterAll(() => test.drop());

const keyring = createTestKeyring();
const hash = (value: string) => blindIndex(keyring, "referral-visit", value);
const DAY = 86_400_000;
const T0 = new Date("2026-05-10T12:00:00Z");
const after = (days: number) => new Date(T0.getTime() + days * DAY);

/** A deterministic random source: cycles through `values`. */
const sequence = (...values: number[]): RandomInt => {
  let i = 0;
  return () => values[i++ % values.length]!;
};
let seed = 0;
/** A different code for each call, so tests never collide by accident. */
const freshRandom = (): RandomInt => {
  seed++;
  let n = seed * 7919;
  return (max) => (n = (n * 31 + 17) % 1_000_003) % max;
};

async function newShop(settings: Partial<typeof shopSettings.$inferInsert> = {}) {
  const shopId = (await insertTestShop(test.db)).id;
  if (Object.keys(settings).length > 0) {
    await test.db.update(shopSettings).set(settings).where(eq(shopSettings.shopId, shopId));
  }
  return shopId;
}

let personSeq = 0;
async function newPerson(shopId: string, overrides: Partial<typeof customers.$inferInsert> = {}) {
  personSeq++;
  return (
    await insertTestCustomer(test.db, shopId, {
      emailHash: `email-${personSeq}`,
      shippingAddressHash: `ship-${personSeq}`,
      ...overrides,
    })
  ).id;
}

const codeFor = (shopId: string, customerId: number) =>
  test.db.transaction((tx) => ensureReferralCode(tx, shopId, customerId, freshRandom()));

const refer = (shopId: string, input: PendingReferralInput) =>
  test.db.transaction(async (tx) => (await createPendingReferral(tx, shopId, input))!);

let orderSeq = 1000;
async function paidOrder(
  shopId: string,
  customerId: number | null,
  paidAt: Date,
  fields: Partial<typeof orderSummaries.$inferInsert> = {},
) {
  const orderId = ++orderSeq;
  await test.db.insert(orderSummaries).values({
    shopId,
    shopifyOrderId: orderId,
    customerId,
    currency: "USD",
    subtotalMinor: 5000,
    totalMinor: 5000,
    placedAt: paidAt,
    paidAt,
    ...fields,
  });
  return orderId;
}

const complete = (shopId: string, friendCustomerId: number, orderId: number, paidAt: Date) =>
  test.db.transaction((tx) =>
    completeReferralOnFirstPaidOrder(tx, shopId, { friendCustomerId, orderId, paidAt }),
  );

const balanceOf = (shopId: string, customerId: number) => fixtureBalanceOf(test.db, shopId, customerId);

const referralLedger = (shopId: string, customerId: number) =>
  test.db
    .select()
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.shopId, shopId),
        eq(pointsLedger.customerId, customerId),
        eq(pointsLedger.sourceType, "referral"),
      ),
    )
    .orderBy(pointsLedger.id);

/** An advocate with a code and a friend with a pending referral through it. */
async function pendingPair(shopId: string, friendOverrides: Partial<typeof customers.$inferInsert> = {}) {
  const advocate = await newPerson(shopId);
  const friend = await newPerson(shopId, friendOverrides);
  const code = await codeFor(shopId, advocate);
  const { referral } = await refer(shopId, { code, friendCustomerId: friend, at: T0 });
  return { advocate, friend, code, referralId: referral.id };
}

describe("referrals", () => {
  it('"Every member gets a short referral code, unique in the shop (no look-alike characters)"', async () => {
    const shopId = await newShop();
    const first = await newPerson(shopId);
    const second = await newPerson(shopId);
    const code = await test.db.transaction((tx) => ensureReferralCode(tx, shopId, first, sequence(0)));
    expect(code).toBe("2222222");
    // Asking again returns the same code.
    expect(await test.db.transaction((tx) => ensureReferralCode(tx, shopId, first, sequence(5)))).toBe(code);
    // The same draw for another customer is taken, so another code is drawn.
    const other = await test.db.transaction((tx) =>
      ensureReferralCode(tx, shopId, second, sequence(0, 0, 0, 0, 0, 0, 0, 1)),
    );
    expect(other).not.toBe(code);
    expect(other).toMatch(new RegExp(`^[${REFERRAL_CODE_ALPHABET}]{7}$`));
    expect(other).not.toMatch(/[01OIL]/);

    const notMember = await newPerson(shopId, { membershipStatus: "not_member" });
    await expect(codeFor(shopId, notMember)).rejects.toThrow(/not a member/);
  });

  it('"A visit with `?ref=CODE` is recorded (hashed IP and user agent, never raw)"', async () => {
    const shopId = await newShop();
    const advocate = await newPerson(shopId);
    const code = await codeFor(shopId, advocate);
    const visit = {
      code: ` ${code.toLowerCase()} `,
      visitorToken: "visitor-1",
      ip: "203.0.113.9",
      userAgent: "Mozilla/5.0 (Test)",
      at: T0,
    };
    const recorded = await test.db.transaction((tx) => recordReferralVisit(tx, shopId, visit, hash));
    expect(recorded).toMatchObject({ advocateCustomerId: advocate });
    const again = await test.db.transaction((tx) => recordReferralVisit(tx, shopId, visit, hash));
    expect(again!.visitId).toBe(recorded!.visitId);

    const rows = await test.db.select().from(referralVisits).where(eq(referralVisits.shopId, shopId));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.ipHash).toBe(hash("ip:203.0.113.9"));
    expect(JSON.stringify(rows)).not.toContain("203.0.113.9");
    expect(JSON.stringify(rows)).not.toContain("Mozilla");
    expect(
      await test.db.transaction((tx) => recordReferralVisit(tx, shopId, { ...visit, code: "ZZZZZZZ" }, hash)),
    ).toBeNull();
  });

  it("a friend keeps the first referral; creating it again returns it", async () => {
    const shopId = await newShop();
    const { friend, referralId } = await pendingPair(shopId);
    const rival = await newPerson(shopId);
    const rivalCode = await codeFor(shopId, rival);
    const second = await refer(shopId, { code: rivalCode, friendCustomerId: friend, at: after(1) });
    expect(second).toMatchObject({ created: false, referral: { id: referralId, status: "pending" } });
    expect(
      await test.db.transaction((tx) =>
        createPendingReferral(tx, shopId, { code: "ZZZZZZZ", friendCustomerId: friend, at: T0 }),
      ),
    ).toBeNull();
  });

  it('"The referral completes when the friend\'s first paid order arrives; then the advocate is rewarded (e.g. 500 points)"', async () => {
    const shopId = await newShop();
    const [silver] = await test.db
      .insert(vipTiers)
      .values({ shopId, name: "Silver", threshold: 500 })
      .returning();
    const { advocate, friend, referralId } = await pendingPair(shopId);

    const unpaid = await paidOrder(shopId, friend, T0, { paidAt: null });
    expect(await complete(shopId, friend, unpaid, T0)).toEqual({ outcome: "none", reason: "order_not_paid" });

    const orderId = await paidOrder(shopId, friend, after(2));
    const result = await complete(shopId, friend, orderId, after(2));
    expect(result).toMatchObject({
      outcome: "completed",
      referral: {
        id: referralId,
        status: "completed",
        firstOrderId: orderId,
        completedAt: after(2),
        advocatePointsAwarded: 500,
        fraudScore: 0,
      },
      // The referral points lift the advocate into a tier at once.
      advocateTierChange: { toTierId: silver!.id },
    });
    expect(await referralLedger(shopId, advocate)).toMatchObject([
      {
        kind: "earn",
        amount: 500,
        status: "available",
        idempotencyKey: `referral:${referralId}:advocate`,
        sourceId: String(referralId),
      },
    ]);

    // Replaying the order, or a later order of the friend, rewards no one again.
    expect(await complete(shopId, friend, orderId, after(2))).toMatchObject({ outcome: "duplicate" });
    const later = await paidOrder(shopId, friend, after(3));
    expect(await complete(shopId, friend, later, after(3))).toEqual({
      outcome: "none",
      reason: "no_pending_referral",
    });
    expect((await balanceOf(shopId, advocate)).available).toBe(500);
    expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
  });

  it("a friend referred by e-mail before having an account completes the referral with their first order", async () => {
    const shopId = await newShop();
    const advocate = await newPerson(shopId);
    const code = await codeFor(shopId, advocate);
    const { referral } = await refer(shopId, { code, friendEmailHash: "guest-email", at: T0 });
    const friend = await newPerson(shopId, { emailHash: "guest-email" });
    const orderId = await paidOrder(shopId, friend, after(1));
    expect(await complete(shopId, friend, orderId, after(1))).toMatchObject({
      outcome: "completed",
      referral: { id: referral.id, friendCustomerId: friend },
    });
  });

  it('"a flagged referral waits in a review queue for the merchant instead of being silently rejected"', async () => {
    const shopId = await newShop();
    // Same shipping address as the advocate.
    const advocate = await newPerson(shopId, { shippingAddressHash: "shared-address" });
    const friend = await newPerson(shopId, { shippingAddressHash: "shared-address" });
    const code = await codeFor(shopId, advocate);
    const { referral } = await refer(shopId, { code, friendCustomerId: friend, at: T0 });
    const orderId = await paidOrder(shopId, friend, after(1));

    const flagged = await complete(shopId, friend, orderId, after(1));
    expect(flagged).toMatchObject({
      outcome: "flagged",
      referral: {
        status: "flagged",
        fraudScore: 70,
        fraudReasons: ["same_shipping_address_as_advocate"],
        completedAt: null,
      },
    });
    expect(await referralLedger(shopId, advocate)).toEqual([]);

    const queue = await test.db
      .select()
      .from(referrals)
      .where(and(eq(referrals.shopId, shopId), eq(referrals.status, "flagged")));
    expect(queue.map((r) => r.id)).toEqual([referral.id]);

    const review = {
      referralId: referral.id,
      decision: "approve" as const,
      staffId: "staff-3",
      at: after(2),
    };
    const approved = await test.db.transaction((tx) => reviewFlaggedReferral(tx, shopId, review));
    expect(approved).toMatchObject({
      outcome: "approved",
      referral: {
        status: "approved",
        reviewedBy: "staff-3",
        completedAt: after(2),
        advocatePointsAwarded: 500,
      },
    });
    expect(await test.db.transaction((tx) => reviewFlaggedReferral(tx, shopId, review))).toMatchObject({
      outcome: "duplicate",
    });
    await expect(
      test.db.transaction((tx) => reviewFlaggedReferral(tx, shopId, { ...review, decision: "reject" })),
    ).rejects.toBeInstanceOf(IllegalReferralTransitionError);
    expect((await referralLedger(shopId, advocate)).map((e) => e.amount)).toEqual([500]);
    expect(await test.db.select().from(auditLog).where(eq(auditLog.shopId, shopId))).toMatchObject([
      {
        action: "referral.approve",
        actorType: "staff",
        actorId: "staff-3",
        entityType: "referral",
        entityId: String(referral.id),
      },
    ]);
    expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
  });

  it("a rejected referral rewards no one; the friend who bought before is flagged as not new", async () => {
    const shopId = await newShop();
    const { advocate, friend, referralId } = await pendingPair(shopId);
    await paidOrder(shopId, friend, after(-100));
    const orderId = await paidOrder(shopId, friend, after(1));
    expect(await complete(shopId, friend, orderId, after(1))).toMatchObject({
      outcome: "flagged",
      completion: { fraudReasons: ["friend_not_new_customer"] },
    });
    const rejected = await test.db.transaction((tx) =>
      reviewFlaggedReferral(tx, shopId, { referralId, decision: "reject", staffId: "staff-1", at: after(2) }),
    );
    expect(rejected).toMatchObject({
      outcome: "rejected",
      referral: { status: "rejected", advocatePointsAwarded: 0 },
    });
    expect(await referralLedger(shopId, advocate)).toEqual([]);
  });

  it("flags a self-referral, the same IP as the advocate within 24 h, and more than N completions a month", async () => {
    const shopId = await newShop({ referralMonthlyLimit: 1 });

    // Self-referral.
    const self = await newPerson(shopId);
    const selfCode = await codeFor(shopId, self);
    await refer(shopId, { code: selfCode, friendCustomerId: self, at: T0 });
    const selfOrder = await paidOrder(shopId, self, after(1));
    expect(await complete(shopId, self, selfOrder, after(1))).toMatchObject({
      outcome: "flagged",
      completion: { fraudReasons: expect.arrayContaining(["friend_is_advocate"]) },
    });

    // The advocate was once referred themselves from IP X; a friend arrives from IP X 3 hours later.
    const grandAdvocate = await newPerson(shopId);
    const grandCode = await codeFor(shopId, grandAdvocate);
    const advocate = await newPerson(shopId);
    const visitOf = async (code: string, token: string, at: Date) =>
      (await test.db.transaction((tx) =>
        recordReferralVisit(
          tx,
          shopId,
          { code, visitorToken: token, ip: "198.51.100.7", userAgent: "UA", at },
          hash,
        ),
      ))!.visitId;
    await refer(shopId, {
      code: grandCode,
      friendCustomerId: advocate,
      visitId: await visitOf(grandCode, "adv", T0),
      at: T0,
    });
    const code = await codeFor(shopId, advocate);
    const friend = await newPerson(shopId);
    const friendVisit = await visitOf(code, "friend", new Date(T0.getTime() + 3 * 3_600_000));
    await refer(shopId, { code, friendCustomerId: friend, visitId: friendVisit, at: T0 });
    const order = await paidOrder(shopId, friend, after(1));
    expect(await complete(shopId, friend, order, after(1))).toMatchObject({
      outcome: "flagged",
      completion: { fraudReasons: ["same_fingerprint_as_advocate_within_24h"], fraudScore: 50 },
    });

    // Monthly limit 1: the advocate's second completion in May is flagged, June's is not.
    const busy = await newPerson(shopId);
    const busyCode = await codeFor(shopId, busy);
    const outcomes: string[] = [];
    for (const paidAt of [after(1), after(2), after(25)]) {
      const f = await newPerson(shopId);
      await refer(shopId, { code: busyCode, friendCustomerId: f, at: T0 });
      outcomes.push((await complete(shopId, f, await paidOrder(shopId, f, paidAt), paidAt)).outcome);
    }
    expect(outcomes).toEqual(["completed", "flagged", "completed"]);
  });

  it('"If that order is fully refunded within the reversal window (default 30 days), both rewards are reversed"', async () => {
    const shopId = await newShop();
    const { advocate, friend, referralId } = await pendingPair(shopId);
    const orderId = await paidOrder(shopId, friend, T0);
    await complete(shopId, friend, orderId, T0);
    // The advocate spends most of the reward before the refund.
    await test.db.transaction(async (tx) =>
      requireEntry(
        await postLedgerEntry(tx, shopId, {
          customerId: advocate,
          kind: "redeem",
          amount: -400,
          status: "available",
          sourceType: "redemption",
          idempotencyKey: "redeem:adv:1",
          occurredAt: after(1),
        }),
      ),
    );

    const partial = await test.db.transaction((tx) =>
      reverseReferralOnRefund(tx, shopId, { orderId, refundedMinor: 2000, refundedAt: after(5) }),
    );
    expect(partial).toMatchObject({
      outcome: "kept",
      decision: { reverse: false, reason: "not_fully_refunded" },
    });

    const refund = { orderId, refundedMinor: 5000, refundedAt: after(30) };
    const reversed = await test.db.transaction((tx) => reverseReferralOnRefund(tx, shopId, refund));
    expect(reversed).toMatchObject({
      outcome: "reversed",
      referral: { status: "reversed", reversedAt: after(30), reversalReason: "first_order_fully_refunded" },
    });
    const ledger = await referralLedger(shopId, advocate);
    expect(ledger).toMatchObject([
      { kind: "earn", amount: 500 },
      {
        kind: "reversal",
        amount: -500,
        relatedEntryId: ledger[0]!.id,
        idempotencyKey: `referral:${referralId}:advocate:reversal`,
      },
    ]);
    // The reversal may leave a debt.
    expect((await balanceOf(shopId, advocate)).available).toBe(-400);
    expect(await test.db.transaction((tx) => reverseReferralOnRefund(tx, shopId, refund))).toMatchObject({
      outcome: "duplicate",
    });
    expect(await referralLedger(shopId, advocate)).toHaveLength(2);
    expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
  });

  it("a full refund after the reversal window keeps the reward", async () => {
    const shopId = await newShop({ referralReversalWindowDays: 10 });
    const { advocate, friend } = await pendingPair(shopId);
    const orderId = await paidOrder(shopId, friend, T0);
    await complete(shopId, friend, orderId, T0);
    const late = await test.db.transaction((tx) =>
      reverseReferralOnRefund(tx, shopId, { orderId, refundedMinor: 5000, refundedAt: after(11) }),
    );
    expect(late).toMatchObject({ outcome: "kept", decision: { reason: "outside_window" } });
    expect((await balanceOf(shopId, advocate)).available).toBe(500);
    expect(
      await test.db.transaction((tx) =>
        reverseReferralOnRefund(tx, shopId, { orderId: 999_999, refundedMinor: 1, refundedAt: T0 }),
      ),
    ).toEqual({ outcome: "none" });
  });
});
