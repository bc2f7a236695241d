import { readBearerToken, verifySessionToken } from "@loyalnest/shopify";
import type { RequestContext } from "../context";
import type { ShopRef } from "../shop-lookup";
import type { StaffActor } from "./admin-session";
import { installedShop, unauthorized } from "./refusals";

/**
 * A POS UI extension's session token: same shape as the admin's (staff `sub`, admin issuer).
 * POS never installs a shop; the shop must already have LoyalNest.
 */
export async function authenticatePos(ctx: RequestContext): Promise<{ shop: ShopRef; staff: StaffActor }> {
  const token = readBearerToken(ctx.headers.get("authorization"));
  if (!token) unauthorized("Missing POS session token.");
  const { app, now } = ctx.deps;
  const verified = await verifySessionToken({
    token,
    caller: "pos",
    apiKey: app.apiKey,
    secret: app.apiSecret,
    now: now(),
  });
  if (!verified.ok) unauthorized(`Invalid POS session token (${verified.reason}).`);
  return {
    shop: await installedShop(ctx, verified.session.shop),
    staff: { userId: verified.session.staffUserId },
  };
}
