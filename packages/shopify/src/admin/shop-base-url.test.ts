import { describe, expect, it } from "vitest";
import { InvalidShopDomainError, shopBaseUrl, shopBaseUrlFromTemplate } from "./shop-base-url";

describe("shopBaseUrl", () => {
  it("defaults to the shop's own https origin", () => {
    expect(shopBaseUrl("demo.myshopify.com", {})).toBe("https://demo.myshopify.com");
  });

  it("points at the stand-in when SHOPIFY_API_BASE_URL says so", () => {
    const env = { SHOPIFY_API_BASE_URL: "http://127.0.0.1:4100/{shop}" };
    expect(shopBaseUrl("demo.myshopify.com", env)).toBe("http://127.0.0.1:4100/demo.myshopify.com");
  });

  it("refuses anything but a myshopify domain, so tokens never go to another host", () => {
    const base = shopBaseUrlFromTemplate("https://{shop}");
    for (const shop of ["evil.com", "demo.myshopify.com.evil.com", "demo.myshopify.com/../x", ""]) {
      expect(() => base(shop)).toThrow(InvalidShopDomainError);
    }
  });

  it("refuses a template without {shop}", () => {
    expect(() => shopBaseUrlFromTemplate("https://example.com")).toThrow();
  });
});
