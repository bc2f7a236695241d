import {
  attributeReferral,
  buildReferralVisit,
  completeReferral,
  decideReferralReversal,
  fromLocalDateTime,
  generateReferralCodeAsync,
  normalizeReferralCode,
  referralAdvocateRewardKey,
  reviewReferral,
  toLocalDate,
  type AdvocateRewardGrant,
  type Fingerprint,
  type HashFn,
  type RandomInt,
  type ReferralCompletion,
  type ReferralRecord,
  type ReferralReversalDecision,
  type ReferralReview,
  type TierChange,
} from "@loyalnest/domain";
import { and, eq, gte, inArray, isNotNull, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { Transaction } from "../client";
import { postLedgerEntry, requireEntry } from "../ledger/post-entry";
import {
  auditLog,
  customers,
  orderSummaries,
  pointsLedger,
  referralCodes,
  referrals,
  referralVisits,
  shopConfigSchema,
  shops,
  shopSettings,
} from "../schema";
import { applyTierAfterEarning } from "./tiers";

/**
 * Referrals (§9) on the database: codes, visits, pending referrals, completion on the friend's
 * first paid order (or a flag for review), the merchant's review, and reversal on a full refund.
 *
 * Rules chosen where §9 is silent:
 * - A friend has at most one referral (unique index): the first advocate to refer them wins, and
 *   creating it again returns the existing one.
 * - The advocate's points are credited as an available `earn` (no pending period: the reversal
 *   window already protects the shop) and can lift the advocate into a tier at once.
 * - A reward-type advocate reward, and the friend's reward on reversal, are returned to the caller
 *   (`advocateGrant`, `decision.friendRedemptionId`) for the redemption service, which owns
 *   discount codes; this module moves points only.
 * - "Same device/IP fingerprint as the advocate within 24 h": the friend's fingerprint is the
 *   recorded visit that brought them; the advocate's are the visits recorded when the advocate was
 *   themselves referred, plus any sightings the caller passes (e.g. the advocate's storefront
 *   sessions), hashed with the same `hashIp`.
 * - While the shop has referrals switched off, nothing completes or is rewarded; pending
 *   referrals stay pending.
 */

type ReferralRow = typeof referrals.$inferSelect;

export class ReferralServiceError extends Error {
  override name = "ReferralServiceError";
}

async function loadReferralSettings(tx: Transaction, shopId: string) {
  const [row] = await tx
    .select({ settings: shopSettings, timeZone: shops.timezone })
    .from(shops)
    .innerJoin(shopSettings, eq(shopSettings.shopId, shops.id))
    .where(eq(shops.id, shopId));
  if (!row) throw new ReferralServiceError(`shop ${shopId} has no settings`);
  // The JSON config is validated (and defaulted) on every read, as shop-config.ts requires.
  const config = shopConfigSchema.parse(row.settings.config).referrals;
  return {
    timeZone: row.timeZone,
    enabled: config.enabled,
    advocateReward: config.advocateReward,
    fraudScoreThreshold: config.fraudScoreThreshold,
    monthlyLimit: row.settings.referralMonthlyLimit,
    reversalWindowDays: row.settings.referralReversalWindowDays,
  };
}

const toRecord = (r: ReferralRow): ReferralRecord => ({
  id: r.id,
  status: r.status,
  advocateCustomerId: r.advocateCustomerId,
  friendCustomerId: r.friendCustomerId,
  firstOrderId: r.firstOrderId,
  firstOrderPaidAt: r.firstOrderPaidAt,
  completedAt: r.completedAt,
  advocatePointsAwarded: r.advocatePointsAwarded,
  friendRedemptionId: r.friendRedemptionId,
});

async function lockReferral(tx: Transaction, shopId: string, referralId: number): Promise<ReferralRow> {
  const [row] = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.shopId, shopId), eq(referrals.id, referralId)))
    .for("update");
  if (!row) throw new ReferralServiceError(`referral ${referralId} does not exist in this shop`);
  return row;
}

// ---------------------------------------------------------------------------------------------
// Codes and visits

/**
 * §9 "Every member gets a short referral code, unique in the shop (no look-alike characters)."
 * Returns the customer's code, creating it on first call. Two concurrent calls for one customer
 * return the same code; a code taken concurrently by someone else (`referral_codes_code_key`) is
 * simply drawn again. Only members get a code.
 */
