import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convertMinor, exchangeRateFromAmounts, formatDecimal, rateRatio } from "./currency";
import { buildDiscountCodeRequest, buildStoreCreditRequest, codeEndsAt } from "./discount-code";
import type { RedemptionContext } from "./eligibility";
import { checkRedemptionEligibility } from "./eligibility";
import type { PointsForMoney } from "./points-for-money";
import { maxRedeemablePoints, quotePointsForMoney } from "./points-for-money";
import type { RedemptionEvent, RedemptionState } from "./redemption-state";
import {
  decideUnusedCodeExpiry,
  IllegalRedemptionTransitionError,
  transitionRedemption,
} from "./redemption-state";
import type { Reward } from "./reward";
import { assertReward, NO_COMBINATIONS } from "./reward";
import { rewardValueIn } from "./value";

const fiveOff: Reward = {
  id: "five-off",
  name: "$5 off",
  active: true,
  kind: { type: "fixed_amount", pointsCost: 500, value: { shopMinor: 500, perCurrencyMinor: { EUR: 500 } } },
  minOrderMinor: null,
  combinesWith: NO_COMBINATIONS,
  perCustomerLimit: null,
  minTierId: null,
  channels: ["online", "pos"],
};
const pfmKind: PointsForMoney = {
  type: "points_for_money",
  stepPoints: 100,
  stepValue: { shopMinor: 100 },
  minPoints: 500,
  maxPoints: 5000,
};
const pfm: Reward = { ...fiveOff, id: "pfm", name: "Points for money", kind: pfmKind };
const tiers = [
  { id: "silver", threshold: 0 },
  { id: "gold", threshold: 1000 },
  { id: "platinum", threshold: 5000 },
];
const ctx = (over: Partial<RedemptionContext> = {}): RedemptionContext => ({
  availablePoints: 800,
  customerTierId: "gold",
  tiers,
  redemptionsOfReward: 0,
  channel: "online",
  cartSubtotalMinor: null,
  ...over,
});
const usd = { shopCurrency: "USD", presentmentCurrency: "USD", rate: null };

describe("reward types", () => {
  it('"Reward types: fixed amount off, percentage off, free shipping, free product (variant), store credit … and points-for-money"', () => {
    const kinds: Reward["kind"][] = [
      fiveOff.kind,
      { type: "percentage", pointsCost: 1000, percentBp: 1500 },
      { type: "free_shipping", pointsCost: 300, maxShippingMinor: null },
      { type: "free_product", pointsCost: 2000, variantId: "gid://shopify/ProductVariant/7" },
      { type: "store_credit", pointsCost: 1000, value: { shopMinor: 1000 } },
      pfmKind,
    ];
    for (const kind of kinds) expect(() => assertReward({ ...fiveOff, kind })).not.toThrow();
    expect(() =>
      assertReward({ ...fiveOff, kind: { type: "percentage", pointsCost: 10, percentBp: 10_001 } }),
    ).toThrow();
    expect(() => assertReward({ ...pfm, kind: { ...pfmKind, minPoints: 550 } })).toThrow();
  });

  it('"points-for-money (the shopper picks how many points to turn into a discount, in steps, between a minimum and maximum)"', () => {
    expect(quotePointsForMoney(pfmKind, 1200, usd)).toEqual({
      points: 1200,
      steps: 12,
      value: { amountMinor: 1200, currency: "USD" },
    });
    expect(checkRedemptionEligibility(pfm, ctx({ chosenPoints: 700 }))).toEqual({
      eligible: true,
      pointsCost: 700,
    });
    expect(checkRedemptionEligibility(pfm, ctx({ chosenPoints: 750 }))).toMatchObject({
      reasons: ["not_a_whole_step"],
    });
    expect(checkRedemptionEligibility(pfm, ctx({ chosenPoints: 400 }))).toMatchObject({
      reasons: ["below_minimum"],
    });
    expect(checkRedemptionEligibility(pfm, ctx({ availablePoints: 9000, chosenPoints: 5100 }))).toMatchObject(
      {
        reasons: ["above_maximum"],
      },
    );
    expect(maxRedeemablePoints(pfmKind, 1299)).toBe(1200);
    expect(maxRedeemablePoints(pfmKind, 99_999)).toBe(5000);
    expect(maxRedeemablePoints(pfmKind, 499)).toBeNull();
  });
});

