import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BP_ONE } from "../money";
import type { CampaignMultiplier } from "./points";
import { computePurchasePoints, highestCampaignMultiplier, multipliedPurchasePoints } from "./points";
import { DEFAULT_EARN_RATE } from "./rate";

const campaign = (campaignId: string, multiplierBp: number): CampaignMultiplier => ({
  campaignId,
  campaignVersion: 1,
  multiplierBp,
});
const base = {
  rate: DEFAULT_EARN_RATE,
  tierMultiplierBp: BP_ONE,
  campaignMultipliers: [] as CampaignMultiplier[],
  fixedBonuses: [],
  perOrderCap: null,
};

describe("purchase points", () => {
  it('"floor(33.33 × 10 × 1.5 × 2) = floor(999.9) = 999 points"', () => {
    const result = computePurchasePoints({
      ...base,
      basisMinor: 3333,
      tierMultiplierBp: 15_000,
      campaignMultipliers: [campaign("bf", 20_000)],
    });
    expect(result.points).toBe(999);
    expect(result.basePoints).toBe(333);
    expect(result.appliedCampaign?.campaignId).toBe("bf");
  });

  it('"points earned per order = floor(basis × rate × multipliers), computed exactly"', () => {
    // Binary floating point gets this one wrong: 0.57 × 100 = 56.99999999999999.
    expect(Math.floor(0.57 * 100)).toBe(56);
    expect(multipliedPurchasePoints(57, { earnPoints: 100, earnPerMinor: 100 }, BP_ONE, BP_ONE)).toBe(57);
    // One rounding over the whole product, not one per factor: 1.05 × 10 × 1.5 × 1.5 = 23.625.
    expect(multipliedPurchasePoints(105, DEFAULT_EARN_RATE, 15_000, 15_000)).toBe(23);
    // Rounding per factor would give floor(floor(10.5 × 1.5) × 1.5) = floor(15 × 1.5) = 22.
  });

  it('"a tier multiplier (e.g. Gold ×1.5) times the highest active campaign multiplier (e.g. ×2)"', () => {
    const gold = computePurchasePoints({ ...base, basisMinor: 10_000, tierMultiplierBp: 15_000 });
    expect(gold.points).toBe(1500);
    const goldWithCampaign = computePurchasePoints({
      ...base,
      basisMinor: 10_000,
      tierMultiplierBp: 15_000,
      campaignMultipliers: [campaign("double", 20_000)],
    });
    expect(goldWithCampaign.points).toBe(3000);
  });

  it('"They do not stack beyond that"', () => {
    const result = computePurchasePoints({
      ...base,
      basisMinor: 10_000,
      tierMultiplierBp: 15_000,
      campaignMultipliers: [campaign("double", 20_000), campaign("triple", 30_000), campaign("x1.5", 15_000)],
    });
    // 100.00 × 10 × 1.5 × 3 — never × 2 × 3 × 1.5.
    expect(result.points).toBe(4500);
    expect(result.appliedCampaign?.campaignId).toBe("triple");
  });

  it("breaks a tie between equal campaign multipliers deterministically (smallest campaign id)", () => {
    expect(highestCampaignMultiplier([campaign("b", 20_000), campaign("a", 20_000)])?.campaignId).toBe("a");
    expect(highestCampaignMultiplier([])).toBeNull();
  });

  it('"A per-order cap applies last"', () => {
    const result = computePurchasePoints({
      ...base,
      basisMinor: 3333,
      tierMultiplierBp: 15_000,
      campaignMultipliers: [campaign("bf", 20_000)],
      fixedBonuses: [{ campaignId: "bonus", campaignVersion: 1, points: 200 }],
      perOrderCap: 1000,
    });
    // 999 multiplied + 200 bonus = 1199, then the cap: 1000 (the cap is applied after the bonus).
    expect(result.uncappedPoints).toBe(1199);
    expect(result.points).toBe(1000);
    expect(result.capped).toBe(true);
  });

  it('fixed bonuses "(e.g. +200 points …)" add to the multiplied points and are not multiplied', () => {
    const result = computePurchasePoints({
      ...base,
      basisMinor: 10_000,
      campaignMultipliers: [campaign("double", 20_000)],
      fixedBonuses: [
        { campaignId: "a", campaignVersion: 1, points: 200 },
        { campaignId: "b", campaignVersion: 3, points: 50 },
      ],
    });
    expect(result.multipliedPoints).toBe(2000);
    expect(result.bonusPoints).toBe(250);
    expect(result.points).toBe(2250);
  });

  it("rejects a non-integer basis or multiplier instead of guessing", () => {
    expect(() => multipliedPurchasePoints(33.33, DEFAULT_EARN_RATE, BP_ONE, BP_ONE)).toThrow(RangeError);
    expect(() => multipliedPurchasePoints(100, DEFAULT_EARN_RATE, 1.5, BP_ONE)).toThrow(RangeError);
    expect(() => multipliedPurchasePoints(100, { earnPoints: 10, earnPerMinor: 0 }, BP_ONE, BP_ONE)).toThrow(
      RangeError,
    );
  });
});