export async function ensureReferralCode(
  tx: Transaction,
  shopId: string,
  customerId: number,
  randomInt: RandomInt,
): Promise<string> {
  const existing = await codeOfCustomer(tx, shopId, customerId);
  if (existing) return existing;
  await requireMember(tx, shopId, customerId);

  const isTaken = async (code: string) => (await findCode(tx, shopId, code)) !== undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const code = await generateReferralCodeAsync({ randomInt, isTaken });
    const inserted = await tx
      .insert(referralCodes)
      .values({ shopId, customerId, code })
      .onConflictDoNothing()
      .returning({ code: referralCodes.code });
    if (inserted[0]) return inserted[0].code;
    // Either the customer got a code concurrently (keep theirs) or the code was just taken.
    const raced = await codeOfCustomer(tx, shopId, customerId);
    if (raced) return raced;
  }
  throw new ReferralServiceError(`could not store a unique referral code for customer ${customerId}`);
}

async function codeOfCustomer(tx: Transaction, shopId: string, customerId: number) {
  const [row] = await tx
    .select({ code: referralCodes.code })
    .from(referralCodes)
    .where(and(eq(referralCodes.shopId, shopId), eq(referralCodes.customerId, customerId)));
  return row?.code;
}

async function requireMember(tx: Transaction, shopId: string, customerId: number) {
  const [row] = await tx
    .select({ status: customers.membershipStatus, tombstone: customers.isTombstone })
    .from(customers)
    .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)));
  if (!row) throw new ReferralServiceError(`customer ${customerId} does not exist in this shop`);
  if (row.tombstone || row.status !== "member") {
    throw new ReferralServiceError(`customer ${customerId} is not a member and gets no referral code`);
  }
}

/** The code row for a code as typed or found in `?ref=` (normalised), or undefined. */
async function findCode(tx: Transaction, shopId: string, rawCode: string) {
  const code = normalizeReferralCode(rawCode);
  if (!code) return undefined;
  const [row] = await tx
    .select()
    .from(referralCodes)
    .where(and(eq(referralCodes.shopId, shopId), eq(referralCodes.code, code)));
  return row;
}

export interface ReferralVisitInput {
  code: string;
  visitorToken: string;
  ip: string | null;
  userAgent: string | null;
  at: Date;
}

export interface RecordedVisit {
  visitId: number;
  referralCodeId: number;
  advocateCustomerId: number;
}

/**
 * §9 "A visit with `?ref=CODE` is recorded (hashed IP and user agent, never raw)". `hash` is the
 * keyed hash (e.g. the blind-index HMAC). Returns null for a code that is not one of the shop's.
 * A replay (same code, visitor token and instant) returns the visit already recorded.
 */
export async function recordReferralVisit(
  tx: Transaction,
  shopId: string,
  input: ReferralVisitInput,
  hash: HashFn,
): Promise<RecordedVisit | null> {
  const code = await findCode(tx, shopId, input.code);
  if (!code) return null;
  const visit = buildReferralVisit({ ...input, referralCodeId: code.id }, hash);
  const recorded = { referralCodeId: code.id, advocateCustomerId: code.customerId };
  const [earlier] = await tx
    .select({ id: referralVisits.id })
    .from(referralVisits)
    .where(
      and(
        eq(referralVisits.shopId, shopId),
        eq(referralVisits.referralCodeId, code.id),
        eq(referralVisits.visitorToken, visit.visitorToken),
        eq(referralVisits.createdAt, visit.createdAt),
      ),
    );
  if (earlier) return { visitId: earlier.id, ...recorded };
  const [row] = await tx
    .insert(referralVisits)
    .values({ shopId, ...visit })
    .returning({ id: referralVisits.id });
  return { visitId: row!.id, ...recorded };
}

// ---------------------------------------------------------------------------------------------
// Pending referrals

export interface PendingReferralInput {
  code: string;
  friendCustomerId?: number | null;
  /** Keyed hash of the friend's e-mail, for a friend known only by e-mail (guest checkout). */
  friendEmailHash?: string | null;
  visitId?: number | null;
  at: Date;
}

