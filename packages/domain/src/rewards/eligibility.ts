import { assertInteger } from "../money";
import type { SalesChannel } from "../earning";
import type { PointsChoiceProblem } from "./points-for-money";
import { pointsChoiceProblem } from "./points-for-money";
import type { Reward } from "./reward";

export interface TierRank {
  id: string;
  threshold: number;
}

export interface RedemptionContext {
  /** Available points (pending points cannot be spent; a debt is negative). */
  availablePoints: number;
  customerTierId: string | null;
  /** The shop's tiers; their thresholds order them. */
  tiers: readonly TierRank[];
  /** This customer's redemptions of this reward that were not released. */
  redemptionsOfReward: number;
  channel: SalesChannel;
  /**
   * Cart subtotal in shop minor units when redeeming against a cart (checkout, POS); null from the
   * widget, where the minimum is enforced by the code's own minimum requirement in Shopify.
   */
  cartSubtotalMinor: number | null;
  /** Points-for-money only: the points the shopper chose. */
  chosenPoints?: number;
}

export type RedemptionIneligibility =
  | "reward_inactive"
  | "channel_not_allowed"
  | "tier_too_low"
  | "per_customer_limit_reached"
  | "below_minimum_order"
  | "insufficient_points"
  | PointsChoiceProblem;

export type RedemptionEligibility =
  { eligible: true; pointsCost: number } | { eligible: false; reasons: RedemptionIneligibility[] };

/** The points a redemption debits: the reward's cost, or the shopper's choice for points-for-money. */
export function redemptionCost(reward: Reward, chosenPoints: number | undefined): number {
  if (reward.kind.type !== "points_for_money") return reward.kind.pointsCost;
  if (chosenPoints === undefined) throw new RangeError("points-for-money needs the points the shopper chose");
  return chosenPoints;
}

/**
 * Whether the customer's tier reaches the reward's minimum tier, comparing thresholds. A reward
 * restricted to a tier the shop no longer has is closed to everyone (fail closed, never open).
 */
export function meetsTierRestriction(
  reward: Reward,
  customerTierId: string | null,
  tiers: readonly TierRank[],
): boolean {
  if (reward.minTierId === null) return true;
  const required = tiers.find((t) => t.id === reward.minTierId);
  const held = tiers.find((t) => t.id === customerTierId);
  return required !== undefined && held !== undefined && held.threshold >= required.threshold;
}

/**
 * Every reason the customer cannot redeem now (all of them, so the widget can say what is
 * missing). A redemption never drives the available balance below zero, so the cost must be
 * covered by available points alone.
 */
export function checkRedemptionEligibility(reward: Reward, ctx: RedemptionContext): RedemptionEligibility {
  assertInteger(ctx.availablePoints, "availablePoints");
  const reasons: RedemptionIneligibility[] = [];
  if (!reward.active) reasons.push("reward_inactive");
  if (!reward.channels.includes(ctx.channel)) reasons.push("channel_not_allowed");
  if (!meetsTierRestriction(reward, ctx.customerTierId, ctx.tiers)) reasons.push("tier_too_low");
  if (reward.perCustomerLimit !== null && ctx.redemptionsOfReward >= reward.perCustomerLimit) {
    reasons.push("per_customer_limit_reached");
  }
  if (
    reward.minOrderMinor !== null &&
    ctx.cartSubtotalMinor !== null &&
    ctx.cartSubtotalMinor < reward.minOrderMinor
  ) {
    reasons.push("below_minimum_order");
  }
  if (reward.kind.type === "points_for_money") {
    if (ctx.chosenPoints === undefined)
      throw new RangeError("points-for-money needs the points the shopper chose");
    const problem = pointsChoiceProblem(reward.kind, ctx.chosenPoints);
    if (problem) reasons.push(problem);
  }
  const cost = redemptionCost(reward, ctx.chosenPoints);
  if (cost > ctx.availablePoints) reasons.push("insufficient_points");
  return reasons.length === 0 ? { eligible: true, pointsCost: cost } : { eligible: false, reasons };
}
