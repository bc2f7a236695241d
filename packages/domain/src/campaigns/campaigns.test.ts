import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computePurchasePoints, DEFAULT_EARN_RATE } from "../earning";
import { BP_ONE } from "../money";
import type { Campaign, CampaignTarget, FixedBonusCampaign, MultiplierCampaign } from "./campaign";
import { assertCampaign } from "./campaign";
import type { CampaignOrderContext } from "./selection";
import { selectCampaignEffects } from "./selection";
import type { CampaignAudience } from "./targeting";
import { isTargeted } from "./targeting";
import { campaignStatus, campaignWindowFromShopTime, isCampaignActive } from "./window";

const NY = "America/New_York";
const bf = campaignWindowFromShopTime(
  { year: 2026, month: 11, day: 27 },
  { year: 2026, month: 11, day: 30 },
  NY,
);

const multiplier = (
  id: string,
  multiplierBp: number,
  target: CampaignTarget = { kind: "everyone" },
): MultiplierCampaign => ({
  id,
  version: 1,
  type: "multiplier",
  multiplierBp,
  target,
  ...bf,
});
const bonus = (id: string, bonusPoints: number, minOrderMinor: number | null): FixedBonusCampaign => ({
  id,
  version: 4,
  type: "fixed_bonus",
  bonusPoints,
  minOrderMinor,
  target: { kind: "everyone" },
  ...bf,
});
const audience: CampaignAudience = {
  tierId: "gold",
  rfmSegment: "champions",
  countryCode: "US",
  customerTags: ["VIP"],
};
const ctx = (over: Partial<CampaignOrderContext> = {}): CampaignOrderContext => ({
  placedAt: new Date("2026-11-28T17:00:00Z"),
  audience,
  basisMinor: 12_000,
  ...over,
});

describe("campaign window", () => {
  it('"A campaign has a window (start/end in shop time)"', () => {
    // Midnight 27 Nov in New York is 05:00 UTC; an end date without a time includes that whole day.
    expect(bf.startsAt.toISOString()).toBe("2026-11-27T05:00:00.000Z");
    expect(bf.endsAt.toISOString()).toBe("2026-12-01T05:00:00.000Z");
    const timed = campaignWindowFromShopTime(
      { year: 2026, month: 3, day: 7, hour: 9 },
      { year: 2026, month: 3, day: 9, hour: 9 },
      NY,
    );
    // The window spans the spring-forward change: EST at the start, EDT at the end.
    expect(timed.startsAt.toISOString()).toBe("2026-03-07T14:00:00.000Z");
    expect(timed.endsAt.toISOString()).toBe("2026-03-09T13:00:00.000Z");
  });

  it("is scheduled, then running from its start (inclusive), then ended at its end (exclusive)", () => {
    expect(campaignStatus(bf, new Date("2026-11-27T04:59:59Z"))).toBe("scheduled");
    expect(campaignStatus(bf, new Date("2026-11-27T05:00:00Z"))).toBe("running");
    expect(campaignStatus(bf, new Date("2026-12-01T04:59:59Z"))).toBe("running");
    expect(campaignStatus(bf, new Date("2026-12-01T05:00:00Z"))).toBe("ended");
    expect(isCampaignActive(bf, new Date("2026-12-01T05:00:00Z"))).toBe(false);
  });

  it("rejects a window that ends before it starts, and a multiplier below ×1", () => {
    expect(() =>
      campaignWindowFromShopTime(
        { year: 2026, month: 5, day: 2 },
        { year: 2026, month: 5, day: 1, hour: 23 },
        NY,
      ),
    ).toThrow(RangeError);
    expect(() => assertCampaign(multiplier("half", 5000))).toThrow(RangeError);
  });
});