/**
 * A friend arrives through a code (sign-up or checkout with `?ref=`): the referral waits,
 * `pending`, for the friend's first paid order. Returns null for an unknown code. A friend already
 * referred keeps their first referral (`created: false`). A self-referral is stored like any other:
 * the fraud rules flag it for review at completion instead of dropping it silently.
 */
export async function createPendingReferral(
  tx: Transaction,
  shopId: string,
  input: PendingReferralInput,
): Promise<{ referral: ReferralRow; created: boolean } | null> {
  const friendCustomerId = input.friendCustomerId ?? null;
  const friendEmailHash = input.friendEmailHash ?? null;
  if (friendCustomerId === null && friendEmailHash === null) {
    throw new RangeError("a referral needs the friend's customer id or e-mail hash");
  }
  const code = await findCode(tx, shopId, input.code);
  if (!code) return null;
  const visitId = input.visitId ?? null;
  if (visitId !== null) await requireVisitOfCode(tx, shopId, visitId, code.id);

  const earlier = await existingReferral(tx, shopId, code.id, friendCustomerId, friendEmailHash);
  if (earlier) return { referral: earlier, created: false };
  const [row] = await tx
    .insert(referrals)
    .values({
      shopId,
      referralCodeId: code.id,
      advocateCustomerId: code.customerId,
      friendCustomerId,
      friendEmailHash,
      visitId,
      createdAt: input.at,
      updatedAt: input.at,
    })
    .onConflictDoNothing()
    .returning();
  if (row) return { referral: row, created: true };
  // The friend was referred concurrently: theirs is the first referral.
  const raced = await existingReferral(tx, shopId, code.id, friendCustomerId, friendEmailHash);
  return { referral: raced!, created: false };
}

async function requireVisitOfCode(tx: Transaction, shopId: string, visitId: number, codeId: number) {
  const [visit] = await tx
    .select({ codeId: referralVisits.referralCodeId })
    .from(referralVisits)
    .where(and(eq(referralVisits.shopId, shopId), eq(referralVisits.id, visitId)));
  if (visit?.codeId !== codeId) {
    throw new ReferralServiceError(`visit ${visitId} was not made through this referral code`);
  }
}

/** The friend's referral (any code), or for an e-mail-only friend the one through this code. */
async function existingReferral(
  tx: Transaction,
  shopId: string,
  codeId: number,
  friendCustomerId: number | null,
  friendEmailHash: string | null,
): Promise<ReferralRow | undefined> {
  const match =
    friendCustomerId !== null
      ? eq(referrals.friendCustomerId, friendCustomerId)
      : and(eq(referrals.referralCodeId, codeId), eq(referrals.friendEmailHash, friendEmailHash!));
  const [row] = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.shopId, shopId), match));
  return row;
}

// ---------------------------------------------------------------------------------------------
// Completion

export interface FirstPaidOrderInput {
  friendCustomerId: number;
  /** Shopify order id (`order_summaries.shopify_order_id`). */
  orderId: number;
  paidAt: Date;
  /** Extra hashed sightings of the advocate (e.g. storefront sessions) for the 24 h fingerprint rule. */
  advocateFingerprints?: readonly Fingerprint[];
}

export type ReferralCompletionResult =
  | { outcome: "none"; reason: "referrals_disabled" | "order_not_paid" | "no_pending_referral" }
  | { outcome: "duplicate"; referral: ReferralRow }
  | {
      outcome: "completed" | "flagged";
      referral: ReferralRow;
      completion: ReferralCompletion;
      /** A reward-type grant for the redemption service to issue (points are already credited). */
      advocateGrant: AdvocateRewardGrant | null;
      advocateTierChange: TierChange | null;
    };

/**
 * §9 "The referral completes when the friend's first paid order arrives; then the advocate is
 * rewarded" — unless the fraud rules score it at or above the shop's threshold: then "a flagged
 * referral waits in a review queue for the merchant instead of being silently rejected".
 * Idempotent: a replay of the same order returns `duplicate` and credits nothing.
 */
