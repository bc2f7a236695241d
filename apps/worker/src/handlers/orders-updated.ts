import { schema } from "@loyalnest/db";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { defineHandler } from "./define-handler";
import { ignored, processed } from "./handler-context";
import { applyListedRefunds, findOrderSummary, lockOrderAndGuest, recordOrderPaid } from "./order-records";

const { orderSummaries } = schema;

/** Financial states in which the order has been paid (a later refund is still a paid order). */
const PAID_STATES = new Set(["paid", "partially_refunded", "refunded"]);

/**
 * `orders/updated`: refreshes the order's summary when this version is newer (by Shopify's
 * `updated_at`; a late, older copy changes nothing). An order LoyalNest has not seen yet that is
 * already paid is recorded as `orders/paid` would — that delivery may be late or lost.
 */
export const ordersUpdatedHandler = defineHandler("orders/updated", async (ctx, order) => {
  await lockOrderAndGuest(ctx, order);
  const summary = await findOrderSummary(ctx, order.id);
  if (!summary) {
    if (PAID_STATES.has(order.financial_status ?? "")) return recordOrderPaid(ctx, order);
    return ignored(`order ${order.id} is not paid yet (${order.financial_status ?? "no financial status"})`);
  }
  await applyListedRefunds(ctx, order);
  if (!order.updated_at) return ignored("the payload has no updated_at to order it by");
  const refreshed = await ctx.tx
    .update(orderSummaries)
    .set({
      orderName: order.name,
      financialStatus: order.financial_status,
      shopifyUpdatedAt: order.updated_at,
    })
    .where(
      and(
        eq(orderSummaries.shopId, ctx.shopId),
        eq(orderSummaries.shopifyOrderId, order.id),
        or(isNull(orderSummaries.shopifyUpdatedAt), lt(orderSummaries.shopifyUpdatedAt, order.updated_at)),
      ),
    )
    .returning({ id: orderSummaries.shopifyOrderId });
  return refreshed.length > 0 ? processed() : ignored("an equal or newer version of the order is recorded");
});
