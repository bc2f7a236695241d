import { verifyAppProxy } from "@loyalnest/shopify";
import type { RequestContext } from "../context";
import type { ShopRef } from "../shop-lookup";
import { installedShop, safeShopifyId, unauthorized } from "./refusals";
import type { Visitor } from "./visitor";

/**
 * A storefront request Shopify forwarded through the app proxy: the signature covers every query
 * parameter (tRPC's `input` included), and `logged_in_customer_id` names the shopper.
 */
export async function authenticateProxy(ctx: RequestContext): Promise<{ shop: ShopRef; visitor: Visitor }> {
  const verified = verifyAppProxy({ url: ctx.url, secret: ctx.deps.app.apiSecret, now: ctx.deps.now() });
  if (!verified.ok) unauthorized(`Invalid app proxy signature (${verified.reason}).`);
  const shop = await installedShop(ctx, verified.request.shop);
  const shopifyCustomerId = safeShopifyId(verified.request.loggedInCustomerId);
  const customerId = shopifyCustomerId ? await ctx.deps.shops.customerId(shop.id, shopifyCustomerId) : null;
  return { shop, visitor: { shopifyCustomerId, customerId, via: "proxy" } };
}
