import { describe, expect, it } from "vitest";
import type { BasisSettings } from "./basis";
import { computePurchaseBasis, DEFAULT_BASIS_SETTINGS } from "./basis";
import type { EarningOrder, OrderLineItem } from "./order";

const line = (over: Partial<OrderLineItem> & { id: string }): OrderLineItem => ({
  quantity: 1,
  grossMinor: 0,
  discountMinor: 0,
  taxMinor: 0,
  giftCard: false,
  productTags: [],
  collectionIds: [],
  ...over,
});

/** Shirt 30.00 − 3.00 discount, gift card 50.00, shipping 5.00 (tax 1.00), tax 2.70 on the shirt, tip 4.00. */
const order: EarningOrder = {
  id: "1001",
  customerId: "c1",
  currency: "USD",
  channel: "online",
  placedAt: new Date("2026-03-01T12:00:00Z"),
  taxesIncluded: false,
  lineItems: [
    line({ id: "shirt", quantity: 2, grossMinor: 3000, discountMinor: 300, taxMinor: 270 }),
    line({ id: "gift", grossMinor: 5000, giftCard: true }),
  ],
  shipping: { grossMinor: 500, discountMinor: 0, taxMinor: 100 },
  tipMinor: 400,
};

const settings = (over: Partial<BasisSettings>): BasisSettings => ({ ...DEFAULT_BASIS_SETTINGS, ...over });

describe("purchase basis", () => {
  it('"The purchase basis is the subtotal after discounts, excluding shipping, taxes, tips and gift-card line items"', () => {
    const basis = computePurchaseBasis(order);
    expect(basis.basisMinor).toBe(2700);
    expect(basis.currency).toBe("USD");
    expect(basis.lines.find((l) => l.lineItemId === "gift")).toMatchObject({
      basisMinor: 0,
      excludedBy: "gift_card",
    });
  });

  it('"(each inclusion is a per-shop setting)"', () => {
    expect(computePurchaseBasis(order, settings({ includeShipping: true })).basisMinor).toBe(2700 + 500);
    expect(computePurchaseBasis(order, settings({ includeTaxes: true })).basisMinor).toBe(2700 + 270);
    expect(
      computePurchaseBasis(order, settings({ includeTaxes: true, includeShipping: true })).basisMinor,
    ).toBe(2700 + 270 + 500 + 100);
    expect(computePurchaseBasis(order, settings({ includeTips: true })).basisMinor).toBe(2700 + 400);
    expect(computePurchaseBasis(order, settings({ includeGiftCards: true })).basisMinor).toBe(2700 + 5000);
    expect(computePurchaseBasis(order, settings({ deductDiscounts: false })).basisMinor).toBe(3000);
  });

  it("removes tax from tax-inclusive prices unless the shop counts taxes", () => {
    const eu: EarningOrder = {
      ...order,
      taxesIncluded: true,
      lineItems: [line({ id: "shirt", grossMinor: 2400, discountMinor: 0, taxMinor: 400 })],
    };
    expect(computePurchaseBasis(eu).basisMinor).toBe(2000);
    expect(computePurchaseBasis(eu, settings({ includeTaxes: true })).basisMinor).toBe(2400);
  });

  it("never lets a line's discount make the basis negative", () => {
    const odd: EarningOrder = {
      ...order,
      lineItems: [line({ id: "x", grossMinor: 100, discountMinor: 500 })],
    };
    expect(computePurchaseBasis(odd).basisMinor).toBe(0);
  });

  it('"excluded product tags/collections" take the line out of the basis, not the order', () => {
    const mixed: EarningOrder = {
      ...order,
      lineItems: [
        line({ id: "shirt", grossMinor: 3000, productTags: ["Apparel"] }),
        line({ id: "sub", grossMinor: 1000, productTags: ["Subscription "] }),
        line({ id: "sale", grossMinor: 2000, collectionIds: ["gid://shopify/Collection/9"] }),
      ],
    };
    const basis = computePurchaseBasis(mixed, DEFAULT_BASIS_SETTINGS, {
      productTags: ["subscription"],
      collectionIds: ["gid://shopify/Collection/9"],
    });
    expect(basis.basisMinor).toBe(3000);
    expect(basis.lines.map((l) => l.excludedBy)).toEqual([
      null,
      "excluded_product_tag",
      "excluded_collection",
    ]);
  });
});
