import { describe, expect, it } from "vitest";
import { isValidShopDomain, normalizeShopDomain } from "./shop-domain";

describe("isValidShopDomain", () => {
  it.each(["demo-shop.myshopify.com", "a.myshopify.com", "shop123.myshopify.com"])("accepts %s", (domain) => {
    expect(isValidShopDomain(domain)).toBe(true);
  });

  it.each([
    "",
    "Demo.myshopify.com",
    "-shop.myshopify.com",
    "shop.myshopify.com.evil.com",
    "evil.com/shop.myshopify.com",
    "shop.myshopify.com/",
    "https://shop.myshopify.com",
    "shop.myshopify.com:443",
    "sub.shop.myshopify.com",
    "shop_name.myshopify.com",
    "shop.example.com",
    `${"a".repeat(250)}.myshopify.com`,
  ])("refuses %s", (domain) => {
    expect(isValidShopDomain(domain)).toBe(false);
  });

  it("accepts another pattern when one is configured", () => {
    expect(isValidShopDomain("shop.shop.dev", /^[a-z0-9-]+\.shop\.dev$/)).toBe(true);
  });
});

describe("normalizeShopDomain", () => {
  it.each([
    ["demo-shop.myshopify.com", "demo-shop.myshopify.com"],
    ["  HTTPS://Demo-Shop.MyShopify.com/  ", "demo-shop.myshopify.com"],
    ["http://demo-shop.myshopify.com", "demo-shop.myshopify.com"],
    ["admin.shopify.com/store/demo-shop", "demo-shop.myshopify.com"],
    ["https://admin.shopify.com/store/demo-shop/", "demo-shop.myshopify.com"],
  ])("turns %s into %s", (input, expected) => {
    expect(normalizeShopDomain(input)).toBe(expected);
  });

  it.each([
    "demo-shop",
    "demo-shop.myshopify.com/admin",
    "evil.com",
    "javascript:alert(1)",
    "x".repeat(1000),
  ])("refuses %s", (input) => {
    expect(normalizeShopDomain(input)).toBeNull();
  });
});
