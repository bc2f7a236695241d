import type { BasisSettings, PurchaseBasis } from "./basis";
import { computePurchaseBasis, DEFAULT_BASIS_SETTINGS } from "./basis";
import type { Award, EarnDecision } from "./decision";
import { noAward } from "./decision";
import type { EarningRule, OrderIneligibility } from "./eligibility";
import { DEFAULT_EARNING_RULE, orderIneligibility } from "./eligibility";
import { orderEarnKey } from "./idempotency-keys";
import type { EarningOrder } from "./order";
import type { CampaignBonus, CampaignMultiplier, PurchasePointsBreakdown } from "./points";
import { computePurchasePoints } from "./points";
import type { EarnRate } from "./rate";
import { DEFAULT_EARN_RATE } from "./rate";

/** The shop's purchase-earning configuration. */
export interface PurchaseEarningSettings {
  /** Bumped on every edit of the rule; the ledger row records the version that produced it. */
  ruleVersion: number;
  basis: BasisSettings;
  rate: EarnRate;
  rule: EarningRule;
  perOrderCap: number | null;
}

export const DEFAULT_PURCHASE_EARNING_SETTINGS: PurchaseEarningSettings = {
  ruleVersion: 1,
  basis: DEFAULT_BASIS_SETTINGS,
  rate: DEFAULT_EARN_RATE,
  rule: DEFAULT_EARNING_RULE,
  perOrderCap: null,
};

export interface PurchaseEarnInput {
  order: EarningOrder;
  customerTags: readonly string[];
  settings: PurchaseEarningSettings;
  /**
   * Multiplier of the tier the customer held when the order was placed (an upgrade this order
   * triggers applies from the next earning). BP_ONE when the customer has no tier.
   */
  tierMultiplierBp: number;
  /** Active campaigns targeting this order at `order.placedAt` (see campaigns/selection). */
  campaignMultipliers: readonly CampaignMultiplier[];
  fixedBonuses: readonly CampaignBonus[];
}

export interface PurchaseAward extends Award {
  ruleVersion: number;
  basis: PurchaseBasis;
  breakdown: PurchasePointsBreakdown;
}

export type PurchaseNoAwardReason = "guest_order" | OrderIneligibility | "zero_points";

/**
 * What an `orders/paid` webhook (online or POS) earns. A guest order earns nothing at once (see
 * guest-orders.ts for the later claim). Key: `order:<id>:earn`, so a replayed webhook is a no-op.
 */
export function decidePurchaseEarn(
  input: PurchaseEarnInput,
): EarnDecision<PurchaseNoAwardReason, PurchaseAward> {
  const { order, settings } = input;
  if (order.customerId === null) return noAward("guest_order");
  const basis = computePurchaseBasis(order, settings.basis, settings.rule);
  const refusal = orderIneligibility(order, input.customerTags, basis.basisMinor, settings.rule);
  if (refusal) return noAward(refusal);
  const breakdown = computePurchasePoints({
    basisMinor: basis.basisMinor,
    rate: settings.rate,
    tierMultiplierBp: input.tierMultiplierBp,
    campaignMultipliers: input.campaignMultipliers,
    fixedBonuses: input.fixedBonuses,
    perOrderCap: settings.perOrderCap,
  });
  if (breakdown.points === 0) return noAward("zero_points");
  return {
    outcome: "award",
    points: breakdown.points,
    idempotencyKey: orderEarnKey(order.id),
    ruleVersion: settings.ruleVersion,
    basis,
    breakdown,
  };
}
