import {
  recomputeCustomerRfm,
  createPendingReferral,
  emailBlindIndex,
  lockOrderEvents,
  loadShopRules,
  recordPaidOrder,
  recordRefund,
  schema,
} from "@loyalnest/db";
import type { OrderPayload } from "@loyalnest/shopify";
import { and, eq } from "drizzle-orm";
import { ensureCustomer, lockEmail } from "./customer-records";
import { claimForExistingAccounts } from "./guest-claims";
import { processed, type HandlerContext, type HandlerOutcome } from "./handler-context";
import { addressHash, toPaidOrder } from "./order-mapping";
import { replayParkedForOrder } from "./parked-deliveries";
import { toRefundInput } from "./refund-mapping";

const { orderSummaries } = schema;

/**
 * Serializes this order's events for the rest of the transaction — the same lock the order
 * services take themselves; handlers take it first when they read the order before calling one.
 */
export async function lockOrder(ctx: HandlerContext, shopifyOrderId: number): Promise<void> {
  await lockOrderEvents(ctx.tx, ctx.shopId, shopifyOrderId);
}

/**
 * The locks an order's handler takes before anything else, in the one order every flow keeps:
 * a guest's e-mail (guest claims), then the order, then (inside the services) the balance.
 * Taking the order lock before the customer row is created matters: two deliveries of one
 * order must not each hold one and wait for the other. Returns the guest's e-mail hash.
 */
export async function lockOrderAndGuest(ctx: HandlerContext, order: OrderPayload): Promise<string | null> {
  const guestEmail = order.customer ? null : (order.email ?? order.contact_email);
  const guestEmailHash = guestEmail ? emailBlindIndex(ctx.keyring, guestEmail) : null;
  if (guestEmailHash) await lockEmail(ctx, guestEmailHash);
  await lockOrder(ctx, order.id);
  return guestEmailHash;
}

export async function findOrderSummary(ctx: HandlerContext, shopifyOrderId: number) {
  const [row] = await ctx.tx
    .select({ shopifyUpdatedAt: orderSummaries.shopifyUpdatedAt, customerId: orderSummaries.customerId })
    .from(orderSummaries)
    .where(and(eq(orderSummaries.shopId, ctx.shopId), eq(orderSummaries.shopifyOrderId, shopifyOrderId)));
  return row;
}

/**
 * §11 "Recomputed for one customer on each paid order or refund": the scores of the customer an
 * order belongs to, in the handler's transaction (a guest order has no one to score).
 */
export async function recomputeRfmOfOrderCustomer(
  ctx: HandlerContext,
  shopifyOrderId: number,
): Promise<void> {
  const summary = await findOrderSummary(ctx, shopifyOrderId);
  if (summary?.customerId) await recomputeCustomerRfm(ctx.tx, ctx.shopId, summary.customerId, ctx.at);
}

/**
 * A paid order, from `orders/paid` (or `orders/updated` when that arrives first): resolve or
 * create the customer, attribute a `?ref=` referral, record the order and its points, credit a
 * guest order to an account that already exists, apply refunds the payload already lists, and
 * replay the refunds and cancellations that were parked waiting for this order.
 */
export async function recordOrderPaid(ctx: HandlerContext, order: OrderPayload): Promise<HandlerOutcome> {
  const guestEmailHash = await lockOrderAndGuest(ctx, order);
  const customerId = order.customer ? (await ensureCustomer(ctx, order.customer)).row.id : null;
  const paid = toPaidOrder(order, {
    customerId,
    guestEmailHash,
    shippingAddressHash: addressHash(ctx.keyring, order.shipping_address),
  });
  if (paid.referralCode && (customerId !== null || guestEmailHash !== null)) {
    // The referral must exist before the order is recorded: recording completes it (§9).
    await createPendingReferral(ctx.tx, ctx.shopId, {
      code: paid.referralCode,
      friendCustomerId: customerId,
      friendEmailHash: customerId === null ? guestEmailHash : null,
      at: paid.earning.placedAt,
    });
  }
  const result = await recordPaidOrder(ctx.tx, ctx.shopId, paid);
  if (guestEmailHash) await claimForExistingAccounts(ctx, guestEmailHash);
  await applyListedRefunds(ctx, order);
  const replayed = await replayParkedForOrder(ctx, order.id);
  if (customerId !== null) await recomputeCustomerRfm(ctx.tx, ctx.shopId, customerId, ctx.at);
  return processed(`${result.outcome}${replayed > 0 ? `; replayed ${replayed} parked` : ""}`);
}

/**
 * The refunds an order payload lists (orders/updated, orders/cancelled) are applied like their
 * own `refunds/create` deliveries: the services are idempotent per refund id, so whichever copy
 * comes first writes and the other is a no-op — and a cancellation always follows its refunds.
 */
export async function applyListedRefunds(ctx: HandlerContext, order: OrderPayload): Promise<void> {
  if (order.refunds.length === 0) return;
  const rules = await loadShopRules(ctx.tx, ctx.shopId);
  for (const refund of order.refunds) await recordRefund(ctx.tx, ctx.shopId, toRefundInput(refund, rules));
}