export async function completeReferralOnFirstPaidOrder(
  tx: Transaction,
  shopId: string,
  input: FirstPaidOrderInput,
): Promise<ReferralCompletionResult> {
  // Most orders have nothing to do with a referral: one look-up answers them.
  if (!(await mayTouchReferral(tx, shopId, input))) return { outcome: "none", reason: "no_pending_referral" };
  const settings = await loadReferralSettings(tx, shopId);
  const [done] = await tx
    .select()
    .from(referrals)
    .where(and(eq(referrals.shopId, shopId), eq(referrals.firstOrderId, input.orderId)));
  if (done) return { outcome: "duplicate", referral: done };
  if (!settings.enabled) return { outcome: "none", reason: "referrals_disabled" };
  if (!(await isPaidOrder(tx, shopId, input.orderId))) return { outcome: "none", reason: "order_not_paid" };

  const friend = await partyOf(tx, shopId, input.friendCustomerId);
  const candidates = await pendingReferralsOfFriend(tx, shopId, input.friendCustomerId, friend.emailHash);
  const chosen = attributeReferral(
    {
      orderId: input.orderId,
      customerId: input.friendCustomerId,
      emailHash: friend.emailHash,
      cancelled: false,
    },
    candidates,
  );
  if (!chosen) return { outcome: "none", reason: "no_pending_referral" };
  const referral = candidates.find((c) => c.id === chosen.id)!;

  const advocate = await partyOf(tx, shopId, referral.advocateCustomerId);
  const friendVisits = await visitFingerprints(tx, shopId, referral.visitId);
  const completion = completeReferral({
    referral: toRecord(referral),
    order: { orderId: input.orderId, paidAt: input.paidAt, customerId: input.friendCustomerId },
    advocateReward: settings.advocateReward,
    fraudScoreThreshold: settings.fraudScoreThreshold,
    fraud: {
      advocate: {
        customerId: referral.advocateCustomerId,
        emailHash: advocate.emailHash,
        shippingAddressHash: advocate.shippingAddressHash,
        fingerprints: [
          ...(await advocateSightingsNear(tx, shopId, referral.advocateCustomerId, friendVisits)),
          ...(input.advocateFingerprints ?? []),
        ],
      },
      friend: {
        customerId: input.friendCustomerId,
        emailHash: friend.emailHash ?? referral.friendEmailHash,
        shippingAddressHash:
          (await orderShippingHash(tx, shopId, input.orderId)) ?? friend.shippingAddressHash,
        fingerprints: friendVisits,
      },
      friendPriorPaidOrders: await priorPaidOrders(tx, shopId, input, friend.emailHash),
      advocateCompletedThisMonth: await completionsInMonth(
        tx,
        shopId,
        referral,
        input.paidAt,
        settings.timeZone,
      ),
      monthlyLimit: settings.monthlyLimit,
    },
  });

  const [updated] = await tx
    .update(referrals)
    .set({
      status: completion.status,
      fraudScore: completion.fraudScore,
      fraudReasons: completion.fraudReasons,
      friendCustomerId: completion.friendCustomerId,
      firstOrderId: completion.firstOrderId,
      firstOrderPaidAt: completion.firstOrderPaidAt,
      completedAt: completion.completedAt,
      advocatePointsAwarded: completion.advocatePointsAwarded,
      updatedAt: input.paidAt,
    })
    .where(and(eq(referrals.shopId, shopId), eq(referrals.id, referral.id)))
    .returning();
  const rewarded = await rewardAdvocate(tx, shopId, completion.advocateGrant, input.paidAt);
  return { outcome: completion.status, referral: updated!, completion, ...rewarded };
}

/**
 * Whether any referral row could be this order's: one it already completed, or one naming the
 * friend by customer id or by e-mail hash. When none does, the outcome is `no_pending_referral`
 * whatever else holds (switched off, order unpaid): there is nothing to complete either way.
 */
async function mayTouchReferral(tx: Transaction, shopId: string, input: FirstPaidOrderInput) {
  const [row] = await tx.execute<{ found: boolean }>(sql`
    select exists (
      select 1 from ${referrals}
      where ${referrals.shopId} = ${shopId}
        and (${referrals.firstOrderId} = ${input.orderId}
          or ${referrals.friendCustomerId} = ${input.friendCustomerId}
          or ${referrals.friendEmailHash} = (
            select ${customers.emailHash} from ${customers}
            where ${customers.shopId} = ${shopId} and ${customers.id} = ${input.friendCustomerId}))
    ) as found`);
  return row?.found === true;
}

