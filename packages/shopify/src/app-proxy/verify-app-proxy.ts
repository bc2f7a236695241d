import { timingSafeEqual } from "node:crypto";
import { SHOP_DOMAIN_PATTERN, isValidShopDomain } from "../shop-domain";
import { appProxySigningMessages, hmacDigest } from "./app-proxy-signature";
import type { AppProxyQuerySource, QueryParams } from "./query-params";
import { readQueryParams } from "./query-params";

/**
 * How old a signed request may be. Shopify signs each request as it forwards it, so a genuine one
 * is seconds old; 90 s is the tolerance `@shopify/shopify-api` applies, and bounds replay.
 */
export const APP_PROXY_MAX_AGE_SECONDS = 90;
/** How far ahead of our clock a timestamp may be (clock drift between Shopify and us). */
export const APP_PROXY_MAX_FUTURE_SECONDS = 90;

export type VerifyAppProxyInput = AppProxyQuerySource & {
  secret: string;
  now: Date;
  maxAgeSeconds?: number;
  maxFutureSeconds?: number;
  /** Which shop domains to accept; defaults to `*.myshopify.com`. */
  shopDomainPattern?: RegExp;
};

export interface AppProxyRequest {
  shop: string;
  /** The numeric id of the logged-in shopper, or null for an anonymous visitor. */
  loggedInCustomerId: string | null;
  /** e.g. `/apps/loyalty`; null if Shopify did not send it. */
  pathPrefix: string | null;
  timestamp: Date;
}

export type AppProxyRefusalReason =
  | "missing_signature"
  | "malformed_signature"
  | "duplicate_parameter"
  | "invalid_signature"
  | "missing_timestamp"
  | "stale_timestamp"
  | "future_timestamp"
  | "invalid_shop"
  | "invalid_customer_id";

export type AppProxyVerification =
  { ok: true; request: AppProxyRequest } | { ok: false; reason: AppProxyRefusalReason; message: string };

const HEX_SHA256 = /^[0-9a-f]{64}$/;
const UNIX_SECONDS = /^\d{1,12}$/;
const CUSTOMER_ID = /^\d{1,20}$/;
// Shopify adds each of these once; a second copy would come from the shopper's own query string,
// and the signature (over the comma-joined values) would not say which copy is Shopify's.
const SINGLE_VALUE_PARAMS = ["signature", "shop", "timestamp", "logged_in_customer_id", "path_prefix"];

/** Verifies a request Shopify forwarded through the app proxy. Never throws on request input. */
export function verifyAppProxy(input: VerifyAppProxyInput): AppProxyVerification {
  const params = readQueryParams(input);
  const refusal =
    checkSignature(params, input.secret) ??
    checkTimestamp(params, input) ??
    checkShop(params, input.shopDomainPattern ?? SHOP_DOMAIN_PATTERN) ??
    checkCustomerId(params);
  if (refusal !== null) return refusal;
  return {
    ok: true,
    request: {
      shop: single(params, "shop") ?? "",
      loggedInCustomerId: single(params, "logged_in_customer_id") || null,
      pathPrefix: single(params, "path_prefix") ?? null,
      timestamp: new Date(Number(single(params, "timestamp")) * 1000),
    },
  };
}

function checkSignature(params: QueryParams, secret: string): AppProxyVerification | null {
  const signatures = params.get("signature");
  if (signatures === undefined || signatures.every((value) => value === "")) {
    return refuse("missing_signature", "the request has no signature parameter");
  }
  const duplicate = repeatedSingleValueParam(params);
  if (duplicate !== undefined) {
    return refuse("duplicate_parameter", `the ${duplicate} parameter appears more than once`);
  }
  const signature = signatures[0] ?? "";
  if (!HEX_SHA256.test(signature)) {
    return refuse("malformed_signature", "signature is not a lower-case hex SHA-256 HMAC");
  }
  return signatureMatches(params, signature, secret)
    ? null
    : refuse("invalid_signature", "signature does not match the query parameters");
}

/**
 * Compared as bytes in constant time: `signature` passed HEX_SHA256, so it decodes to the 32
 * bytes an HMAC-SHA256 has (equal lengths, as `timingSafeEqual` requires).
 */
function signatureMatches(params: QueryParams, signature: string, secret: string): boolean {
  const received = Buffer.from(signature, "hex");
  const [documented, byKey] = appProxySigningMessages(params);
  const matchesDocumented = timingSafeEqual(received, hmacDigest(documented, secret));
  if (byKey === undefined) return matchesDocumented;
  return timingSafeEqual(received, hmacDigest(byKey, secret)) || matchesDocumented;
}

function repeatedSingleValueParam(params: QueryParams): string | undefined {
  for (const name of SINGLE_VALUE_PARAMS) if ((params.get(name)?.length ?? 0) > 1) return name;
  return undefined;
}

function checkTimestamp(
  params: QueryParams,
  {
    now,
    maxAgeSeconds = APP_PROXY_MAX_AGE_SECONDS,
    maxFutureSeconds = APP_PROXY_MAX_FUTURE_SECONDS,
  }: VerifyAppProxyInput,
): AppProxyVerification | null {
  const timestamp = single(params, "timestamp");
  if (timestamp === undefined || !UNIX_SECONDS.test(timestamp)) {
    return refuse("missing_timestamp", "the request has no valid timestamp parameter");
  }
  const ageSeconds = Math.floor(now.getTime() / 1000) - Number(timestamp);
  if (ageSeconds > maxAgeSeconds) {
    return refuse("stale_timestamp", `the request was signed ${ageSeconds} s ago (limit ${maxAgeSeconds} s)`);
  }
  if (-ageSeconds > maxFutureSeconds) {
    return refuse(
      "future_timestamp",
      `the request is dated ${-ageSeconds} s ahead (limit ${maxFutureSeconds} s)`,
    );
  }
  return null;
}

function checkShop(params: QueryParams, shopDomainPattern: RegExp): AppProxyVerification | null {
  const shop = single(params, "shop");
  return shop !== undefined && isValidShopDomain(shop, shopDomainPattern)
    ? null
    : refuse("invalid_shop", "the shop parameter is missing or not a shop domain");
}

function checkCustomerId(params: QueryParams): AppProxyVerification | null {
  const customerId = single(params, "logged_in_customer_id");
  return customerId === undefined || customerId === "" || CUSTOMER_ID.test(customerId)
    ? null
    : refuse("invalid_customer_id", "logged_in_customer_id is not a customer id");
}

function single(params: QueryParams, name: string): string | undefined {
  return params.get(name)?.[0];
}

function refuse(reason: AppProxyRefusalReason, message: string): AppProxyVerification {
  return { ok: false, reason, message };
}
