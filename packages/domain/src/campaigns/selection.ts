import type { CampaignBonus, CampaignMultiplier } from "../earning";
import { highestCampaignMultiplier } from "../earning";
import type { Campaign } from "./campaign";
import { assertCampaign } from "./campaign";
import type { CampaignAudience } from "./targeting";
import { isTargeted } from "./targeting";
import { isCampaignActive } from "./window";

export interface CampaignOrderContext {
  /** When the order was placed: an order placed during the campaign earns its bonus even if paid later. */
  placedAt: Date;
  audience: CampaignAudience;
  /** The order's purchase basis, compared with a fixed bonus's minimum. */
  basisMinor: number;
}

export interface CampaignEffects {
  /** Every applicable multiplier (earning uses only the highest). */
  multipliers: CampaignMultiplier[];
  /** The one multiplier that will apply, or null. */
  appliedMultiplier: CampaignMultiplier | null;
  /** Every applicable fixed bonus; distinct bonus campaigns add up. */
  fixedBonuses: CampaignBonus[];
}

/** Campaigns that are running at the order's placement and target its customer. */
export function applicableCampaigns(campaigns: readonly Campaign[], ctx: CampaignOrderContext): Campaign[] {
  return campaigns.filter((c) => {
    assertCampaign(c);
    return isCampaignActive(c, ctx.placedAt) && isTargeted(c.target, ctx.audience);
  });
}

/**
 * The campaign inputs of an order's earning: the multipliers (the highest wins, they do not
 * stack) and the fixed bonuses whose minimum order amount the basis reaches.
 */
export function selectCampaignEffects(
  campaigns: readonly Campaign[],
  ctx: CampaignOrderContext,
): CampaignEffects {
  const multipliers: CampaignMultiplier[] = [];
  const fixedBonuses: CampaignBonus[] = [];
  for (const c of applicableCampaigns(campaigns, ctx)) {
    if (c.type === "multiplier") {
      multipliers.push({ campaignId: c.id, campaignVersion: c.version, multiplierBp: c.multiplierBp });
    } else if (c.minOrderMinor === null || ctx.basisMinor >= c.minOrderMinor) {
      fixedBonuses.push({ campaignId: c.id, campaignVersion: c.version, points: c.bonusPoints });
    }
  }
  return { multipliers, appliedMultiplier: highestCampaignMultiplier(multipliers), fixedBonuses };
}