async function isPaidOrder(tx: Transaction, shopId: string, orderId: number): Promise<boolean> {
  const [order] = await tx
    .select({ id: orderSummaries.shopifyOrderId })
    .from(orderSummaries)
    .where(
      and(
        eq(orderSummaries.shopId, shopId),
        eq(orderSummaries.shopifyOrderId, orderId),
        isNotNull(orderSummaries.paidAt),
        isNull(orderSummaries.cancelledAt),
      ),
    );
  return order !== undefined;
}

async function partyOf(tx: Transaction, shopId: string, customerId: number) {
  const [row] = await tx
    .select({ emailHash: customers.emailHash, shippingAddressHash: customers.shippingAddressHash })
    .from(customers)
    .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)));
  if (!row) throw new ReferralServiceError(`customer ${customerId} does not exist in this shop`);
  return row;
}

/**
 * Pending referrals the order could complete, locked: by the friend's customer id, or by e-mail
 * hash for a referral made before the friend had an account — unless the friend already holds a
 * referral of their own (one referral per friend).
 */
async function pendingReferralsOfFriend(
  tx: Transaction,
  shopId: string,
  friendCustomerId: number,
  emailHash: string | null,
): Promise<ReferralRow[]> {
  const byEmail = emailHash
    ? and(
        isNull(referrals.friendCustomerId),
        eq(referrals.friendEmailHash, emailHash),
        sql`not exists (select 1 from ${referrals} r2 where r2.shop_id = ${shopId} and r2.friend_customer_id = ${friendCustomerId})`,
      )
    : undefined;
  return tx
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.shopId, shopId),
        eq(referrals.status, "pending"),
        or(eq(referrals.friendCustomerId, friendCustomerId), byEmail),
      ),
    )
    .for("update");
}

async function visitFingerprints(tx: Transaction, shopId: string, visitId: number | null) {
  if (visitId === null) return [];
  return tx
    .select({
      ipHash: referralVisits.ipHash,
      userAgentHash: referralVisits.userAgentHash,
      at: referralVisits.createdAt,
    })
    .from(referralVisits)
    .where(and(eq(referralVisits.shopId, shopId), eq(referralVisits.id, visitId)));
}

/**
 * Visits known to be the advocate's own (recorded when they were referred themselves) with the
 * same IP hash as the friend's visit, within 24 h of it.
 */
async function advocateSightingsNear(
  tx: Transaction,
  shopId: string,
  advocateId: number,
  friendVisits: readonly Fingerprint[],
): Promise<Fingerprint[]> {
  const sightings: Fingerprint[] = [];
  for (const visit of friendVisits) {
    if (visit.ipHash === null) continue;
    const rows = await tx
      .select({
        ipHash: referralVisits.ipHash,
        userAgentHash: referralVisits.userAgentHash,
        at: referralVisits.createdAt,
      })
      .from(referralVisits)
      .innerJoin(
        referrals,
        and(eq(referrals.shopId, referralVisits.shopId), eq(referrals.visitId, referralVisits.id)),
      )
      .where(
        and(
          eq(referralVisits.shopId, shopId),
          eq(referrals.friendCustomerId, advocateId),
          eq(referralVisits.ipHash, visit.ipHash),
          sql`abs(extract(epoch from ${referralVisits.createdAt} - ${visit.at.toISOString()}::timestamptz)) <= 86400`,
        ),
      );
    sightings.push(...rows);
  }
  return sightings;
}

async function orderShippingHash(tx: Transaction, shopId: string, orderId: number) {
  const [row] = await tx
    .select({ hash: orderSummaries.shippingAddressHash })
    .from(orderSummaries)
    .where(and(eq(orderSummaries.shopId, shopId), eq(orderSummaries.shopifyOrderId, orderId)));
  return row?.hash ?? null;
}

/** The friend's paid, not cancelled orders before this one, as a member or as a guest with their e-mail. */
async function priorPaidOrders(
  tx: Transaction,
  shopId: string,
  input: FirstPaidOrderInput,
  emailHash: string | null,
): Promise<number> {
  const ofFriend = emailHash
    ? or(
        eq(orderSummaries.customerId, input.friendCustomerId),
        and(isNull(orderSummaries.customerId), eq(orderSummaries.guestEmailHash, emailHash)),
      )
    : eq(orderSummaries.customerId, input.friendCustomerId);
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(orderSummaries)
    .where(
      and(
        eq(orderSummaries.shopId, shopId),
        ofFriend,
        ne(orderSummaries.shopifyOrderId, input.orderId),
        isNotNull(orderSummaries.paidAt),
        lt(orderSummaries.paidAt, input.paidAt),
        isNull(orderSummaries.cancelledAt),
      ),
    );
  return row?.n ?? 0;
}

