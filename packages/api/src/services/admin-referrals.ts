import { reviewFlaggedReferral, schema, type Database, type Executor } from "@loyalnest/db";
import { IllegalReferralTransitionError } from "@loyalnest/domain";
import { TRPCError } from "@trpc/server";
import { and, asc, desc, eq, gt, lt, type SQL } from "drizzle-orm";
import { page } from "./admin-customers";

/** The merchant's referral screens: the list, the fraud review queue, and the review itself. */

const { referrals } = schema;
type ReferralStatus = (typeof referrals.$inferSelect)["status"];

const listColumns = {
  id: referrals.id,
  status: referrals.status,
  advocateCustomerId: referrals.advocateCustomerId,
  friendCustomerId: referrals.friendCustomerId,
  fraudScore: referrals.fraudScore,
  fraudReasons: referrals.fraudReasons,
  firstOrderId: referrals.firstOrderId,
  firstOrderPaidAt: referrals.firstOrderPaidAt,
  completedAt: referrals.completedAt,
  reviewedBy: referrals.reviewedBy,
  reviewedAt: referrals.reviewedAt,
  reversedAt: referrals.reversedAt,
  advocatePointsAwarded: referrals.advocatePointsAwarded,
  createdAt: referrals.createdAt,
};

/** The shop's referrals, newest first, optionally of one status. */
export async function listReferrals(
  db: Executor,
  shopId: string,
  filter: { status?: ReferralStatus | undefined; cursor?: number | undefined; limit: number },
) {
  const conditions: (SQL | undefined)[] = [
    eq(referrals.shopId, shopId),
    filter.status === undefined ? undefined : eq(referrals.status, filter.status),
    filter.cursor === undefined ? undefined : lt(referrals.id, filter.cursor),
  ];
  const rows = await db
    .select(listColumns)
    .from(referrals)
    .where(and(...conditions))
    .orderBy(desc(referrals.id))
    .limit(filter.limit + 1);
  return page(rows, filter.limit);
}

/** Flagged referrals awaiting review, oldest first (the order they should be handled in). */
export async function referralReviewQueue(
  db: Executor,
  shopId: string,
  filter: { cursor?: number | undefined; limit: number },
) {
  const rows = await db
    .select(listColumns)
    .from(referrals)
    .where(
      and(
        eq(referrals.shopId, shopId),
        eq(referrals.status, "flagged"),
        filter.cursor === undefined ? undefined : gt(referrals.id, filter.cursor),
      ),
    )
    .orderBy(asc(referrals.id))
    .limit(filter.limit + 1);
  return page(rows, filter.limit);
}

/**
 * Approves or rejects a flagged referral (the db service rewards the advocate on approval and
 * writes the audit row, in this transaction). Repeating the same decision is a no-op.
 */
export async function reviewReferral(
  db: Database,
  shopId: string,
  staff: { userId: string | null },
  input: { referralId: number; decision: "approve" | "reject" },
  at: Date,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ id: referrals.id })
      .from(referrals)
      .where(and(eq(referrals.shopId, shopId), eq(referrals.id, input.referralId)));
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "Referral not found." });
    try {
      const result = await reviewFlaggedReferral(tx, shopId, {
        referralId: input.referralId,
        decision: input.decision,
        staffId: staff.userId ?? "unknown",
        at,
      });
      const grant = result.outcome === "duplicate" ? null : result.advocateGrant;
      return {
        outcome: result.outcome,
        referral: result.referral,
        /** A catalogue reward still to issue to the advocate (points are already credited). */
        advocateRewardId: grant && grant.reward.type === "reward" ? grant.reward.rewardId : null,
      };
    } catch (error) {
      if (error instanceof IllegalReferralTransitionError) {
        throw new TRPCError({
          code: "CONFLICT",
          message: `Only a referral flagged for review can be approved or rejected; this one is ${error.from}.`,
          cause: error,
        });
      }
      throw error;
    }
  });
}
