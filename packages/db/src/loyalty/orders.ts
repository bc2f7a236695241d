import {
  computePurchaseBasis,
  decidePurchaseEarn,
  orderEarnKey,
  pendingReleaseAt,
  selectCampaignEffects,
  tierHeldAt,
  type EarningOrder,
  type TierChange,
} from "@loyalnest/domain";
import { and, asc, eq } from "drizzle-orm";
import type { Transaction } from "../client";
import { lockBalance, postLedgerEntry } from "../ledger";
import { customers, orderSummaries, pointsLedger, tierHistory, vipTiers } from "../schema";
import { campaignsActiveAt } from "./campaigns";
import { lockOrderEvents } from "./order-lock";
import { markRedemptionUsed } from "./redemptions";
import { completeReferralOnFirstPaidOrder } from "./referrals";
import { applyTierAfterEarning } from "./tiers";
import { loadShopRules } from "./shop-rules";

/** What the `orders/paid` handler hands over once it has parsed Shopify's payload. */
export interface PaidOrder {
  shopifyOrderId: number;
  orderName: string | null;
  /** LoyalNest's customer id (resolved from Shopify's), or null for a guest checkout. */
  customerId: number | null;
  /** Keyed hash of a guest's e-mail, so the order can be credited if they sign up within 30 days. */
  guestEmailHash: string | null;
  /** The order in shop-currency minor units, as the earning rules read it. */
  earning: Omit<EarningOrder, "id" | "customerId">;
  totals: {
    subtotalMinor: number;
    discountMinor: number;
    shippingMinor: number;
    taxMinor: number;
    tipMinor: number;
    giftCardMinor: number;
    totalMinor: number;
  };
  presentmentCurrency: string | null;
  countryCode: string | null;
  discountCodes: string[];
  referralCode: string | null;
  shippingAddressHash: string | null;
  paidAt: Date;
  shopifyUpdatedAt: Date | null;
}

/** What else the order changed: an immediate tier upgrade, a completed referral. */
export interface PaidOrderEffects {
  tierChange: TierChange | null;
  referral: Awaited<ReturnType<typeof completeReferralOnFirstPaidOrder>>["outcome"];
}

export type PaidOrderResult =
  | {
      outcome: "earned" | "duplicate";
      points: number;
      status: "pending" | "available";
      ledgerEntryId: number;
      effects: PaidOrderEffects;
    }
  | { outcome: "no_award"; reason: string; effects: PaidOrderEffects }
  | { outcome: "guest" };

/**
 * `orders/paid` (online or POS): records the order summary and credits its points, once.
 * The order earns at the tier the customer held when it was placed and with the campaigns
 * running then; points wait `pending_days` before becoming available.
 */
export async function recordPaidOrder(
  tx: Transaction,
  shopId: string,
  order: PaidOrder,
): Promise<PaidOrderResult> {
  await lockOrderEvents(tx, shopId, order.shopifyOrderId);
  if (order.customerId !== null) {
    await lockBalance(tx, shopId, order.customerId);
    const earlier = await earlierEarning(tx, shopId, order);
    if (earlier) return earlier;
  }
  const rules = await loadShopRules(tx, shopId);
  const earningOrder: EarningOrder = {
    ...order.earning,
    id: String(order.shopifyOrderId),
    customerId: order.customerId === null ? null : String(order.customerId),
  };
  const basis = computePurchaseBasis(earningOrder, rules.purchase.basis, rules.purchase.rule);
  await saveOrderSummary(tx, shopId, order, basis.basisMinor);
  await markRewardCodesUsed(tx, shopId, order);
  // A guest order keeps its basis, so the points can be credited if the shopper signs up (claimGuestOrders).
  if (order.customerId === null) return { outcome: "guest" };

  const customer = await loadCustomer(tx, shopId, order.customerId);
  if (customer.membershipStatus !== "member" || customer.isTombstone) {
    // §3: in an opt-in shop only customers who joined earn; excluded and erased customers never do.
    return { outcome: "no_award", reason: "not_a_member", effects: { tierChange: null, referral: "none" } };
  }
  const tierIdAtOrder = await tierIdAt(tx, shopId, order.customerId, order.earning.placedAt, customer.tierId);
  const tierMultiplierBp = await tierMultiplier(tx, shopId, tierIdAtOrder);
  const effects = selectCampaignEffects(await campaignsActiveAt(tx, shopId, order.earning.placedAt), {
    placedAt: order.earning.placedAt,
    basisMinor: basis.basisMinor,
    audience: {
      tierId: tierIdAtOrder === null ? null : String(tierIdAtOrder),
      rfmSegment: customer.rfmSegment,
      countryCode: order.countryCode,
      customerTags: customer.tags,
    },
  });
  const decision = decidePurchaseEarn({
    order: earningOrder,
    customerTags: customer.tags,
    settings: rules.purchase,
    tierMultiplierBp,
    campaignMultipliers: effects.multipliers,
    fixedBonuses: effects.fixedBonuses,
  });
  if (decision.outcome === "no_award") {
    await tx.update(orderSummaries).set({ tierIdAtOrder }).where(orderKey(shopId, order.shopifyOrderId));
    return { outcome: "no_award", reason: decision.reason, effects: await orderEffects(tx, shopId, order) };
  }

  const releaseAt = pendingReleaseAt(order.paidAt, rules.pending);
  const status = releaseAt.getTime() > order.paidAt.getTime() ? "pending" : "available";
  const campaign = effects.appliedMultiplier ?? effects.fixedBonuses[0] ?? null;
  const result = await postLedgerEntry(tx, shopId, {
    customerId: order.customerId,
    kind: "earn",
    amount: decision.points,
    status,
    availableAt: status === "pending" ? releaseAt : null,
    sourceType: "order",
    sourceId: String(order.shopifyOrderId),
    idempotencyKey: decision.idempotencyKey,
    earningRuleId: rules.purchase.ruleId,
    earningRuleVersion: decision.ruleVersion,
    campaignId: campaign ? Number(campaign.campaignId) : null,
    campaignVersion: campaign?.campaignVersion ?? null,
    occurredAt: order.paidAt,
  });
  if (result.outcome === "refused") throw new Error("a credit cannot be refused"); // unreachable: only debits are
  await tx
    .update(orderSummaries)
    .set({ tierIdAtOrder, pointsEarned: result.entry.amount })
    .where(orderKey(shopId, order.shopifyOrderId));
  return {
    outcome: result.outcome === "applied" ? "earned" : "duplicate",
    points: result.entry.amount,
    status: result.entry.status === "pending" ? "pending" : "available",
    ledgerEntryId: result.entry.id,
    effects: await orderEffects(tx, shopId, order),
  };
}