/**
 * The advocate's referrals completed (or approved) in the shop-time calendar month of `at`. A
 * completion later reversed still counts: it was completed that month.
 */
async function completionsInMonth(
  tx: Transaction,
  shopId: string,
  referral: ReferralRow,
  at: Date,
  timeZone: string,
): Promise<number> {
  const { year, month } = toLocalDate(at, timeZone);
  const start = fromLocalDateTime({ year, month, day: 1 }, timeZone);
  const end = fromLocalDateTime(
    month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 },
    timeZone,
  );
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(referrals)
    .where(
      and(
        eq(referrals.shopId, shopId),
        eq(referrals.advocateCustomerId, referral.advocateCustomerId),
        ne(referrals.id, referral.id),
        inArray(referrals.status, ["completed", "approved", "reversed"]),
        gte(referrals.completedAt, start),
        lt(referrals.completedAt, end),
      ),
    );
  return row?.n ?? 0;
}

/**
 * Credits a points grant to the advocate (once: the domain's key) and applies any tier upgrade it
 * causes; a reward-type grant is handed back to the caller.
 */
async function rewardAdvocate(
  tx: Transaction,
  shopId: string,
  grant: AdvocateRewardGrant | null,
  at: Date,
): Promise<{ advocateGrant: AdvocateRewardGrant | null; advocateTierChange: TierChange | null }> {
  if (!grant) return { advocateGrant: null, advocateTierChange: null };
  if (grant.reward.type !== "points") return { advocateGrant: grant, advocateTierChange: null };
  requireEntry(
    await postLedgerEntry(tx, shopId, {
      customerId: grant.customerId,
      kind: "earn",
      amount: grant.reward.points,
      status: "available",
      sourceType: "referral",
      sourceId: String(grant.referralId),
      idempotencyKey: grant.idempotencyKey,
      reason: "referral reward",
      occurredAt: at,
    }),
  );
  const tierChange = await applyTierAfterEarning(tx, shopId, grant.customerId, at, grant.idempotencyKey);
  return { advocateGrant: null, advocateTierChange: tierChange };
}

// ---------------------------------------------------------------------------------------------
// Review

export interface ReferralReviewInput {
  referralId: number;
  decision: "approve" | "reject";
  staffId: string;
  at: Date;
}

export type ReferralReviewResult =
  | { outcome: "duplicate"; referral: ReferralRow }
  | {
      outcome: "approved" | "rejected";
      referral: ReferralRow;
      review: ReferralReview;
      advocateGrant: AdvocateRewardGrant | null;
      advocateTierChange: TierChange | null;
    };

/**
 * The merchant decides a flagged referral: approval rewards the advocate as a completion would,
 * rejection rewards no one; both are audited. Repeating the same decision is a no-op (`duplicate`);
 * deciding a referral that is not flagged throws the domain's `IllegalReferralTransitionError`.
 */
export async function reviewFlaggedReferral(
  tx: Transaction,
  shopId: string,
  input: ReferralReviewInput,
): Promise<ReferralReviewResult> {
  const referral = await lockReferral(tx, shopId, input.referralId);
  const target = input.decision === "approve" ? "approved" : "rejected";
  // The same decision again (a double-click, a retry) is a no-op, whoever repeats it.
  if (referral.status === target) return { outcome: "duplicate", referral };
  const settings = await loadReferralSettings(tx, shopId);
  const review = reviewReferral({
    referral: toRecord(referral),
    decision: input.decision,
    reviewedBy: input.staffId,
    at: input.at,
    advocateReward: settings.advocateReward,
  });
  const [updated] = await tx
    .update(referrals)
    .set({
      status: review.status,
      reviewedBy: review.reviewedBy,
      reviewedAt: review.reviewedAt,
      completedAt: review.completedAt,
      advocatePointsAwarded: review.advocatePointsAwarded,
      updatedAt: input.at,
    })
    .where(and(eq(referrals.shopId, shopId), eq(referrals.id, referral.id)))
    .returning();
  await tx.insert(auditLog).values({
    shopId,
    actorType: "staff",
    actorId: input.staffId,
    action: `referral.${input.decision}`,
    entityType: "referral",
    entityId: String(referral.id),
    changes: {
      fromStatus: referral.status,
      toStatus: review.status,
      fraudScore: referral.fraudScore,
      fraudReasons: referral.fraudReasons,
    },
    createdAt: input.at,
  });
  const rewarded = await rewardAdvocate(tx, shopId, review.advocateGrant, input.at);
  return { outcome: review.status, referral: updated!, review, ...rewarded };
}

