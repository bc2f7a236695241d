import { DAY_MS } from "../time";
import {
  assessReferralFraud,
  isFlaggedScore,
  type ReferralFraudInput,
  type ReferralFraudReason,
} from "./fraud";
import { isRewardedReferralStatus, transitionReferral } from "./state";
import {
  DEFAULT_REFERRAL_REVERSAL_WINDOW_DAYS,
  type ReferralAdvocateReward,
  type ReferralStatus,
} from "./types";

/** The `referrals` row fields the lifecycle reads. */
export interface ReferralRecord {
  id: number;
  status: ReferralStatus;
  advocateCustomerId: number;
  friendCustomerId: number | null;
  firstOrderId: number | null;
  firstOrderPaidAt: Date | null;
  completedAt: Date | null;
  advocatePointsAwarded: number;
  friendRedemptionId: number | null;
}

export const referralAdvocateRewardKey = (referralId: number) => `referral:${referralId}:advocate`;
export const referralFriendRewardKey = (referralId: number) => `referral:${referralId}:friend`;

/** The advocate's reward to grant (points as an `earn` ledger row, or a reward redemption), keyed once per referral. */
export interface AdvocateRewardGrant {
  referralId: number;
  customerId: number;
  reward: ReferralAdvocateReward;
  idempotencyKey: string;
}

function advocateGrant(referral: ReferralRecord, reward: ReferralAdvocateReward): AdvocateRewardGrant {
  return {
    referralId: referral.id,
    customerId: referral.advocateCustomerId,
    reward,
    idempotencyKey: referralAdvocateRewardKey(referral.id),
  };
}

const pointsOf = (reward: ReferralAdvocateReward) => (reward.type === "points" ? reward.points : 0);

export interface ReferralCompletionInput {
  referral: ReferralRecord;
  order: { orderId: number; paidAt: Date; customerId: number | null };
  fraud: ReferralFraudInput;
  fraudScoreThreshold?: number;
  advocateReward: ReferralAdvocateReward;
}

/** The columns to write on the referral, and the reward to grant (none when flagged). */
export interface ReferralCompletion {
  status: "completed" | "flagged";
  fraudScore: number;
  fraudReasons: ReferralFraudReason[];
  friendCustomerId: number | null;
  firstOrderId: number;
  firstOrderPaidAt: Date;
  /** Set only when completed; a flagged referral gets it when approved. */
  completedAt: Date | null;
  advocatePointsAwarded: number;
  advocateGrant: AdvocateRewardGrant | null;
}

/**
 * §9 the friend's first paid order arrives: the referral is scored, then either completes (the
 * advocate is rewarded) or, at or above the threshold, is flagged for the merchant's review —
 * never silently rejected. Throws `IllegalReferralTransitionError` unless the referral is pending.
 */
export function completeReferral(input: ReferralCompletionInput): ReferralCompletion {
  const { referral, order } = input;
  const assessment = assessReferralFraud(input.fraud);
  const flagged = isFlaggedScore(assessment.score, input.fraudScoreThreshold);
  const status = transitionReferral(referral.status, flagged ? "flagged" : "completed") as
    "completed" | "flagged";
  return {
    status,
    fraudScore: assessment.score,
    fraudReasons: assessment.reasons,
    friendCustomerId: referral.friendCustomerId ?? order.customerId,
    firstOrderId: order.orderId,
    firstOrderPaidAt: order.paidAt,
    completedAt: flagged ? null : order.paidAt,
    advocatePointsAwarded: flagged ? 0 : pointsOf(input.advocateReward),
    advocateGrant: flagged ? null : advocateGrant(referral, input.advocateReward),
  };
}

export interface ReferralReview {
  status: "approved" | "rejected";
  reviewedBy: string;
  reviewedAt: Date;
  completedAt: Date | null;
  advocatePointsAwarded: number;
  advocateGrant: AdvocateRewardGrant | null;
}

/**
 * The merchant's decision on a flagged referral. Approval rewards the advocate as a completion would
 * (rule chosen: `completed_at` is the approval time, so it counts toward that month's limit);
 * rejection rewards no one. Throws `IllegalReferralTransitionError` unless the referral is flagged.
 */
export function reviewReferral(input: {
  referral: ReferralRecord;
  decision: "approve" | "reject";
  reviewedBy: string;
  at: Date;
  advocateReward: ReferralAdvocateReward;
}): ReferralReview {
  const approve = input.decision === "approve";
  const status = transitionReferral(input.referral.status, approve ? "approved" : "rejected") as
    "approved" | "rejected";
  return {
    status,
    reviewedBy: input.reviewedBy,
    reviewedAt: input.at,
    completedAt: approve ? input.at : null,
    advocatePointsAwarded: approve ? pointsOf(input.advocateReward) : 0,
    advocateGrant: approve ? advocateGrant(input.referral, input.advocateReward) : null,
  };
}

export type ReferralReversalDecision =
  | { reverse: false; reason: "not_rewarded" | "not_first_order" | "not_fully_refunded" | "outside_window" }
  | {
      reverse: true;
      status: "reversed";
      reversedAt: Date;
      reversalReason: "first_order_fully_refunded";
      /** A `reversal` ledger row of −points on the advocate (null when the reward was not points). */
      advocatePoints: { customerId: number; points: number; idempotencyKey: string } | null;
      /** Key of the advocate's original grant, to find and revoke a reward-type grant. */
      advocateGrantKey: string;
      /** The friend's reward redemption to revoke (its code released if still unused), if any. */
      friendRedemptionId: number | null;
      friendReversalKey: string;
    };

/**
 * §9 "If that order is fully refunded within the reversal window (default 30 days), both rewards are
 * reversed." Rules chosen: "fully" means refunded ≥ the order total; the window runs from the
 * order's payment to the refund, inclusive, by elapsed time; only a rewarded (completed or approved)
 * referral is reversed — a flagged one is left to the merchant's review. Partial refunds reverse nothing.
 */
export function decideReferralReversal(input: {
  referral: ReferralRecord;
  order: { orderId: number; totalMinor: number; refundedMinor: number };
  refundedAt: Date;
  reversalWindowDays?: number;
}): ReferralReversalDecision {
  const { referral, order } = input;
  const windowDays = input.reversalWindowDays ?? DEFAULT_REFERRAL_REVERSAL_WINDOW_DAYS;
  if (!isRewardedReferralStatus(referral.status)) return { reverse: false, reason: "not_rewarded" };
  if (referral.firstOrderId !== order.orderId || !referral.firstOrderPaidAt) {
    return { reverse: false, reason: "not_first_order" };
  }
  if (order.refundedMinor < order.totalMinor) return { reverse: false, reason: "not_fully_refunded" };
  if (input.refundedAt.getTime() - referral.firstOrderPaidAt.getTime() > windowDays * DAY_MS) {
    return { reverse: false, reason: "outside_window" };
  }
  transitionReferral(referral.status, "reversed");
  return {
    reverse: true,
    status: "reversed",
    reversedAt: input.refundedAt,
    reversalReason: "first_order_fully_refunded",
    advocatePoints:
      referral.advocatePointsAwarded > 0
        ? {
            customerId: referral.advocateCustomerId,
            points: -referral.advocatePointsAwarded,
            idempotencyKey: `${referralAdvocateRewardKey(referral.id)}:reversal`,
          }
        : null,
    advocateGrantKey: referralAdvocateRewardKey(referral.id),
    friendRedemptionId: referral.friendRedemptionId,
    friendReversalKey: `${referralFriendRewardKey(referral.id)}:reversal`,
  };
}