describe("reward value per currency", () => {
  it('"Rewards carry a value per currency where the merchant sets one; otherwise the shop-currency value is converted at the order\'s presentment rate"', () => {
    const value = { shopMinor: 500, perCurrencyMinor: { EUR: 500 } };
    expect(rewardValueIn(value, { shopCurrency: "USD", presentmentCurrency: "EUR", rate: "0.9213" })).toEqual(
      {
        amountMinor: 500,
        currency: "EUR",
      },
    );
    // 5.00 USD × 1.3619 = 6.8095 CAD → rounded down to 6.80.
    expect(rewardValueIn(value, { shopCurrency: "USD", presentmentCurrency: "CAD", rate: "1.3619" })).toEqual(
      {
        amountMinor: 680,
        currency: "CAD",
      },
    );
    // Minor-unit exponents differ: 5.00 USD × 151.37 = 756.85 JPY → 756 (JPY has no minor unit).
    expect(
      rewardValueIn(value, {
        shopCurrency: "USD",
        presentmentCurrency: "JPY",
        rate: { numerator: 15137, denominator: 100 },
      }),
    ).toEqual({
      amountMinor: 756,
      currency: "JPY",
    });
    expect(() =>
      rewardValueIn(value, { shopCurrency: "USD", presentmentCurrency: "GBP", rate: null }),
    ).toThrow(RangeError);
  });

  it("reads a rate only as an exact decimal or integer ratio", () => {
    expect(rateRatio("1.0834")).toEqual({ numerator: 10834n, denominator: 10000n });
    expect(() => rateRatio("1e3")).toThrow(RangeError);
    expect(() => rateRatio("-1.2")).toThrow(RangeError);
    expect(() => rateRatio({ numerator: 1.5, denominator: 1 })).toThrow(RangeError);
    const rate = exchangeRateFromAmounts(
      { amountMinor: 10_000, currency: "USD" },
      { amountMinor: 1_513_700, currency: "JPY" },
    );
    expect(convertMinor({ amountMinor: 500, currency: "USD" }, "JPY", rate)).toEqual({
      amountMinor: 75_685,
      currency: "JPY",
    });
  });

  it("conversion rounds down and never exceeds the exact value", () => {
    fc.assert(
      fc.property(
        fc.nat(10_000_000),
        fc.integer({ min: 1, max: 10_000_000 }),
        (minor, rateTenThousandths) => {
          const out = convertMinor({ amountMinor: minor, currency: "USD" }, "EUR", {
            numerator: rateTenThousandths,
            denominator: 10_000,
          });
          const exact = BigInt(minor) * BigInt(rateTenThousandths);
          expect(BigInt(out.amountMinor) * 10_000n <= exact).toBe(true);
          expect(BigInt(out.amountMinor + 1) * 10_000n > exact).toBe(true);
        },
      ),
    );
  });

  it("formats Shopify Decimal amounts from integers", () => {
    expect(formatDecimal({ amountMinor: 5, currency: "USD" })).toBe("0.05");
    expect(formatDecimal({ amountMinor: 123_456, currency: "USD" })).toBe("1234.56");
    expect(formatDecimal({ amountMinor: 500, currency: "JPY" })).toBe("500");
    expect(formatDecimal({ amountMinor: 1234, currency: "KWD" })).toBe("1.234");
  });
});