// ---------------------------------------------------------------------------------------------
// Reversal

export interface ReferralRefundInput {
  /** Shopify order id. */
  orderId: number;
  /** The order's cumulative refunded amount in shop-currency minor units. */
  refundedMinor: number;
  refundedAt: Date;
}

export type ReferralReversalResult =
  | { outcome: "none" }
  | { outcome: "duplicate"; referral: ReferralRow }
  | { outcome: "kept"; referral: ReferralRow; decision: ReferralReversalDecision }
  | { outcome: "reversed"; referral: ReferralRow; decision: ReferralReversalDecision };

/**
 * §9 "If that order is fully refunded within the reversal window (default 30 days), both rewards
 * are reversed." The advocate's points go back through a negative `reversal` row, which may leave
 * a debt that later earning pays. The friend's reward redemption, if any, is in
 * `decision.friendRedemptionId` for the redemption service to revoke. `none` = the order completed
 * no referral; `kept` = not reversed (partial refund, outside the window, not rewarded).
 */
export async function reverseReferralOnRefund(
  tx: Transaction,
  shopId: string,
  input: ReferralRefundInput,
): Promise<ReferralReversalResult> {
  const [found] = await tx
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(eq(referrals.shopId, shopId), eq(referrals.firstOrderId, input.orderId)));
  if (!found) return { outcome: "none" };
  const referral = await lockReferral(tx, shopId, found.id);
  if (referral.status === "reversed") return { outcome: "duplicate", referral };

  const settings = await loadReferralSettings(tx, shopId);
  const [order] = await tx
    .select({ totalMinor: orderSummaries.totalMinor, refundedMinor: orderSummaries.refundedMinor })
    .from(orderSummaries)
    .where(and(eq(orderSummaries.shopId, shopId), eq(orderSummaries.shopifyOrderId, input.orderId)));
  if (!order) throw new ReferralServiceError(`order ${input.orderId} is not known in this shop`);
  const decision = decideReferralReversal({
    referral: toRecord(referral),
    // Whichever is further along: the refund being applied, or what the order already records.
    order: {
      orderId: input.orderId,
      totalMinor: order.totalMinor,
      refundedMinor: Math.max(input.refundedMinor, order.refundedMinor),
    },
    refundedAt: input.refundedAt,
    reversalWindowDays: settings.reversalWindowDays,
  });
  if (!decision.reverse) return { outcome: "kept", referral, decision };

  if (decision.advocatePoints) {
    requireEntry(
      await postLedgerEntry(tx, shopId, {
        customerId: decision.advocatePoints.customerId,
        kind: "reversal",
        amount: decision.advocatePoints.points,
        status: "available",
        sourceType: "referral",
        sourceId: String(referral.id),
        idempotencyKey: decision.advocatePoints.idempotencyKey,
        relatedEntryId: await grantEntryId(tx, shopId, referral.id),
        reason: decision.reversalReason,
        occurredAt: input.refundedAt,
      }),
    );
  }
  const [updated] = await tx
    .update(referrals)
    .set({
      status: decision.status,
      reversedAt: decision.reversedAt,
      reversalReason: decision.reversalReason,
      updatedAt: input.refundedAt,
    })
    .where(and(eq(referrals.shopId, shopId), eq(referrals.id, referral.id)))
    .returning();
  return { outcome: "reversed", referral: updated!, decision };
}

async function grantEntryId(tx: Transaction, shopId: string, referralId: number): Promise<number | null> {
  const [row] = await tx
    .select({ id: pointsLedger.id })
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.shopId, shopId),
        eq(pointsLedger.idempotencyKey, referralAdvocateRewardKey(referralId)),
      ),
    );
  return row?.id ?? null;
}
