import { cancelOrder } from "@loyalnest/db";
import { defineHandler } from "./define-handler";
import { parked, processed } from "./handler-context";
import {
  applyListedRefunds,
  findOrderSummary,
  lockOrder,
  recomputeRfmOfOrderCustomer,
} from "./order-records";

/**
 * `orders/cancelled` (§7): first the refunds the cancelled order lists (so the result does not
 * depend on whether their own deliveries came first), then whatever the order still holds is
 * reversed. A cancellation of an order not seen yet is parked like a refund and replayed when
 * the order arrives.
 */
export const ordersCancelledHandler = defineHandler("orders/cancelled", async (ctx, order) => {
  await lockOrder(ctx, order.id);
  if (!(await findOrderSummary(ctx, order.id))) return parked(`order ${order.id} has not arrived yet`);
  await applyListedRefunds(ctx, order);
  const result = await cancelOrder(ctx.tx, ctx.shopId, {
    shopifyOrderId: order.id,
    cancelledAt: order.cancelled_at ?? ctx.at,
  });
  if (result.outcome === "order_unknown") return parked(`order ${order.id} has not arrived yet`);
  await recomputeRfmOfOrderCustomer(ctx, order.id);
  return processed(result.outcome === "reversed" ? `reversed ${result.pointsReversed}` : result.outcome);
});
