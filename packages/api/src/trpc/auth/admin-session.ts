import { readBearerToken, verifySessionToken } from "@loyalnest/shopify";
import type { RequestContext } from "../context";
import type { ShopRef } from "../shop-lookup";
import { ensureInstalledShop } from "./install-shop";
import { unauthorized } from "./refusals";

export interface StaffActor {
  /** Shopify staff user id from the token's `sub`; audit rows record it. */
  userId: string | null;
}

/**
 * App Bridge session token → shop → offline token. The first request from a shop that has no
 * offline token (a fresh install, or a reinstall) runs token exchange and records the shop.
 */
export async function authenticateAdmin(ctx: RequestContext): Promise<{ shop: ShopRef; staff: StaffActor }> {
  const token = readBearerToken(ctx.headers.get("authorization"));
  if (!token) unauthorized("Missing session token: open LoyalNest from the Shopify admin.");
  const { app, now } = ctx.deps;
  const verified = await verifySessionToken({
    token,
    caller: "admin",
    apiKey: app.apiKey,
    secret: app.apiSecret,
    now: now(),
  });
  if (!verified.ok) unauthorized(`Invalid session token (${verified.reason}).`);
  const shop = await ensureInstalledShop(ctx.deps, verified.session.shop, token);
  return { shop, staff: { userId: verified.session.staffUserId } };
}