/**
 * After the order's own points: "Upgrade happens at once, on the event that crosses the
 * threshold" (the order itself still earned at the tier held when placed), and "The referral
 * completes when the friend's first paid order arrives". Both are idempotent, so a replayed
 * delivery changes nothing. Runs for orders that earned nothing too: spend may still count.
 */
async function orderEffects(tx: Transaction, shopId: string, order: PaidOrder): Promise<PaidOrderEffects> {
  const customerId = order.customerId!;
  const tierChange = await applyTierAfterEarning(
    tx,
    shopId,
    customerId,
    order.paidAt,
    `order:${order.shopifyOrderId}`,
  );
  const referral = await completeReferralOnFirstPaidOrder(tx, shopId, {
    friendCustomerId: customerId,
    orderId: order.shopifyOrderId,
    paidAt: order.paidAt,
  });
  return { tierChange, referral: referral.outcome };
}

/**
 * A redelivered `orders/paid` answers with what the first delivery credited, before anything is
 * recomputed: the rules, rates or campaigns may have changed since, and the replay must be a no-op.
 */
async function earlierEarning(
  tx: Transaction,
  shopId: string,
  order: PaidOrder,
): Promise<PaidOrderResult | null> {
  const [entry] = await tx
    .select()
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.shopId, shopId),
        eq(pointsLedger.idempotencyKey, orderEarnKey(String(order.shopifyOrderId))),
      ),
    );
  if (!entry) return null;
  return {
    outcome: "duplicate",
    points: entry.amount,
    status: entry.status === "pending" ? "pending" : "available",
    ledgerEntryId: entry.id,
    effects: await orderEffects(tx, shopId, order),
  };
}

/** §5: "When an `orders/paid` webhook shows the code used, the redemption is `used`." Codes not ours are ignored. */
async function markRewardCodesUsed(tx: Transaction, shopId: string, order: PaidOrder) {
  for (const discountCode of order.discountCodes) {
    await markRedemptionUsed(tx, shopId, {
      discountCode,
      orderId: String(order.shopifyOrderId),
      at: order.paidAt,
    });
  }
}

const orderKey = (shopId: string, shopifyOrderId: number) =>
  and(eq(orderSummaries.shopId, shopId), eq(orderSummaries.shopifyOrderId, shopifyOrderId));

/** Inserts the summary once; a replayed delivery leaves the first one in place. */
async function saveOrderSummary(
  tx: Transaction,
  shopId: string,
  order: PaidOrder,
  earningBasisMinor: number,
) {
  const values = {
    shopId,
    shopifyOrderId: order.shopifyOrderId,
    orderName: order.orderName,
    customerId: order.customerId,
    guestEmailHash: order.customerId === null ? order.guestEmailHash : null,
    currency: order.earning.currency,
    presentmentCurrency: order.presentmentCurrency,
    ...order.totals,
    channel: order.earning.channel,
    countryCode: order.countryCode,
    discountCodes: order.discountCodes,
    referralCode: order.referralCode,
    shippingAddressHash: order.shippingAddressHash,
    financialStatus: "paid",
    placedAt: order.earning.placedAt,
    paidAt: order.paidAt,
    shopifyUpdatedAt: order.shopifyUpdatedAt,
    earningBasisMinor,
  };
  await tx.insert(orderSummaries).values(values).onConflictDoNothing();
}

async function loadCustomer(tx: Transaction, shopId: string, customerId: number) {
  const [row] = await tx
    .select({
      tierId: customers.tierId,
      tags: customers.tags,
      rfmSegment: customers.rfmSegment,
      membershipStatus: customers.membershipStatus,
      isTombstone: customers.isTombstone,
    })
    .from(customers)
    .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)));
  if (!row) throw new Error(`customer ${customerId} does not exist in this shop`);
  return row;
}

/** The tier held when the order was placed: an upgrade the order itself triggers applies from the next one. */
async function tierIdAt(
  tx: Transaction,
  shopId: string,
  customerId: number,
  at: Date,
  current: number | null,
) {
  const history = await tx
    .select({ at: tierHistory.createdAt, toTierId: tierHistory.toTierId })
    .from(tierHistory)
    .where(and(eq(tierHistory.shopId, shopId), eq(tierHistory.customerId, customerId)))
    .orderBy(asc(tierHistory.createdAt), asc(tierHistory.id));
  if (history.length === 0) return current;
  return tierHeldAt(history, at, null);
}

async function tierMultiplier(tx: Transaction, shopId: string, tierId: number | null): Promise<number> {
  if (tierId === null) return 10_000;
  const [tier] = await tx
    .select({ bp: vipTiers.earnMultiplierBp })
    .from(vipTiers)
    .where(and(eq(vipTiers.shopId, shopId), eq(vipTiers.id, tierId)));
  return tier?.bp ?? 10_000;
}
