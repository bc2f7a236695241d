import { orderCancellationKey } from "./idempotency-keys";
import type { OrderPoints } from "./order-points";
import { heldPoints } from "./order-points";
import type { ReversalPlan } from "./reversal-plan";
import { planReversal } from "./reversal-plan";

/**
 * `orders/cancelled`: reverse whatever the order still holds (pending voided, the rest clawed
 * back), after any refunds already processed. Points spent on a reward used by the order are not
 * returned.
 */
export function planOrderCancellation(
  order: OrderPoints,
  usedRedemptionIds: readonly string[] = [],
): ReversalPlan {
  return planReversal(order, heldPoints(order), orderCancellationKey(order.orderId), usedRedemptionIds);
}
