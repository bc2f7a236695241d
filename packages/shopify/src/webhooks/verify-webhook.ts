import { constantTimeEqual } from "../constant-time-equal";
import { hmacSha256 } from "../hmac-key";
import { SHOP_DOMAIN_PATTERN } from "../shop-domain";
import type { HeaderSource } from "./header-source";
import { readHeader } from "./header-source";
import type { RawDeliveryHeaders, WebhookDelivery } from "./webhook-delivery";
import { parseDeliveryHeaders } from "./webhook-delivery";
import { WEBHOOK_HEADERS } from "./webhook-headers";

export type WebhookBody = Buffer | Uint8Array | string;

export interface VerifyWebhookInput {
  /** The body exactly as received, before any JSON parsing: the signature covers these bytes. */
  rawBody: WebhookBody;
  headers: HeaderSource;
  /** The app's client secret. */
  secret: string;
  /** Which shop domains to accept; defaults to `*.myshopify.com`. */
  shopDomainPattern?: RegExp;
}

export type WebhookRefusalReason =
  "missing_hmac" | "malformed_hmac" | "invalid_hmac" | "empty_body" | "missing_header" | "invalid_header";

export type WebhookVerification =
  | { ok: true; delivery: WebhookDelivery }
  | { ok: false; reason: WebhookRefusalReason; message: string; header?: string };

// Base64 of a 32-byte SHA-256 digest is always 43 characters and one `=`.
const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

const REQUIRED_HEADERS = ["topic", "shopDomain", "eventId", "webhookId", "apiVersion"] as const;

/** Base64 HMAC-SHA256 of the raw body with the app secret, as Shopify computes it. */
export function signWebhookBody(rawBody: WebhookBody, secret: string): string {
  assertSecret(secret);
  const bytes = typeof rawBody === "string" ? Buffer.from(rawBody, "utf8") : rawBody;
  return hmacSha256(secret).update(bytes).digest("base64");
}

/**
 * Verifies a Shopify webhook delivery: the signature first (nothing else in the request is trusted
 * until it passes), then the headers that identify the delivery. Never throws on request input;
 * every refusal is answered with 401 by the caller.
 */
export function verifyWebhook(input: VerifyWebhookInput): WebhookVerification {
  const signature = checkSignature(input);
  if (signature !== null) return signature;
  return readDelivery(input.headers, input.shopDomainPattern ?? SHOP_DOMAIN_PATTERN);
}

function checkSignature({ rawBody, headers, secret }: VerifyWebhookInput): WebhookVerification | null {
  const hmac = readHeader(headers, WEBHOOK_HEADERS.hmac);
  if (hmac === undefined) {
    return refuse("missing_hmac", `missing ${WEBHOOK_HEADERS.hmac} header`, WEBHOOK_HEADERS.hmac);
  }
  if (!BASE64_SHA256.test(hmac)) {
    return refuse(
      "malformed_hmac",
      `${WEBHOOK_HEADERS.hmac} is not a base64 SHA-256 HMAC`,
      WEBHOOK_HEADERS.hmac,
    );
  }
  // Shopify never delivers an empty body, and its own library refuses one too.
  if (rawBody.length === 0) return refuse("empty_body", "webhook body is empty");
  // Comparing the base64 text (not decoded bytes) keeps lenient base64 decoding from accepting variants.
  if (!constantTimeEqual(hmac, signWebhookBody(rawBody, secret))) {
    return refuse("invalid_hmac", "webhook HMAC does not match the body", WEBHOOK_HEADERS.hmac);
  }
  return null;
}

function readDelivery(headers: HeaderSource, shopDomainPattern: RegExp): WebhookVerification {
  const raw: RawDeliveryHeaders = {
    topic: readHeader(headers, WEBHOOK_HEADERS.topic),
    shopDomain: readHeader(headers, WEBHOOK_HEADERS.shopDomain),
    eventId: readHeader(headers, WEBHOOK_HEADERS.eventId),
    webhookId: readHeader(headers, WEBHOOK_HEADERS.webhookId),
    apiVersion: readHeader(headers, WEBHOOK_HEADERS.apiVersion),
    triggeredAt: readHeader(headers, WEBHOOK_HEADERS.triggeredAt),
  };
  const missing = REQUIRED_HEADERS.find((field) => raw[field] === undefined);
  if (missing !== undefined) {
    const name = WEBHOOK_HEADERS[missing];
    return refuse("missing_header", `missing ${name} header`, name);
  }
  const parsed = parseDeliveryHeaders(raw, shopDomainPattern);
  if (!parsed.ok) {
    const name = WEBHOOK_HEADERS[parsed.field];
    return refuse("invalid_header", `${name} ${parsed.message}`, name);
  }
  return { ok: true, delivery: parsed.delivery };
}

function refuse(reason: WebhookRefusalReason, message: string, header?: string): WebhookVerification {
  return header === undefined ? { ok: false, reason, message } : { ok: false, reason, message, header };
}

// A missing secret is a deployment mistake, not bad input: fail loudly rather than refuse everything.
function assertSecret(secret: string): void {
  if (typeof secret !== "string" || secret.length === 0) {
    throw new TypeError("the app secret is required to sign or verify webhooks");
  }
}