describe("redemption eligibility", () => {
  it('"A redemption never drives the available balance below zero"', () => {
    expect(checkRedemptionEligibility(fiveOff, ctx({ availablePoints: 500 }))).toEqual({
      eligible: true,
      pointsCost: 500,
    });
    expect(checkRedemptionEligibility(fiveOff, ctx({ availablePoints: 499 }))).toEqual({
      eligible: false,
      reasons: ["insufficient_points"],
    });
    expect(checkRedemptionEligibility(fiveOff, ctx({ availablePoints: -20 }))).toMatchObject({
      reasons: ["insufficient_points"],
    });
  });

  it('"optional tier restriction"', () => {
    const platinumOnly = { ...fiveOff, minTierId: "platinum" };
    expect(checkRedemptionEligibility(platinumOnly, ctx())).toMatchObject({ reasons: ["tier_too_low"] });
    expect(checkRedemptionEligibility(platinumOnly, ctx({ customerTierId: "platinum" }))).toMatchObject({
      eligible: true,
    });
    const goldAndUp = { ...fiveOff, minTierId: "gold" };
    expect(checkRedemptionEligibility(goldAndUp, ctx({ customerTierId: "platinum" }))).toMatchObject({
      eligible: true,
    });
    expect(checkRedemptionEligibility(goldAndUp, ctx({ customerTierId: null }))).toMatchObject({
      reasons: ["tier_too_low"],
    });
    expect(checkRedemptionEligibility({ ...fiveOff, minTierId: "deleted" }, ctx())).toMatchObject({
      reasons: ["tier_too_low"],
    });
  });

  it('"per-customer limits"', () => {
    const once = { ...fiveOff, perCustomerLimit: 1 };
    expect(checkRedemptionEligibility(once, ctx())).toMatchObject({ eligible: true });
    expect(checkRedemptionEligibility(once, ctx({ redemptionsOfReward: 1 }))).toMatchObject({
      reasons: ["per_customer_limit_reached"],
    });
  });

  it('"and an active flag"', () => {
    expect(checkRedemptionEligibility({ ...fiveOff, active: false }, ctx())).toMatchObject({
      reasons: ["reward_inactive"],
    });
  });

  it('"optional minimum order amount"', () => {
    const min50 = { ...fiveOff, minOrderMinor: 5000 };
    expect(checkRedemptionEligibility(min50, ctx({ cartSubtotalMinor: 4999 }))).toMatchObject({
      reasons: ["below_minimum_order"],
    });
    expect(checkRedemptionEligibility(min50, ctx({ cartSubtotalMinor: 5000 }))).toMatchObject({
      eligible: true,
    });
    // From the widget there is no cart yet: the code itself carries the minimum (see below).
    expect(checkRedemptionEligibility(min50, ctx({ cartSubtotalMinor: null }))).toMatchObject({
      eligible: true,
    });
  });

  it("limits a reward to its sales channels", () => {
    expect(
      checkRedemptionEligibility({ ...fiveOff, channels: ["online"] }, ctx({ channel: "pos" })),
    ).toMatchObject({
      reasons: ["channel_not_allowed"],
    });
  });

  it("reports every reason at once", () => {
    expect(
      checkRedemptionEligibility(
        { ...fiveOff, active: false, minTierId: "platinum" },
        ctx({ availablePoints: 0 }),
      ),
    ).toEqual({ eligible: false, reasons: ["reward_inactive", "tier_too_low", "insufficient_points"] });
  });
});

describe("redemption state machine", () => {
  it('"Redemption is a reservation, never a burn": reserved → issued → used', () => {
    expect(transitionRedemption("reserved", "shopify_succeeded")).toEqual({
      state: "issued",
      changed: true,
      returnsPoints: false,
    });
    expect(transitionRedemption("issued", "code_used")).toEqual({
      state: "used",
      changed: true,
      returnsPoints: false,
    });
  });

  it('"on failure the points are returned by a reversal row"', () => {
    expect(transitionRedemption("reserved", "shopify_failed")).toEqual({
      state: "released",
      changed: true,
      returnsPoints: true,
    });
  });

  it('"A code that expires unused is deleted and its points are returned automatically (per-shop setting, default on)"', () => {
    const issued = { state: "issued" as const, codeExpiresAt: new Date("2026-02-01T00:00:00Z") };
    expect(decideUnusedCodeExpiry(issued, new Date("2026-01-31T23:59:59Z"))).toMatchObject({
      reason: "not_expired",
    });
    expect(decideUnusedCodeExpiry(issued, new Date("2026-02-01T00:00:00Z"))).toEqual({
      action: "delete_code_and_release",
    });
    expect(
      decideUnusedCodeExpiry(issued, new Date("2026-02-01T00:00:00Z"), { returnPointsOnExpiry: false }),
    ).toEqual({
      action: "delete_code_only",
    });
    expect(
      decideUnusedCodeExpiry({ ...issued, state: "used" }, new Date("2026-03-01T00:00:00Z")),
    ).toMatchObject({
      reason: "not_issued",
    });
    expect(transitionRedemption("issued", "code_expired")).toMatchObject({
      state: "released",
      returnsPoints: true,
    });
  });

  it("treats a redelivered event as a no-op and any other illegal transition as a typed error", () => {
    expect(transitionRedemption("used", "code_used")).toEqual({
      state: "used",
      changed: false,
      returnsPoints: false,
    });
    expect(transitionRedemption("released", "shopify_failed")).toMatchObject({
      changed: false,
      returnsPoints: false,
    });
    expect(() => transitionRedemption("used", "cancelled")).toThrow(IllegalRedemptionTransitionError);
    expect(() => transitionRedemption("released", "shopify_succeeded")).toThrow(
      IllegalRedemptionTransitionError,
    );
    expect(() => transitionRedemption("reserved", "code_used")).toThrow(IllegalRedemptionTransitionError);
  });

  it("returns a redemption's points at most once, whatever events arrive", () => {
    const events: RedemptionEvent[] = [
      "shopify_succeeded",
      "shopify_failed",
      "code_used",
      "code_expired",
      "cancelled",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...events), { maxLength: 12 }), (sequence) => {
        let state: RedemptionState = "reserved";
        let returned = 0;
        for (const event of sequence) {
          try {
            const t = transitionRedemption(state, event);
            if (t.returnsPoints) returned += 1;
            state = t.state;
          } catch (e) {
            expect(e).toBeInstanceOf(IllegalRedemptionTransitionError);
          }
        }
        expect(returned).toBeLessThanOrEqual(1);
        if (state === "used") expect(returned).toBe(0);
      }),
    );
  });
});

