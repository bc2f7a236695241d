import { TRPCError } from "@trpc/server";
import type { ShopRef } from "../shop-lookup";
import type { RequestContext } from "../context";

export function unauthorized(message: string): never {
  throw new TRPCError({ code: "UNAUTHORIZED", message });
}

/** The credential is genuine but names a shop that has not installed LoyalNest (or has left). */
export async function installedShop(ctx: RequestContext, domain: string): Promise<ShopRef> {
  const shop = await ctx.deps.shops.byDomain(domain);
  if (!shop) throw new TRPCError({ code: "FORBIDDEN", message: "LoyalNest is not installed on this shop." });
  return shop;
}

/** Shopify customer ids are positive 64-bit integers; anything past 2^53 cannot be one of ours. */
export function safeShopifyId(id: string | null): string | null {
  if (id === null) return null;
  return Number.isSafeInteger(Number(id)) && Number(id) > 0 ? id : null;
}
