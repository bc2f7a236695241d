import { createTestKeyring } from "@loyalnest/db/testing";
import { orderPayloadSchema } from "@loyalnest/shopify";
import { describe, expect, it } from "vitest";
import { addressHash, referralCodeOf, toPaidOrder } from "./order-mapping";

const set = (amount: string, currency = "JPY") => ({
  shop_money: { amount, currency_code: currency },
  presentment_money: { amount: "1.00", currency_code: "USD" },
});

const order = orderPayloadSchema.parse({
  id: 77,
  name: "#1077",
  created_at: "2026-05-01T09:00:00Z",
  processed_at: "2026-05-01T09:05:00Z",
  presentment_currency: "USD",
  source_name: "pos",
  landing_site: "/products/mug?utm_source=x&ref=ABC2345",
  discount_codes: [{ code: "LN-REWARD" }],
  subtotal_price_set: set("2700"),
  total_discounts_set: set("300"),
  total_price_set: set("3200"),
  total_shipping_price_set: set("500"),
  total_tip_received: "1.00",
  line_items: [
    {
      id: 1,
      quantity: 3,
      price_set: set("1000"),
      discount_allocations: [{ amount_set: set("300") }],
      product_tags: "sale, mugs",
    },
    { id: 2, quantity: 1, price_set: set("500"), gift_card: true },
  ],
  shipping_lines: [{ price_set: set("500"), discounted_price_set: set("400") }],
  shipping_address: { address1: " 1 Nest  Lane ", city: "Osaka", country_code: "jp" },
});

describe("order payload → PaidOrder", () => {
  it("maps shop-currency amounts, POS channel, codes, the ?ref= code and the paid instant", () => {
    const paid = toPaidOrder(order, { customerId: 5, guestEmailHash: "h", shippingAddressHash: null });
    expect(paid.earning).toMatchObject({ currency: "JPY", channel: "pos", tipMinor: 0 });
    expect(paid.earning.lineItems[0]).toMatchObject({
      grossMinor: 3000,
      discountMinor: 300,
      productTags: ["sale", "mugs"],
    });
    expect(paid.earning.shipping).toEqual({ grossMinor: 500, discountMinor: 100, taxMinor: 0 });
    expect(paid.totals).toMatchObject({
      subtotalMinor: 2700,
      totalMinor: 3200,
      giftCardMinor: 500,
      shippingMinor: 500,
    });
    expect(paid).toMatchObject({
      discountCodes: ["LN-REWARD"],
      referralCode: "ABC2345",
      countryCode: "JP",
      guestEmailHash: null,
      presentmentCurrency: "USD",
    });
    expect(paid.paidAt.toISOString()).toBe("2026-05-01T09:05:00.000Z");
  });

  it("reads ?ref= from relative and absolute landing sites, and hashes addresses insensitively to spacing and case", () => {
    expect(referralCodeOf("https://shop.example/?ref=XY7")).toBe("XY7");
    expect(referralCodeOf("/collections/all")).toBeNull();
    expect(referralCodeOf(null)).toBeNull();
    const keyring = createTestKeyring();
    const a = addressHash(keyring, {
      address1: "1 Nest Lane",
      address2: null,
      city: "osaka",
      zip: null,
      province_code: null,
      country_code: "JP",
    });
    const b = addressHash(keyring, order.shipping_address);
    expect(a).toBe(b);
    expect(addressHash(keyring, null)).toBeNull();
  });
});
