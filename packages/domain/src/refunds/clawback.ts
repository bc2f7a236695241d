import { assertInteger, floorDiv } from "../money";
import { refundClawbackKey } from "./idempotency-keys";
import type { OrderPoints } from "./order-points";
import { assertOrderPoints } from "./order-points";
import type { ReversalPlan } from "./reversal-plan";
import { planReversal } from "./reversal-plan";

/**
 * Points that should have been taken back once `refundedBasisMinor` (cumulative) of the basis is
 * refunded: floor(earned × refunded / basis). Floor favours the shopper on a partial refund and
 * reaches exactly `earned` on a full one. An order with a zero basis (bonus-only) loses nothing
 * to refunds; cancelling it still reverses everything.
 */
export function clawbackTarget(order: OrderPoints, refundedBasisMinor: number): number {
  assertInteger(refundedBasisMinor, "refundedBasisMinor");
  if (order.basisMinor === 0 || refundedBasisMinor <= 0) return 0;
  const share = Math.min(refundedBasisMinor, order.basisMinor);
  return floorDiv(BigInt(order.earnedPoints) * BigInt(share), BigInt(order.basisMinor));
}

export interface RefundClawbackInput {
  order: OrderPoints;
  refundId: string;
  /** Basis refunded so far on this order, this refund included (see refundedBasisMinor). */
  cumulativeRefundedBasisMinor: number;
  /** Redemptions whose code this order used; their points are never returned. */
  usedRedemptionIds?: readonly string[];
}

/**
 * `refunds/create`: take back points in proportion to the refunded share of the earning basis,
 * never more in total than the order earned — the plan only tops the order's reversals up to the
 * cumulative target, so earlier clawbacks, voids and a cancellation are all accounted for.
 */
export function planRefundClawback(input: RefundClawbackInput): ReversalPlan {
  assertOrderPoints(input.order);
  const due = clawbackTarget(input.order, input.cumulativeRefundedBasisMinor) - input.order.reversedPoints;
  return planReversal(input.order, due, refundClawbackKey(input.refundId), input.usedRedemptionIds ?? []);
}
