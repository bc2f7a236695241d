import type { Credential } from "./credentials";

export interface CallerShop {
  domain: string;
  shopifyCustomerId: string;
}

/** The credential a procedure's real caller presents, by the router it lives in. */
export function credentialFor(path: string, shop: CallerShop): Credential {
  if (path.startsWith("admin.")) return { kind: "admin", shop: shop.domain };
  if (path.startsWith("pos.")) return { kind: "pos", shop: shop.domain };
  return { kind: "proxy", shop: shop.domain, shopifyCustomerId: shop.shopifyCustomerId };
}
