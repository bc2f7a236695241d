import { z } from "zod";
import { isValidShopDomain } from "../shop-domain";
import { CUSTOMER_GID_PREFIX } from "./session-token-caller";

/**
 * Claims after the signature and times have been checked. `exp` is required (a token that never
 * expires is not Shopify's); `iss`, `sub`, `sid` are absent from some extension tokens.
 */
export const sessionTokenClaimsSchema = z.object({
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  dest: z.string().max(300),
  iss: z.string().max(300).optional(),
  sub: z.string().min(1).max(255).optional(),
  exp: z.number(),
  nbf: z.number().optional(),
  iat: z.number().optional(),
  jti: z.string().max(255).optional(),
  sid: z.string().max(255).optional(),
});

export type SessionTokenClaims = z.infer<typeof sessionTokenClaimsSchema>;

const SCHEME = /^https:\/\//;

/**
 * The shop named by `dest`. Admin tokens say `https://{shop}`; checkout extension tokens say the
 * bare `{shop}`; both are accepted, nothing else (no path, port or other scheme).
 */
export function shopFromDestination(dest: string, shopDomainPattern: RegExp): string | null {
  const shop = dest.toLowerCase().replace(SCHEME, "");
  return isValidShopDomain(shop, shopDomainPattern) ? shop : null;
}

/**
 * Whether `iss` names the same shop as `dest`. Shopify issues `https://{shop}/admin`; its own test
 * helper omits the scheme, so that form is accepted too.
 */
export function issuerMatchesShop(iss: string, shop: string): boolean {
  const issuer = iss.toLowerCase().replace(SCHEME, "");
  return issuer === `${shop}/admin` || issuer === shop;
}

export function isAdminIssuer(iss: string): boolean {
  return iss.toLowerCase().endsWith("/admin");
}

/** `gid://shopify/Customer/123` → `123`; null for anything else. */
export function customerIdFromGid(sub: string): string | null {
  if (!sub.startsWith(CUSTOMER_GID_PREFIX)) return null;
  const id = sub.slice(CUSTOMER_GID_PREFIX.length);
  return /^\d{1,20}$/.test(id) ? id : null;
}

/** Staff are identified by a numeric user id, or by a `gid://shopify/StaffMember/…` style GID. */
export function staffUserIdFromSub(sub: string): string | null {
  if (sub.startsWith(CUSTOMER_GID_PREFIX)) return null;
  const gid = /^gid:\/\/shopify\/[A-Za-z]+\/(\d{1,20})$/.exec(sub);
  if (gid?.[1] !== undefined) return gid[1];
  return /^\d{1,20}$/.test(sub) ? sub : null;
}
