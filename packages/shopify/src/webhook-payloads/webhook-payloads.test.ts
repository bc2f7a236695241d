import { describe, expect, it } from "vitest";
import {
  currencyMinorExponent,
  moneySetSchema,
  orderPayloadSchema,
  parseMoneyMinor,
  refundPayloadSchema,
  WEBHOOK_PAYLOAD_SCHEMAS,
} from "./index";

const set = (amount: string, currency = "USD") => ({
  shop_money: { amount, currency_code: currency },
  presentment_money: { amount: "999.99", currency_code: "EUR" },
});

const minimalOrder = {
  id: 450789469,
  created_at: "2026-11-27T10:00:00-05:00",
  subtotal_price_set: set("38.00"),
  total_price_set: set("43.00"),
  line_items: [
    {
      id: 1,
      quantity: 2,
      price_set: set("24.00"),
      discount_allocations: [{ amount_set: set("10.00") }],
    },
  ],
};

describe("money", () => {
  it("parses decimal strings exactly into minor units, by the currency's exponent", () => {
    expect(parseMoneyMinor("24.50", "USD")).toBe(2450);
    expect(parseMoneyMinor("0.1", "USD")).toBe(10);
    expect(parseMoneyMinor("1500", "JPY")).toBe(1500);
    expect(parseMoneyMinor("1500.0", "JPY")).toBe(1500);
    expect(parseMoneyMinor("1.234", "KWD")).toBe(1234);
    expect(parseMoneyMinor("-5.00", "USD")).toBe(-500);
    expect(parseMoneyMinor("-0.00", "USD")).toBe(0);
    // 0.1 + 0.2 style float trouble never happens: digits are concatenated, not multiplied.
    expect(parseMoneyMinor("1234567.89", "USD")).toBe(123456789);
    expect(parseMoneyMinor(19.99, "USD")).toBe(1999);
  });

  it("refuses amounts that are not exact amounts of the currency", () => {
    expect(() => parseMoneyMinor("24.505", "USD")).toThrow(/more decimals/);
    expect(() => parseMoneyMinor("1500.5", "JPY")).toThrow(/more decimals/);
    expect(() => parseMoneyMinor("1e3", "USD")).toThrow(/not a decimal/);
    expect(() => parseMoneyMinor("", "USD")).toThrow();
    expect(() => parseMoneyMinor("99999999999999999999", "USD")).toThrow(/too large/);
  });

  it("knows ISO 4217 exponents", () => {
    expect([
      currencyMinorExponent("usd"),
      currencyMinorExponent("JPY"),
      currencyMinorExponent("KWD"),
    ]).toEqual([2, 0, 3]);
  });

  it("reads only shop_money from a *_set", () => {
    expect(moneySetSchema.parse(set("12.30", "GBP"))).toEqual({ amountMinor: 1230, currency: "GBP" });
    expect(
      moneySetSchema.safeParse({ presentment_money: { amount: "1.00", currency_code: "USD" } }).success,
    ).toBe(false);
    expect(moneySetSchema.safeParse(set("12.345")).success).toBe(false);
  });
});

describe("payload schemas", () => {
  it("accept Shopify's extra fields and fill defaults for optional ones", () => {
    const order = orderPayloadSchema.parse({ ...minimalOrder, brand_new_field: { x: 1 }, tags: "a, b" });
    expect(order.line_items[0]).toMatchObject({ gift_card: false, tax_lines: [] });
    expect(order.line_items[0]?.price_set.amountMinor).toBe(2400);
    expect(order).toMatchObject({ customer: null, discount_codes: [], refunds: [], taxes_included: false });
    expect(order.created_at.toISOString()).toBe("2026-11-27T15:00:00.000Z");
    expect("brand_new_field" in order).toBe(false);
  });

  it("are strict about what LoyalNest reads", () => {
    expect(orderPayloadSchema.safeParse({ ...minimalOrder, id: "450789469" }).success).toBe(false);
    expect(orderPayloadSchema.safeParse({ ...minimalOrder, created_at: "yesterday" }).success).toBe(false);
    expect(
      orderPayloadSchema.safeParse({ ...minimalOrder, line_items: [{ id: 1, quantity: 1 }] }).success,
    ).toBe(false);
    expect(orderPayloadSchema.safeParse({ ...minimalOrder, total_price_set: undefined }).success).toBe(false);
  });

  it("read a refund's lines and shipping in shop money", () => {
    const refund = refundPayloadSchema.parse({
      id: 9,
      order_id: 450789469,
      created_at: "2026-11-28T10:00:00Z",
      refund_line_items: [
        {
          line_item_id: 1,
          quantity: 1,
          subtotal: 19,
          subtotal_set: set("19.00"),
          line_item: minimalOrder.line_items[0],
        },
      ],
      order_adjustments: [{ kind: "shipping_refund", amount_set: set("-4.99") }],
      transactions: [{ kind: "refund", amount: "23.99" }],
    });
    expect(refund.refund_line_items[0]?.subtotal_set.amountMinor).toBe(1900);
    expect(refund.order_adjustments[0]?.amount_set.amountMinor).toBe(-499);
  });

  it("cover every topic LoyalNest subscribes to", () => {
    expect(Object.keys(WEBHOOK_PAYLOAD_SCHEMAS).sort()).toEqual(
      [
        "app/uninstalled",
        "app_subscriptions/update",
        "customers/create",
        "customers/data_request",
        "customers/delete",
        "customers/redact",
        "customers/update",
        "orders/cancelled",
        "orders/paid",
        "orders/updated",
        "refunds/create",
        "shop/redact",
      ].sort(),
    );
    const sub = WEBHOOK_PAYLOAD_SCHEMAS["app_subscriptions/update"].parse({
      app_subscription: {
        admin_graphql_api_id: "gid://shopify/AppSubscription/77",
        name: "Pro",
        status: "active",
      },
    });
    expect(sub.app_subscription).toMatchObject({ admin_graphql_api_id: 77, status: "ACTIVE" });
    const customer = WEBHOOK_PAYLOAD_SCHEMAS["customers/create"].parse({
      id: 5,
      tags: " vip ,, wholesale",
      email: "",
    });
    expect(customer).toMatchObject({ tags: ["vip", "wholesale"], email: null, verified_email: false });
  });
});
