import { assertInteger, BP_ONE } from "../money";

/** Who a campaign is for. Every list is an "any of" match. */
export type CampaignTarget =
  | { kind: "everyone" }
  | { kind: "tiers"; tierIds: readonly string[] }
  | { kind: "rfm_segments"; segments: readonly string[] }
  | { kind: "countries"; countryCodes: readonly string[] }
  | { kind: "customer_tags"; tags: readonly string[] };

interface CampaignCommon {
  id: string;
  /** Bumped on every edit; the ledger row records the version that produced it. */
  version: number;
  /** Inclusive start, UTC instant (entered in shop time, see window.ts). */
  startsAt: Date;
  /** Exclusive end, UTC instant. */
  endsAt: Date;
  target: CampaignTarget;
}

export interface MultiplierCampaign extends CampaignCommon {
  type: "multiplier";
  /** Basis points, at least ×1: a bonus campaign never lowers earning. */
  multiplierBp: number;
}

export interface FixedBonusCampaign extends CampaignCommon {
  type: "fixed_bonus";
  bonusPoints: number;
  /** The order's purchase basis must reach this (shop minor units), e.g. +200 on orders ≥ $100. */
  minOrderMinor: number | null;
}

export type Campaign = MultiplierCampaign | FixedBonusCampaign;

export function assertCampaign(campaign: Campaign): void {
  assertInteger(campaign.version, "version");
  if (!(campaign.endsAt.getTime() > campaign.startsAt.getTime())) {
    throw new RangeError(`campaign ${campaign.id} must end after it starts`);
  }
  if (campaign.type === "multiplier") {
    assertInteger(campaign.multiplierBp, "multiplierBp");
    if (campaign.multiplierBp < BP_ONE) throw new RangeError("a campaign multiplier must be at least ×1");
  } else {
    assertInteger(campaign.bonusPoints, "bonusPoints");
    if (campaign.bonusPoints <= 0) throw new RangeError("a fixed bonus must be positive");
    if (campaign.minOrderMinor !== null) assertInteger(campaign.minOrderMinor, "minOrderMinor");
  }
}
