import { createHmac } from "node:crypto";

/** Shopify's webhook signature: base64 HMAC-SHA256 of the exact raw body, keyed with the app secret. */
export function signWebhookBody(rawBody: string | Buffer, secret: string): string {
  return createHmac("sha256", secret).update(rawBody).digest("base64");
}
