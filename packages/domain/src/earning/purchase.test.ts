import { describe, expect, it } from "vitest";
import { BP_ONE } from "../money";
import { DEFAULT_EARNING_RULE } from "./eligibility";
import { decideGuestOrderClaim } from "./guest-orders";
import type { EarningOrder } from "./order";
import type { PurchaseEarnInput } from "./purchase";
import { decidePurchaseEarn, DEFAULT_PURCHASE_EARNING_SETTINGS } from "./purchase";

const order: EarningOrder = {
  id: "5001",
  customerId: "c1",
  currency: "USD",
  channel: "online",
  placedAt: new Date("2026-11-27T15:00:00Z"),
  taxesIncluded: false,
  lineItems: [
    {
      id: "l1",
      quantity: 1,
      grossMinor: 4000,
      discountMinor: 667,
      taxMinor: 250,
      giftCard: false,
      productTags: ["candle"],
      collectionIds: ["home"],
    },
  ],
  shipping: { grossMinor: 500, discountMinor: 0, taxMinor: 0 },
  tipMinor: 0,
};

const input = (over: Partial<PurchaseEarnInput> = {}): PurchaseEarnInput => ({
  order,
  customerTags: [],
  settings: DEFAULT_PURCHASE_EARNING_SETTINGS,
  tierMultiplierBp: BP_ONE,
  campaignMultipliers: [],
  fixedBonuses: [],
  ...over,
});
const withRule = (rule: Partial<typeof DEFAULT_EARNING_RULE>) =>
  input({ settings: { ...DEFAULT_PURCHASE_EARNING_SETTINGS, rule: { ...DEFAULT_EARNING_RULE, ...rule } } });

describe("purchase earning", () => {
  it('"Worked example: subtotal 33.33 after discounts, shipping and tax excluded, Gold ×1.5, campaign ×2, rate 10: floor(33.33 × 10 × 1.5 × 2) = floor(999.9) = 999 points."', () => {
    const decision = decidePurchaseEarn(
      input({
        tierMultiplierBp: 15_000,
        campaignMultipliers: [{ campaignId: "double", campaignVersion: 2, multiplierBp: 20_000 }],
      }),
    );
    expect(decision).toMatchObject({
      outcome: "award",
      points: 999,
      idempotencyKey: "order:5001:earn",
      ruleVersion: 1,
    });
    if (decision.outcome === "award") expect(decision.basis.basisMinor).toBe(3333);
  });

  it('"10 points per 1 unit of shop currency"', () => {
    expect(decidePurchaseEarn(input())).toMatchObject({ outcome: "award", points: 333 });
  });

  it('"POS orders earn the same"', () => {
    const online = decidePurchaseEarn(input());
    const pos = decidePurchaseEarn(input({ order: { ...order, channel: "pos" } }));
    expect(pos.outcome === "award" && online.outcome === "award" && pos.points === online.points).toBe(true);
  });

  it('"Replaying any input must be a no-op": the same order always yields the same idempotency key', () => {
    const a = decidePurchaseEarn(input());
    const b = decidePurchaseEarn(input());
    expect(a).toEqual(b);
    expect(a.outcome === "award" && a.idempotencyKey).toBe("order:5001:earn");
  });

  it('"A guest order earns nothing at once"', () => {
    expect(decidePurchaseEarn(input({ order: { ...order, customerId: null } }))).toEqual({
      outcome: "no_award",
      reason: "guest_order",
    });
  });

  it('"Eligibility filters per rule: minimum order amount"', () => {
    expect(decidePurchaseEarn(withRule({ minOrderMinor: 3334 }))).toMatchObject({
      reason: "below_minimum_order",
    });
    expect(decidePurchaseEarn(withRule({ minOrderMinor: 3333 }))).toMatchObject({ outcome: "award" });
  });

  it('"excluded product tags/collections"', () => {
    expect(decidePurchaseEarn(withRule({ productTags: ["CANDLE"] }))).toMatchObject({
      reason: "zero_points",
    });
    expect(decidePurchaseEarn(withRule({ collectionIds: ["home"] }))).toMatchObject({
      reason: "zero_points",
    });
  });

  it('"excluded customer tags"', () => {
    const rule = { ...DEFAULT_EARNING_RULE, excludedCustomerTags: ["wholesale"] };
    const decision = decidePurchaseEarn({
      ...input({ customerTags: ["VIP", "Wholesale"] }),
      settings: { ...DEFAULT_PURCHASE_EARNING_SETTINGS, rule },
    });
    expect(decision).toEqual({ outcome: "no_award", reason: "customer_tag_excluded" });
  });

  it('"sales channels (online, POS)"', () => {
    const onlineOnly = withRule({ channels: ["online"] });
    expect(decidePurchaseEarn({ ...onlineOnly, order: { ...order, channel: "pos" } })).toMatchObject({
      reason: "channel_not_eligible",
    });
    expect(decidePurchaseEarn(onlineOnly)).toMatchObject({ outcome: "award" });
  });
});

describe("guest orders", () => {
  const claim = {
    orderId: "5001",
    points: 333,
    orderPlacedAt: new Date("2026-03-01T10:00:00Z"),
    accountCreatedAt: new Date("2026-03-31T09:59:59Z"),
    emailVerified: true,
  };

  it('"when a customer account with the same verified e-mail appears within 30 days, the order\'s points are credited (idempotently, as a normal earn)"', () => {
    expect(decideGuestOrderClaim(claim)).toEqual({
      outcome: "award",
      points: 333,
      idempotencyKey: "order:5001:earn",
    });
    expect(decideGuestOrderClaim({ ...claim, emailVerified: false })).toMatchObject({
      reason: "email_not_verified",
    });
    expect(
      decideGuestOrderClaim({ ...claim, accountCreatedAt: new Date("2026-03-31T10:00:01Z") }),
    ).toMatchObject({
      reason: "claim_window_passed",
    });
  });
});
