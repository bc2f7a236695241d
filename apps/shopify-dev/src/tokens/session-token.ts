import { randomBytes, randomUUID } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";

/**
 * App Bridge / extension session tokens: HS256 JWTs signed with the app secret.
 * - admin and POS (App Bridge): `iss` https://{shop}/admin, `dest` https://{shop}, `sub` the staff
 *   user id, `sid`, valid 60 s.
 * - checkout and customer-account extensions: `dest` is the bare shop domain, no `iss`, `sub` the
 *   customer gid when logged in, valid 5 minutes — as Shopify documents for those surfaces.
 */
export type SessionTokenKind = "admin" | "checkout" | "customer_account" | "pos";

export interface MintSessionToken {
  shop: string;
  kind: SessionTokenKind;
  sub?: string | undefined;
  /** Overrides for tests (e.g. an already-expired token). */
  ttlSeconds?: number | undefined;
  apiKey: string;
  apiSecret: string;
}

export async function mintSessionToken(input: MintSessionToken): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const appBridge = input.kind === "admin" || input.kind === "pos";
  const ttl = input.ttlSeconds ?? (appBridge ? 60 : 300);
  const claims: Record<string, unknown> = appBridge
    ? {
        iss: `https://${input.shop}/admin`,
        dest: `https://${input.shop}`,
        sub: input.sub ?? "1",
        sid: randomBytes(16).toString("hex"),
      }
    : { dest: input.shop, ...(input.sub ? { sub: input.sub } : {}) };
  return new SignJWT({ ...claims, aud: input.apiKey, jti: randomUUID() })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + ttl)
    .sign(new TextEncoder().encode(input.apiSecret));
}

/** Verifies an admin session token for token exchange: signature, audience, time, and `dest` = the shop. */
export async function verifyAdminSessionToken(
  token: string,
  shop: string,
  apiKey: string,
  apiSecret: string,
): Promise<{ ok: true; sub: string | undefined } | { ok: false; reason: string }> {
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(apiSecret), {
      algorithms: ["HS256"],
      audience: apiKey,
      clockTolerance: 5,
    });
    if (payload.dest !== `https://${shop}`) return { ok: false, reason: "dest does not match the shop" };
    if (payload.iss !== undefined && payload.iss !== `https://${shop}/admin`)
      return { ok: false, reason: "iss does not match the shop" };
    return { ok: true, sub: typeof payload.sub === "string" ? payload.sub : undefined };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : "invalid token" };
  }
}
