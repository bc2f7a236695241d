import {
  BP_ONE,
  computePurchasePoints,
  decideGuestOrderClaim,
  orderIneligibility,
  pendingReleaseAt,
  selectCampaignEffects,
  type EarningOrder,
} from "@loyalnest/domain";
import { and, asc, eq, isNull } from "drizzle-orm";
import type { Transaction } from "../client";
import { postLedgerEntry } from "../ledger";
import { customers, orderSummaries } from "../schema";
import { campaignsActiveAt } from "./campaigns";
import { loadShopRules } from "./shop-rules";

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
  const rules = await loadShopRules(tx, shopId);
  const [customer] = await tx
    .select({ tags: customers.tags, rfmSegment: customers.rfmSegment, countryCode: customers.countryCode })
    .from(customers)
    .where(and(eq(customers.shopId, shopId), eq(customers.id, input.customerId)));
  if (!customer) return [];

  const claims: GuestClaim[] = [];
  for (const order of orders) {
    const basisMinor = Math.max(0, order.earningBasisMinor - order.refundedBasisMinor);
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
    claims.push({ shopifyOrderId: order.shopifyOrderId, points: decision.points });
  }
  return claims;
}
