import type { OrderPoints, PendingOrderPoints } from "./order-points";
import { assertOrderPoints, availableHeldPoints, heldPoints } from "./order-points";

/**
 * What to write for one reversal of an order's points. Pending points are voided (they were
 * never spendable, so no debt can arise from them); only the rest is clawed back from the
 * available balance, which may go negative.
 */
export interface ReversalPlan {
  orderId: string;
  idempotencyKey: string;
  /** Pending amounts to void, per ledger entry (an amount may be part of the entry). */
  voidPending: PendingOrderPoints[];
  /** Points to take from the available balance with a `refund_clawback` row. */
  clawbackAvailable: number;
  /** voidPending + clawbackAvailable. */
  totalPoints: number;
  /** The order's reversedPoints once this plan is written. */
  reversedPointsAfter: number;
  /**
   * Redemptions whose reward code this order used. Their points stay spent: the shopper got the
   * discount, and the state machine forbids `used` → `released`.
   */
  keptRedemptionIds: string[];
}

/** Splits `points` to reverse between the order's pending entries (first) and its available points. */
export function planReversal(
  order: OrderPoints,
  points: number,
  idempotencyKey: string,
  usedRedemptionIds: readonly string[],
): ReversalPlan {
  assertOrderPoints(order);
  const total = Math.max(0, Math.min(points, heldPoints(order)));
  let remaining = total;
  const voidPending: PendingOrderPoints[] = [];
  for (const entry of order.pending) {
    if (remaining === 0) break;
    const take = Math.min(entry.points, remaining);
    if (take > 0) voidPending.push({ entryId: entry.entryId, points: take });
    remaining -= take;
  }
  const clawbackAvailable = Math.min(remaining, availableHeldPoints(order));
  return {
    orderId: order.orderId,
    idempotencyKey,
    voidPending,
    clawbackAvailable,
    totalPoints: total,
    reversedPointsAfter: order.reversedPoints + total,
    keptRedemptionIds: [...usedRedemptionIds],
  };
}
