import { readBearerToken, verifySessionToken } from "@loyalnest/shopify";
import type { RequestContext } from "../context";
import type { ShopRef } from "../shop-lookup";
import { installedShop, safeShopifyId, unauthorized } from "./refusals";
import type { Visitor } from "./visitor";

/** Which extension surface sent the token; both are verified alike (customer GID in `sub`). */
export const SURFACE_HEADER = "x-loyalnest-surface";

/** A checkout, thank-you or customer-account extension's session token. */
export async function authenticateExtension(
  ctx: RequestContext,
): Promise<{ shop: ShopRef; visitor: Visitor }> {
  const token = readBearerToken(ctx.headers.get("authorization"));
  if (!token) unauthorized("Missing extension session token.");
  const caller = ctx.headers.get(SURFACE_HEADER) === "checkout" ? "checkout" : "customer-account";
  const { app, now } = ctx.deps;
  const verified = await verifySessionToken({
    token,
    caller,
    apiKey: app.apiKey,
    secret: app.apiSecret,
    now: now(),
  });
  if (!verified.ok) unauthorized(`Invalid extension session token (${verified.reason}).`);
  const shop = await installedShop(ctx, verified.session.shop);
  const shopifyCustomerId = safeShopifyId(verified.session.customerId);
  const customerId = shopifyCustomerId ? await ctx.deps.shops.customerId(shop.id, shopifyCustomerId) : null;
  return { shop, visitor: { shopifyCustomerId, customerId, via: caller } };
}
