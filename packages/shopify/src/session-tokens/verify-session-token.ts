import { errors, jwtVerify } from "jose";
import type { JWTPayload } from "jose";
import { SHOP_DOMAIN_PATTERN } from "../shop-domain";
import type { SessionTokenCaller } from "./session-token-caller";
import { isStaffCaller } from "./session-token-caller";
import type { SessionTokenClaims } from "./session-token-claims";
import {
  customerIdFromGid,
  isAdminIssuer,
  issuerMatchesShop,
  sessionTokenClaimsSchema,
  shopFromDestination,
  staffUserIdFromSub,
} from "./session-token-claims";

/**
 * Tolerance for clock drift between Shopify and us, applied to `exp` and `nbf`. 10 s is what
 * `@shopify/shopify-api`'s `decodeSessionToken` allows, so both accept and refuse the same tokens.
 */
export const SESSION_TOKEN_CLOCK_SKEW_SECONDS = 10;

// Real tokens are a few hundred bytes; refuse huge input before doing any crypto on it.
const MAX_TOKEN_LENGTH = 8192;
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export interface VerifySessionTokenInput {
  token: string;
  /** Which caller the route serves; the token must have that caller's shape. */
  caller: SessionTokenCaller;
  /** The app's API key (client id): the token's `aud`. */
  apiKey: string;
  /** The app's client secret: the HS256 key. */
  secret: string;
  now: Date;
  clockSkewSeconds?: number;
  /** Which shop domains to accept; defaults to `*.myshopify.com`. */
  shopDomainPattern?: RegExp;
}

export interface VerifiedSessionToken {
  kind: SessionTokenCaller;
  shop: string;
  /** The raw `sub`: a staff user id (admin, POS) or a customer GID (extensions); null if absent. */
  sub: string | null;
  /** Admin and POS: the staff member's numeric user id. */
  staffUserId: string | null;
  /** Checkout and customer accounts: the logged-in customer's numeric id; null when anonymous. */
  customerId: string | null;
  sessionId: string | null;
  tokenId: string | null;
  expiresAt: Date;
}

export type SessionTokenRefusalReason =
  | "malformed"
  | "algorithm_not_allowed"
  | "invalid_signature"
  | "expired"
  | "not_yet_valid"
  | "wrong_audience"
  | "invalid_claims"
  | "invalid_destination"
  | "missing_issuer"
  | "issuer_mismatch"
  | "invalid_subject";

export type SessionTokenVerification =
  | { ok: true; session: VerifiedSessionToken }
  | { ok: false; reason: SessionTokenRefusalReason; message: string };

/** Verifies an App Bridge or extension session token. Never throws on token input. */
export async function verifySessionToken(input: VerifySessionTokenInput): Promise<SessionTokenVerification> {
  const { token, secret } = input;
  if (typeof secret !== "string" || secret.length === 0) {
    // A deployment mistake, not bad input: fail loudly rather than refuse every request.
    throw new TypeError("the app secret is required to verify session tokens");
  }
  if (typeof token !== "string" || token.length > MAX_TOKEN_LENGTH || !JWT_SHAPE.test(token)) {
    return refuse("malformed", "not a compact JWT");
  }
  const verified = await verifySignatureAndTimes(input);
  if (!verified.ok) return verified;
  if (verified.payload.aud !== input.apiKey) {
    return refuse("wrong_audience", "aud is not this app's API key");
  }
  const claims = sessionTokenClaimsSchema.safeParse(verified.payload);
  if (!claims.success) {
    const issue = claims.error.issues[0];
    return refuse(
      "invalid_claims",
      `claim ${String(issue?.path[0] ?? "")} ${issue?.message ?? "is invalid"}`,
    );
  }
  return checkCallerClaims(claims.data, input);
}

type SignatureCheck = { ok: true; payload: JWTPayload } | Extract<SessionTokenVerification, { ok: false }>;

async function verifySignatureAndTimes(input: VerifySessionTokenInput): Promise<SignatureCheck> {
  try {
    const { payload } = await jwtVerify(input.token, new TextEncoder().encode(input.secret), {
      algorithms: ["HS256"],
      clockTolerance: input.clockSkewSeconds ?? SESSION_TOKEN_CLOCK_SKEW_SECONDS,
      currentDate: input.now,
      requiredClaims: ["exp"],
    });
    return { ok: true, payload };
  } catch (error) {
    return refusalForJoseError(error);
  }
}

function refusalForJoseError(error: unknown): Extract<SessionTokenVerification, { ok: false }> {
  if (error instanceof errors.JWTExpired) return refuse("expired", "the token has expired");
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.claim === "nbf"
      ? refuse("not_yet_valid", "the token is not valid yet (nbf)")
      : refuse("invalid_claims", `claim ${error.claim}: ${error.reason}`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return refuse("algorithm_not_allowed", "only HS256 tokens are accepted");
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return refuse("invalid_signature", "the signature does not match");
  }
  return refuse("malformed", "the token cannot be decoded");
}

function checkCallerClaims(
  claims: SessionTokenClaims,
  input: VerifySessionTokenInput,
): SessionTokenVerification {
  const shop = shopFromDestination(claims.dest, input.shopDomainPattern ?? SHOP_DOMAIN_PATTERN);
  if (shop === null) return refuse("invalid_destination", "dest is not a shop domain");
  if (claims.iss !== undefined && !issuerMatchesShop(claims.iss, shop)) {
    return refuse("issuer_mismatch", "iss and dest name different shops");
  }
  const base = {
    kind: input.caller,
    shop,
    sub: claims.sub ?? null,
    sessionId: claims.sid ?? null,
    tokenId: claims.jti ?? null,
    expiresAt: new Date(claims.exp * 1000),
  };
  return isStaffCaller(input.caller) ? staffSession(claims, base) : customerSession(claims, base);
}

type SessionBase = Omit<VerifiedSessionToken, "staffUserId" | "customerId">;

// Staff tokens always carry the shop's admin as issuer; checkout tokens never do. Requiring it keeps
// an (anonymous) checkout token from opening a merchant's admin.
function staffSession(claims: SessionTokenClaims, base: SessionBase): SessionTokenVerification {
  if (claims.iss === undefined || !isAdminIssuer(claims.iss)) {
    return refuse("missing_issuer", "a staff token must be issued by the shop's admin");
  }
  const staffUserId = claims.sub === undefined ? null : staffUserIdFromSub(claims.sub);
  if (claims.sub !== undefined && staffUserId === null) {
    return refuse("invalid_subject", "sub is not a staff user id");
  }
  return { ok: true, session: { ...base, staffUserId, customerId: null } };
}

// `sub` is present only for a logged-in buyer when the app may read customers; absent is anonymous.
function customerSession(claims: SessionTokenClaims, base: SessionBase): SessionTokenVerification {
  const customerId = claims.sub === undefined ? null : customerIdFromGid(claims.sub);
  if (claims.sub !== undefined && customerId === null) {
    return refuse("invalid_subject", "sub is not a customer GID");
  }
  return { ok: true, session: { ...base, staffUserId: null, customerId } };
}

function refuse(
  reason: SessionTokenRefusalReason,
  message: string,
): Extract<SessionTokenVerification, { ok: false }> {
  return { ok: false, reason, message };
}

/** The token from an `Authorization: Bearer …` header, or null. */
export function readBearerToken(authorization: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match?.[1] ?? null;
}
