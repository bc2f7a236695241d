import { loadShopRules, recordRefund } from "@loyalnest/db";
import { defineHandler } from "./define-handler";
import { parked, processed } from "./handler-context";
import { recomputeRfmOfOrderCustomer } from "./order-records";
import { toRefundInput } from "./refund-mapping";

/**
 * `refunds/create` (§7): claws back the refunded share of the order's points. A refund whose
 * order has not arrived is parked (delivery status `parked`) and replayed when the order's
 * `orders/paid` is processed — or by the sweep of old parked deliveries.
 */
export const refundsCreateHandler = defineHandler("refunds/create", async (ctx, refund) => {
  const rules = await loadShopRules(ctx.tx, ctx.shopId);
  const result = await recordRefund(ctx.tx, ctx.shopId, toRefundInput(refund, rules));
  if (result.outcome === "order_unknown") return parked(`order ${refund.order_id} has not arrived yet`);
  await recomputeRfmOfOrderCustomer(ctx, refund.order_id);
  return processed(result.outcome === "reversed" ? `clawed back ${result.pointsReversed}` : result.outcome);
});
