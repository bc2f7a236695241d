import { schema } from "@loyalnest/db";
import { shopBaseUrlFromTemplate } from "@loyalnest/shopify";
import { startShopifyStandIn, type ShopifyStandIn } from "@loyalnest/shopify-dev";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../testing";
import { DEV_SHOPIFY_APP } from "../../shopify-app-config";

/**
 * Shopify's managed install: the first admin request carries only a session token. The API must
 * exchange it for an offline token, read the shop's identity, and record the shop — against the
 * stand-in over HTTP, as against Shopify.
 */
let standIn: ShopifyStandIn;
let api: ApiHarness;

beforeAll(async () => {
  standIn = await startShopifyStandIn({
    port: 0,
    apiKey: DEV_SHOPIFY_APP.apiKey,
    apiSecret: DEV_SHOPIFY_APP.apiSecret,
  });
  api = await createApiHarness("install_shop", {
    deps: { shopifyBaseUrl: shopBaseUrlFromTemplate(`${standIn.url}/{shop}`) },
  });
});
afterAll(async () => {
  await api?.close();
  await standIn?.close();
});

async function createStandInShop(domain: string) {
  const response = await fetch(`${standIn.url}/_dev/shops`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      domain,
      name: "Maple & Co",
      currencyCode: "CAD",
      ianaTimezone: "America/Toronto",
    }),
  });
  expect(response.ok).toBe(true);
}

describe("first admin request from a new shop", () => {
  it("exchanges the session token, records the shop with its identity and default settings, and answers", async () => {
    const domain = "maple-and-co.myshopify.com";
    await createStandInShop(domain);

    const result = await api.call({
      path: "shopper.profile",
      type: "query",
      credential: { kind: "admin", shop: domain },
    });
    // Only the admin installs: an admin token offered to a shopper procedure is refused, and records nothing.
    expect(result.status).toBe(401);
    const before = await api.test.db.select().from(schema.shops).where(eq(schema.shops.domain, domain));
    expect(before).toEqual([]);

    const installed = await api.call({
      path: "admin.settings.get",
      type: "query",
      credential: { kind: "admin", shop: domain },
    });
    expect(installed.status, JSON.stringify(installed.body)).toBe(200);
    const [shop] = await api.test.db.select().from(schema.shops).where(eq(schema.shops.domain, domain));
    expect(shop).toMatchObject({
      name: "Maple & Co",
      currency: "CAD",
      timezone: "America/Toronto",
      status: "active",
    });
    const settings = await api.test.db
      .select()
      .from(schema.shopSettings)
      .where(eq(schema.shopSettings.shopId, shop!.id));
    expect(settings).toHaveLength(1);
    const token = await api.deps.tokenStore.load(domain);
    expect(token?.accessToken).toMatch(/.+/);
  });

  it("refuses a shop that Shopify does not know (token exchange fails) and records nothing active", async () => {
    const domain = "nobody-here.myshopify.com";
    const result = await api.call({
      path: "admin.settings.get",
      type: "query",
      credential: { kind: "admin", shop: domain },
    });
    expect(result.status).toBeGreaterThanOrEqual(400);
    expect(result.status).toBeLessThan(600);
    const rows = await api.test.db.select().from(schema.shops).where(eq(schema.shops.domain, domain));
    expect(rows.every((row) => row.status !== "active")).toBe(true);
  });
});
