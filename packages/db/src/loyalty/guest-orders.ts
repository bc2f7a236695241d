import {
  BP_ONE,
  computePurchasePoints,
  decideGuestOrderClaim,
  orderIneligibility,
  pendingReleaseAt,
  planRefundClawback,
  selectCampaignEffects,
  type EarningOrder,
} from "@loyalnest/domain";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Transaction } from "../client";
import { lockBalance, postLedgerEntry } from "../ledger";
import { customers, orderRefunds, orderSummaries } from "../schema";
import { campaignsActiveAt } from "./campaigns";
import { lockOrderEvents } from "./order-lock";
import { applyReversalPlan, loadOrderPoints } from "./order-points";
import { loadShopRules } from "./shop-rules";
import { applyTierAfterEarning } from "./tiers";

export interface GuestClaimInput {
  customerId: number;
  /** Keyed hash of the new account's e-mail (the blind index). */
  emailHash: string;
  /** Shopify's verified-email flag: an unverified address could claim someone else's orders. */
  emailVerified: boolean;
  accountCreatedAt: Date;
  at: Date;
}

export interface GuestClaim {
  shopifyOrderId: number;
  points: number;
}

/**
 * §3: "A guest order earns nothing at once, but is remembered: when a customer account with the
 * same verified e-mail appears within 30 days, the order's points are credited (idempotently, as
 * a normal earn)." The order earns as a guest would have: no tier, with the campaigns running
 * when it was placed. Claimed orders are attached to the customer.
 */
export async function claimGuestOrders(
  tx: Transaction,
  shopId: string,
  input: GuestClaimInput,
): Promise<GuestClaim[]> {
  const orders = await tx
    .select()
    .from(orderSummaries)
    .where(
      and(
        eq(orderSummaries.shopId, shopId),
        isNull(orderSummaries.customerId),
        eq(orderSummaries.guestEmailHash, input.emailHash),
        isNull(orderSummaries.cancelledAt),
      ),
    )
    .orderBy(asc(orderSummaries.placedAt));
  if (orders.length === 0) return [];
  // Lock order: every claimed order (ascending ids), then the balance, as all order flows do.
  for (const id of orders.map((o) => o.shopifyOrderId).sort((a, b) => a - b)) {
    await lockOrderEvents(tx, shopId, id);
  }
  await lockBalance(tx, shopId, input.customerId);
  const rules = await loadShopRules(tx, shopId);
  const [customer] = await tx
    .select({ tags: customers.tags, rfmSegment: customers.rfmSegment, countryCode: customers.countryCode })
    .from(customers)
    .where(and(eq(customers.shopId, shopId), eq(customers.id, input.customerId)));
  if (!customer) return [];

  const claims: GuestClaim[] = [];
  for (const order of orders) {
    // Earned on the full basis, as at purchase; refunds made before the claim are clawed back
    // right after, so later refunds compute their share against the same figures.
    const basisMinor = order.earningBasisMinor;
    const asEarning: EarningOrder = {
      id: String(order.shopifyOrderId),
      customerId: String(input.customerId),
      currency: order.currency,
      channel: order.channel === "pos" ? "pos" : "online",
      placedAt: order.placedAt,
      taxesIncluded: false,
      lineItems: [],
      shipping: { grossMinor: 0, discountMinor: 0, taxMinor: 0 },
      tipMinor: 0,
    };
    if (orderIneligibility(asEarning, customer.tags, basisMinor, rules.purchase.rule)) continue;
    const effects = selectCampaignEffects(await campaignsActiveAt(tx, shopId, order.placedAt), {
      placedAt: order.placedAt,
      basisMinor,
      audience: {
        tierId: null,
        rfmSegment: customer.rfmSegment,
        countryCode: order.countryCode,
        customerTags: customer.tags,
      },
    });
    const { points } = computePurchasePoints({
      basisMinor,
      rate: rules.purchase.rate,
      tierMultiplierBp: BP_ONE,
      campaignMultipliers: effects.multipliers,
      fixedBonuses: effects.fixedBonuses,
      perOrderCap: rules.purchase.perOrderCap,
    });
    const decision = decideGuestOrderClaim({
      orderId: String(order.shopifyOrderId),
      points,
      orderPlacedAt: order.placedAt,
      accountCreatedAt: input.accountCreatedAt,
      emailVerified: input.emailVerified,
    });
    if (decision.outcome === "no_award") continue;

    const releaseAt = pendingReleaseAt(order.paidAt ?? order.placedAt, rules.pending);
    const pending = releaseAt.getTime() > input.at.getTime();
    await postLedgerEntry(tx, shopId, {
      customerId: input.customerId,
      kind: "earn",
      amount: decision.points,
      status: pending ? "pending" : "available",
      availableAt: pending ? releaseAt : null,
      sourceType: "order",
      sourceId: String(order.shopifyOrderId),
      idempotencyKey: decision.idempotencyKey,
      earningRuleId: rules.purchase.ruleId,
      earningRuleVersion: rules.purchase.ruleVersion,
      occurredAt: input.at,
    });
    await tx
      .update(orderSummaries)
      .set({ customerId: input.customerId, pointsEarned: decision.points })
      .where(and(eq(orderSummaries.shopId, shopId), eq(orderSummaries.shopifyOrderId, order.shopifyOrderId)));
    await clawBackEarlierRefunds(tx, shopId, input, order);
    claims.push({ shopifyOrderId: order.shopifyOrderId, points: decision.points });
  }
  // "Upgrade happens at once, on the event that crosses the threshold": the claim is such an event.
  if (claims.length > 0)
    await applyTierAfterEarning(tx, shopId, input.customerId, input.at, `guest-claim:${input.customerId}`);
  return claims;
}

/**
 * Refunds made while the order was a guest's are clawed back now, one by one in their order and
 * under each refund's own key — exactly what `recordRefund` would have written had the claim come
 * first — so the ledger is the same whichever of the claim and the refunds arrives first.
 */
async function clawBackEarlierRefunds(
  tx: Transaction,
  shopId: string,
  input: GuestClaimInput,
  order: typeof orderSummaries.$inferSelect,
) {
  const refunds = await tx
    .select()
    .from(orderRefunds)
    .where(and(eq(orderRefunds.shopId, shopId), eq(orderRefunds.shopifyOrderId, order.shopifyOrderId)))
    .orderBy(asc(orderRefunds.refundedAt), asc(orderRefunds.shopifyRefundId));
  let cumulativeBasis = 0;
  for (const refund of refunds) {
    cumulativeBasis += refund.refundedBasisMinor;
    const points = await loadOrderPoints(tx, shopId, order.shopifyOrderId, order.earningBasisMinor);
    const plan = planRefundClawback({
      order: points,
      refundId: String(refund.shopifyRefundId),
      cumulativeRefundedBasisMinor: Math.min(cumulativeBasis, order.earningBasisMinor),
    });
    await applyReversalPlan(tx, shopId, plan, {
      customerId: input.customerId,
      kind: "refund_clawback",
      sourceType: "refund",
      sourceId: String(refund.shopifyRefundId),
      relatedEntryId: points.originalEntryIds[0]!,
      at: input.at,
    });
  }
}
