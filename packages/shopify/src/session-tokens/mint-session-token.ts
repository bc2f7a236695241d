import { randomBytes, randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { isValidShopDomain } from "../shop-domain";
import type { SessionTokenCaller } from "./session-token-caller";
import { defaultTokenLifetimeSeconds, isStaffCaller } from "./session-token-caller";

export interface MintSessionTokenInput {
  caller: SessionTokenCaller;
  shop: string;
  apiKey: string;
  secret: string;
  now: Date;
  /** Staff user id (admin, POS) or `gid://shopify/Customer/…` (extensions); omit for an anonymous buyer. */
  sub?: string;
  ttlSeconds?: number;
  sessionId?: string;
  tokenId?: string;
}

/**
 * Mints a session token shaped as Shopify mints it, for the local stand-in and tests: App Bridge
 * tokens (admin, POS) carry `iss: https://{shop}/admin`, `dest: https://{shop}` and a `sid`;
 * checkout and customer-account tokens carry the bare shop in `dest`, no `iss`, and `sub` only
 * for a logged-in buyer.
 */
export async function mintSessionToken(input: MintSessionTokenInput): Promise<string> {
  if (!isValidShopDomain(input.shop)) throw new TypeError(`not a shop domain: ${input.shop}`);
  const issuedAt = Math.floor(input.now.getTime() / 1000);
  const ttl = input.ttlSeconds ?? defaultTokenLifetimeSeconds(input.caller);
  return new SignJWT({ ...shapeClaims(input), ...(input.sub === undefined ? {} : { sub: input.sub }) })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setAudience(input.apiKey)
    .setIssuedAt(issuedAt)
    .setNotBefore(issuedAt)
    .setExpirationTime(issuedAt + ttl)
    .setJti(input.tokenId ?? randomUUID())
    .sign(new TextEncoder().encode(input.secret));
}

function shapeClaims(input: MintSessionTokenInput): Record<string, string> {
  if (!isStaffCaller(input.caller)) return { dest: input.shop };
  return {
    iss: `https://${input.shop}/admin`,
    dest: `https://${input.shop}`,
    sid: input.sessionId ?? randomBytes(16).toString("hex"),
  };
}
