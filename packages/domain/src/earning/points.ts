import { assertInteger, BP_ONE, floorDiv } from "../money";
import type { EarnRate } from "./rate";
import { assertEarnRate } from "./rate";

/** A multiplier offered by one campaign (version recorded on the ledger row it produces). */
export interface CampaignMultiplier {
  campaignId: string;
  campaignVersion: number;
  /** Basis points, 20000 = ×2. */
  multiplierBp: number;
}

/** A fixed number of bonus points offered by one campaign. */
export interface CampaignBonus {
  campaignId: string;
  campaignVersion: number;
  points: number;
}

export interface PurchasePointsInput {
  basisMinor: number;
  rate: EarnRate;
  /** The multiplier of the tier held when the order was placed; BP_ONE without a tier. */
  tierMultiplierBp: number;
  /** Every active campaign multiplier that targets this order; only the highest applies. */
  campaignMultipliers: readonly CampaignMultiplier[];
  /** Fixed bonuses of every active fixed-bonus campaign that targets this order; they add up. */
  fixedBonuses: readonly CampaignBonus[];
  /** Optional per-order cap on the order's total points (multiplied points plus bonuses). */
  perOrderCap: number | null;
}

export interface PurchasePointsBreakdown {
  /** floor(basis × rate), before any multiplier; shown to shoppers as "base points". */
  basePoints: number;
  /** The campaign multiplier that applied, if any. */
  appliedCampaign: CampaignMultiplier | null;
  /** floor(basis × rate × tier × campaign), one rounding over the exact product. */
  multipliedPoints: number;
  bonusPoints: number;
  /** Before the cap. */
  uncappedPoints: number;
  /** What the order earns. */
  points: number;
  capped: boolean;
}

/**
 * The highest campaign multiplier, or null. Multipliers never stack beyond tier × the single
 * highest campaign. Ties go to the lexically smallest campaign id so the choice is deterministic.
 */
export function highestCampaignMultiplier(
  multipliers: readonly CampaignMultiplier[],
): CampaignMultiplier | null {
  let best: CampaignMultiplier | null = null;
  for (const m of multipliers) {
    assertInteger(m.multiplierBp, "multiplierBp");
    if (m.multiplierBp <= 0) throw new RangeError("multiplierBp must be positive");
    if (
      !best ||
      m.multiplierBp > best.multiplierBp ||
      (m.multiplierBp === best.multiplierBp && m.campaignId < best.campaignId)
    ) {
      best = m;
    }
  }
  return best;
}

/**
 * floor(basis × earnPoints / earnPerMinor × tierBp / 10000 × campaignBp / 10000), computed as one
 * BigInt fraction so the only rounding is the final floor (never a rounding per factor).
 */
export function multipliedPurchasePoints(
  basisMinor: number,
  rate: EarnRate,
  tierMultiplierBp: number,
  campaignMultiplierBp: number,
): number {
  assertInteger(basisMinor, "basisMinor");
  if (basisMinor < 0) throw new RangeError("basisMinor must not be negative");
  assertEarnRate(rate);
  assertInteger(tierMultiplierBp, "tierMultiplierBp");
  assertInteger(campaignMultiplierBp, "campaignMultiplierBp");
  if (tierMultiplierBp <= 0 || campaignMultiplierBp <= 0)
    throw new RangeError("multipliers must be positive");
  const numerator =
    BigInt(basisMinor) * BigInt(rate.earnPoints) * BigInt(tierMultiplierBp) * BigInt(campaignMultiplierBp);
  const denominator = BigInt(rate.earnPerMinor) * BigInt(BP_ONE) * BigInt(BP_ONE);
  return floorDiv(numerator, denominator);
}

/**
 * Points an order earns: the multiplied points, plus fixed campaign bonuses, then the per-order
 * cap, which applies last (so it bounds bonuses too: a merchant's cap is the most one order can
 * ever earn).
 */
export function computePurchasePoints(input: PurchasePointsInput): PurchasePointsBreakdown {
  const appliedCampaign = highestCampaignMultiplier(input.campaignMultipliers);
  const basePoints = multipliedPurchasePoints(input.basisMinor, input.rate, BP_ONE, BP_ONE);
  const multipliedPoints = multipliedPurchasePoints(
    input.basisMinor,
    input.rate,
    input.tierMultiplierBp,
    appliedCampaign?.multiplierBp ?? BP_ONE,
  );
  let bonusPoints = 0;
  for (const bonus of input.fixedBonuses) {
    assertInteger(bonus.points, "bonus points");
    if (bonus.points < 0) throw new RangeError("bonus points must not be negative");
    bonusPoints += bonus.points;
  }
  const uncappedPoints = multipliedPoints + bonusPoints;
  if (input.perOrderCap !== null) {
    assertInteger(input.perOrderCap, "perOrderCap");
    if (input.perOrderCap < 0) throw new RangeError("perOrderCap must not be negative");
  }
  const points = input.perOrderCap === null ? uncappedPoints : Math.min(uncappedPoints, input.perOrderCap);
  return {
    basePoints,
    appliedCampaign,
    multipliedPoints,
    bonusPoints,
    uncappedPoints,
    points,
    capped: points < uncappedPoints,
  };
}