describe("purchase points invariants", () => {
  const basis = fc.integer({ min: 0, max: 100_000_000 });
  const bp = fc.integer({ min: 1, max: 100_000 });
  const rate = fc.record({
    earnPoints: fc.integer({ min: 0, max: 1000 }),
    earnPerMinor: fc.integer({ min: 1, max: 10_000 }),
  });

  it("floor rounding never over-awards and never loses a whole point", () => {
    fc.assert(
      fc.property(basis, rate, bp, bp, (b, r, tier, camp) => {
        const points = BigInt(multipliedPurchasePoints(b, r, tier, camp));
        const exactNumerator = BigInt(b) * BigInt(r.earnPoints) * BigInt(tier) * BigInt(camp);
        const denominator = BigInt(r.earnPerMinor) * 10_000n * 10_000n;
        expect(points * denominator <= exactNumerator).toBe(true);
        expect((points + 1n) * denominator > exactNumerator).toBe(true);
      }),
    );
  });

  it("earning is monotone in the basis", () => {
    fc.assert(
      fc.property(basis, basis, rate, bp, bp, (a, b, r, tier, camp) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(multipliedPurchasePoints(lo, r, tier, camp)).toBeLessThanOrEqual(
          multipliedPurchasePoints(hi, r, tier, camp),
        );
      }),
    );
  });

  it("the cap bounds the order's points and only ever lowers them", () => {
    fc.assert(
      fc.property(
        basis,
        bp,
        fc.option(fc.integer({ min: 0, max: 1_000_000 })),
        fc.nat(1000),
        (b, tier, cap, bonus) => {
          const result = computePurchasePoints({
            ...base,
            basisMinor: b,
            tierMultiplierBp: tier,
            fixedBonuses: [{ campaignId: "x", campaignVersion: 1, points: bonus }],
            perOrderCap: cap,
          });
          if (cap !== null) expect(result.points).toBeLessThanOrEqual(cap);
          expect(result.points).toBeLessThanOrEqual(result.uncappedPoints);
          expect(result.points).toBe(
            cap === null ? result.uncappedPoints : Math.min(cap, result.uncappedPoints),
          );
        },
      ),
    );
  });

  it("only the highest campaign multiplier matters, whatever else is active", () => {
    fc.assert(
      fc.property(
        basis,
        fc.array(fc.integer({ min: BP_ONE, max: 50_000 }), { minLength: 1, maxLength: 6 }),
        (b, bps) => {
          const all = computePurchasePoints({
            ...base,
            basisMinor: b,
            campaignMultipliers: bps.map((m, i) => campaign(`c${i}`, m)),
          });
          const onlyMax = computePurchasePoints({
            ...base,
            basisMinor: b,
            campaignMultipliers: [campaign("m", Math.max(...bps))],
          });
          expect(all.points).toBe(onlyMax.points);
        },
      ),
    );
  });
});
