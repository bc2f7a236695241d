import { toLocalDate } from "../time";
import { assertAwardPoints, DEFAULT_ACTION_POINTS } from "./action-points";
import type { EarnDecision } from "./decision";
import { award, noAward } from "./decision";
import { reviewKey } from "./idempotency-keys";

export const DEFAULT_REVIEWS_PER_MONTH = 5;

export interface ReviewAwardRecord {
  reviewId: string;
  awardedAt: Date;
}

export interface ReviewInput {
  customerId: string;
  reviewId: string;
  approved: boolean;
  /** When the review app reported the approval; its shop-time month is the month that counts. */
  approvedAt: Date;
  timeZone: string;
  /** This customer's earlier review awards (any month; the function picks the relevant ones). */
  priorAwards: readonly ReviewAwardRecord[];
  points?: number;
  monthlyLimit?: number;
}

export type ReviewRefusal = "review_not_approved" | "already_awarded" | "monthly_limit_reached";

/**
 * A product review earns per approved review, at most `monthlyLimit` (5) per calendar month in
 * the shop's time zone. The month is the one in which the approval arrives, so a burst of
 * approvals on the 31st and the 1st falls into two months, as a merchant reading a calendar expects.
 */
export function decideReviewAward(input: ReviewInput): EarnDecision<ReviewRefusal> {
  const points = input.points ?? DEFAULT_ACTION_POINTS.review;
  assertAwardPoints(points);
  const limit = input.monthlyLimit ?? DEFAULT_REVIEWS_PER_MONTH;
  if (!input.approved) return noAward("review_not_approved");
  if (input.priorAwards.some((a) => a.reviewId === input.reviewId)) return noAward("already_awarded");
  const month = toLocalDate(input.approvedAt, input.timeZone);
  const sameMonth = input.priorAwards.filter((a) => {
    const d = toLocalDate(a.awardedAt, input.timeZone);
    return d.year === month.year && d.month === month.month;
  }).length;
  if (sameMonth >= limit) return noAward("monthly_limit_reached");
  return award(points, reviewKey(input.customerId, input.reviewId));
}