describe("Shopify discount code parameters", () => {
  const issuedAt = new Date("2026-05-10T12:00:00Z");
  const issue = {
    code: "LOYAL-7KQ2M",
    customerGid: "gid://shopify/Customer/42",
    issuedAt,
    shopCurrency: "USD",
  };

  it('"a single-use discount code scoped to that customer … with a customer context and combinesWith"; "code expiry (default 30 days)"', () => {
    const request = buildDiscountCodeRequest({
      ...issue,
      reward: {
        ...fiveOff,
        minOrderMinor: 5000,
        combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true },
      },
    });
    expect(request).toEqual({
      mutation: "discountCodeBasicCreate",
      variables: {
        basicCodeDiscount: {
          title: "LoyalNest: $5 off",
          code: "LOYAL-7KQ2M",
          startsAt: "2026-05-10T12:00:00.000Z",
          endsAt: "2026-06-09T12:00:00.000Z",
          usageLimit: 1,
          appliesOncePerCustomer: true,
          context: { customers: { add: ["gid://shopify/Customer/42"] } },
          combinesWith: { orderDiscounts: false, productDiscounts: true, shippingDiscounts: true },
          minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: "50.00" } },
          customerGets: {
            value: { discountAmount: { amount: "5.00", appliesOnEachItem: false } },
            items: { all: true },
          },
        },
      },
    });
    expect(codeEndsAt({ codeExpiryDays: 7 }, issuedAt)?.toISOString()).toBe("2026-05-17T12:00:00.000Z");
    expect(codeEndsAt({ codeExpiryDays: null }, issuedAt)).toBeNull();
  });

  it("builds each reward type's code", () => {
    const pct = buildDiscountCodeRequest({
      ...issue,
      reward: { ...fiveOff, kind: { type: "percentage", pointsCost: 1, percentBp: 1500 } },
    });
    expect(
      pct.mutation === "discountCodeBasicCreate" && pct.variables.basicCodeDiscount.customerGets.value,
    ).toEqual({ percentage: 0.15 });
    const ship = buildDiscountCodeRequest({
      ...issue,
      reward: { ...fiveOff, kind: { type: "free_shipping", pointsCost: 1, maxShippingMinor: 1000 } },
    });
    expect(ship).toMatchObject({
      mutation: "discountCodeFreeShippingCreate",
      variables: {
        freeShippingCodeDiscount: {
          destination: { all: true },
          maximumShippingPrice: "10.00",
          usageLimit: 1,
        },
      },
    });
    const product = buildDiscountCodeRequest({
      ...issue,
      variantPriceMinor: 2499,
      reward: {
        ...fiveOff,
        kind: { type: "free_product", pointsCost: 1, variantId: "gid://shopify/ProductVariant/7" },
      },
    });
    expect(
      product.mutation === "discountCodeBasicCreate" && product.variables.basicCodeDiscount.customerGets,
    ).toEqual({
      value: { discountAmount: { amount: "24.99", appliesOnEachItem: false } },
      items: { products: { productVariantsToAdd: ["gid://shopify/ProductVariant/7"] } },
    });
    const money = buildDiscountCodeRequest({ ...issue, reward: pfm, pointsSpent: 1200 });
    expect(
      money.mutation === "discountCodeBasicCreate" && money.variables.basicCodeDiscount.customerGets.value,
    ).toEqual({
      discountAmount: { amount: "12.00", appliesOnEachItem: false },
    });
    const credit = {
      ...fiveOff,
      kind: { type: "store_credit" as const, pointsCost: 1000, value: { shopMinor: 1000 } },
    };
    expect(() => buildDiscountCodeRequest({ ...issue, reward: credit })).toThrow(RangeError);
    expect(
      buildStoreCreditRequest(credit, "gid://shopify/Customer/42", { amountMinor: 920, currency: "EUR" }),
    ).toEqual({
      mutation: "storeCreditAccountCredit",
      variables: {
        id: "gid://shopify/Customer/42",
        creditInput: { creditAmount: { amount: "9.20", currencyCode: "EUR" } },
      },
    });
  });
});
