import { planOrderCancellation, planRefundClawback } from "@loyalnest/domain";
import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "../client";
import { orderRefunds, orderSummaries, redemptions } from "../schema";
import { lockBalance } from "../ledger";
import { lockOrderEvents } from "./order-lock";
import { applyReversalPlan, loadOrderPoints } from "./order-points";
import { reverseReferralOnRefund } from "./referrals";

export interface RefundInput {
  shopifyRefundId: number;
  shopifyOrderId: number;
  /** Money refunded, shop-currency minor units. */
  refundedMinor: number;
  /**
   * The part of the order's purchase basis this refund gives back (refunded lines after their
   * discounts; shipping, tax and tips only where the shop counts them). The handler computes it
   * from the refund's line items; it is capped at the order's basis here.
   */
  refundedBasisMinor: number;
  refundedAt: Date;
}

export type ReversalResult =
  | { outcome: "order_unknown" }
  | { outcome: "guest_order" }
  | { outcome: "reversed"; pointsReversed: number; voidedPending: number; clawedBack: number };

/**
 * `refunds/create`: claws back points in proportion to the refunded share of the earning basis,
 * never more in total than the order earned; pending points are voided instead. A refund whose
 * order has not arrived yet answers `order_unknown` so the pipeline can park and replay it.
 */
export async function recordRefund(
  tx: Transaction,
  shopId: string,
  refund: RefundInput,
): Promise<ReversalResult> {
  const order = await lockOrder(tx, shopId, refund.shopifyOrderId);
  if (!order) return { outcome: "order_unknown" };
  await tx
    .insert(orderRefunds)
    .values({
      shopId,
      shopifyRefundId: refund.shopifyRefundId,
      shopifyOrderId: refund.shopifyOrderId,
      refundedMinor: refund.refundedMinor,
      refundedBasisMinor: refund.refundedBasisMinor,
      refundedAt: refund.refundedAt,
    })
    .onConflictDoNothing();
  const totals = await refundTotals(tx, shopId, refund.shopifyOrderId);
  await tx
    .update(orderSummaries)
    .set({
      refundedMinor: totals.refundedMinor,
      refundedBasisMinor: totals.refundedBasisMinor,
      updatedAt: sql`now()`,
    })
    .where(orderKey(shopId, refund.shopifyOrderId));
  if (order.customerId === null) return { outcome: "guest_order" };

  // "Referral rewards that depended on a refunded order are reversed" (fully refunded, in the
  // window) — even when the order itself earned nothing.
  await reverseReferralOnRefund(tx, shopId, {
    orderId: refund.shopifyOrderId,
    refundedMinor: totals.refundedMinor,
    refundedAt: refund.refundedAt,
  });
  const points = await loadOrderPoints(tx, shopId, refund.shopifyOrderId, order.earningBasisMinor);
  if (points.originalEntryIds.length === 0)
    return { outcome: "reversed", pointsReversed: 0, voidedPending: 0, clawedBack: 0 };
  const plan = planRefundClawback({
    order: points,
    refundId: String(refund.shopifyRefundId),
    cumulativeRefundedBasisMinor: Math.min(totals.refundedBasisMinor, order.earningBasisMinor),
    usedRedemptionIds: await usedRedemptionIds(tx, shopId, refund.shopifyOrderId),
  });
  await applyReversalPlan(tx, shopId, plan, {
    customerId: order.customerId,
    kind: "refund_clawback",
    sourceType: "refund",
    sourceId: String(refund.shopifyRefundId),
    relatedEntryId: points.originalEntryIds[0]!,
    at: refund.refundedAt,
  });
  if (plan.totalPoints > 0) {
    await tx
      .update(orderRefunds)
      .set({ pointsClawedBack: plan.totalPoints })
      .where(and(eq(orderRefunds.shopId, shopId), eq(orderRefunds.shopifyRefundId, refund.shopifyRefundId)));
  }
  return summarize(plan);
}

/** `orders/cancelled`: reverses whatever the order still holds (pending voided, the rest clawed back). */
export async function cancelOrder(
  tx: Transaction,
  shopId: string,
  input: { shopifyOrderId: number; cancelledAt: Date },
): Promise<ReversalResult> {
  const order = await lockOrder(tx, shopId, input.shopifyOrderId);
  if (!order) return { outcome: "order_unknown" };
  await tx
    .update(orderSummaries)
    .set({
      cancelledAt: sql`coalesce(${orderSummaries.cancelledAt}, ${input.cancelledAt.toISOString()}::timestamptz)`,
    })
    .where(orderKey(shopId, input.shopifyOrderId));
  if (order.customerId === null) return { outcome: "guest_order" };

  const points = await loadOrderPoints(tx, shopId, input.shopifyOrderId, order.earningBasisMinor);
  if (points.originalEntryIds.length === 0)
    return { outcome: "reversed", pointsReversed: 0, voidedPending: 0, clawedBack: 0 };
  const plan = planOrderCancellation(points, await usedRedemptionIds(tx, shopId, input.shopifyOrderId));
  await applyReversalPlan(tx, shopId, plan, {
    customerId: order.customerId,
    kind: "reversal",
    sourceType: "order",
    sourceId: String(input.shopifyOrderId),
    relatedEntryId: points.originalEntryIds[0]!,
    at: input.cancelledAt,
  });
  return summarize(plan);
}

const orderKey = (shopId: string, shopifyOrderId: number) =>
  and(eq(orderSummaries.shopId, shopId), eq(orderSummaries.shopifyOrderId, shopifyOrderId));

/**
 * Events of one order serialize on the order lock, so cumulative totals are exact; the
 * customer's balance is locked next, before the order's points are read, so a pending release
 * cannot slip between reading a pending entry and voiding it.
 */
async function lockOrder(tx: Transaction, shopId: string, shopifyOrderId: number) {
  await lockOrderEvents(tx, shopId, shopifyOrderId);
  const [order] = await tx
    .select({ customerId: orderSummaries.customerId, earningBasisMinor: orderSummaries.earningBasisMinor })
    .from(orderSummaries)
    .where(orderKey(shopId, shopifyOrderId));
  if (order && order.customerId !== null) await lockBalance(tx, shopId, order.customerId);
  return order;
}

async function refundTotals(tx: Transaction, shopId: string, shopifyOrderId: number) {
  const [row] = await tx
    .select({
      refundedMinor: sql<number>`coalesce(sum(${orderRefunds.refundedMinor}), 0)::int`,
      refundedBasisMinor: sql<number>`coalesce(sum(${orderRefunds.refundedBasisMinor}), 0)::int`,
    })
    .from(orderRefunds)
    .where(and(eq(orderRefunds.shopId, shopId), eq(orderRefunds.shopifyOrderId, shopifyOrderId)));
  return row ?? { refundedMinor: 0, refundedBasisMinor: 0 };
}

/** Redemptions whose code this order used: "A refunded order whose reward code was used does not return the reward's points." */
async function usedRedemptionIds(tx: Transaction, shopId: string, shopifyOrderId: number): Promise<string[]> {
  const rows = await tx
    .select({ id: redemptions.id })
    .from(redemptions)
    .where(and(eq(redemptions.shopId, shopId), eq(redemptions.usedOrderId, String(shopifyOrderId))));
  return rows.map((row) => String(row.id));
}

function summarize(plan: ReturnType<typeof planRefundClawback>): ReversalResult {
  const voidedPending = plan.voidPending.reduce((sum, part) => sum + part.points, 0);
  return {
    outcome: "reversed",
    pointsReversed: plan.totalPoints,
    voidedPending,
    clawedBack: plan.clawbackAvailable,
  };
}