describe("campaign targeting", () => {
  it('"a target: everyone, tiers, RFM segments, countries, or customer tags"', () => {
    expect(isTargeted({ kind: "everyone" }, audience)).toBe(true);
    expect(isTargeted({ kind: "tiers", tierIds: ["gold", "platinum"] }, audience)).toBe(true);
    expect(isTargeted({ kind: "tiers", tierIds: ["silver"] }, audience)).toBe(false);
    expect(isTargeted({ kind: "tiers", tierIds: ["gold"] }, { ...audience, tierId: null })).toBe(false);
    expect(isTargeted({ kind: "rfm_segments", segments: ["Champions"] }, audience)).toBe(true);
    expect(isTargeted({ kind: "rfm_segments", segments: ["at_risk"] }, audience)).toBe(false);
    expect(isTargeted({ kind: "countries", countryCodes: ["ca", "us"] }, audience)).toBe(true);
    expect(isTargeted({ kind: "countries", countryCodes: ["FR"] }, audience)).toBe(false);
    expect(isTargeted({ kind: "customer_tags", tags: ["vip"] }, audience)).toBe(true);
    expect(isTargeted({ kind: "customer_tags", tags: ["wholesale"] }, audience)).toBe(false);
  });
});

describe("campaign selection for an order", () => {
  it('"a type — multiplier (e.g. ×2 points) or fixed_bonus (e.g. +200 points on orders of at least $100)"', () => {
    const effects = selectCampaignEffects([multiplier("x2", 20_000), bonus("plus200", 200, 10_000)], ctx());
    expect(effects.appliedMultiplier).toEqual({ campaignId: "x2", campaignVersion: 1, multiplierBp: 20_000 });
    expect(effects.fixedBonuses).toEqual([{ campaignId: "plus200", campaignVersion: 4, points: 200 }]);
    expect(
      selectCampaignEffects([bonus("plus200", 200, 10_000)], ctx({ basisMinor: 9_999 })).fixedBonuses,
    ).toEqual([]);
  });

  it('"the highest active campaign multiplier"', () => {
    const effects = selectCampaignEffects(
      [
        multiplier("x2", 20_000),
        multiplier("x3-silver", 30_000, { kind: "tiers", tierIds: ["silver"] }),
        multiplier("x2.5-us", 25_000, { kind: "countries", countryCodes: ["US"] }),
        { ...multiplier("x5-ended", 50_000), endsAt: new Date("2026-11-28T00:00:00Z") },
      ],
      ctx(),
    );
    expect(effects.multipliers.map((m) => m.campaignId)).toEqual(["x2", "x2.5-us"]);
    expect(effects.appliedMultiplier?.campaignId).toBe("x2.5-us");
  });

  it('"Campaign and rule edits are versioned: a ledger row records which rule version produced it"', () => {
    const edited = { ...multiplier("x2", 20_000), version: 3 };
    const effects = selectCampaignEffects([edited, bonus("plus200", 200, null)], ctx());
    const points = computePurchasePoints({
      basisMinor: 12_000,
      rate: DEFAULT_EARN_RATE,
      tierMultiplierBp: BP_ONE,
      campaignMultipliers: effects.multipliers,
      fixedBonuses: effects.fixedBonuses,
      perOrderCap: null,
    });
    expect(points.appliedCampaign).toEqual({ campaignId: "x2", campaignVersion: 3, multiplierBp: 20_000 });
    expect(effects.fixedBonuses[0]?.campaignVersion).toBe(4);
    expect(points.points).toBe(2400 + 200);
  });

  it("reads campaigns at the order's placement, not at payment", () => {
    const effects = selectCampaignEffects(
      [multiplier("x2", 20_000)],
      ctx({ placedAt: new Date("2026-12-01T04:00:00Z") }),
    );
    expect(effects.appliedMultiplier?.campaignId).toBe("x2");
    expect(
      selectCampaignEffects([multiplier("x2", 20_000)], ctx({ placedAt: new Date("2026-12-01T05:00:00Z") }))
        .appliedMultiplier,
    ).toBeNull();
  });

  it("the applied multiplier is always one of the applicable ones, and the largest", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: BP_ONE, max: 60_000 }), { maxLength: 8 }), (bps) => {
        const campaigns: Campaign[] = bps.map((bp, i) => multiplier(`c${i}`, bp));
        const { appliedMultiplier } = selectCampaignEffects(campaigns, ctx());
        if (bps.length === 0) expect(appliedMultiplier).toBeNull();
        else expect(appliedMultiplier?.multiplierBp).toBe(Math.max(...bps));
      }),
    );
  });
});
