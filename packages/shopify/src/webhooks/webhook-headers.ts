/** The headers Shopify puts on every webhook delivery (names are case-insensitive on the wire). */
export const WEBHOOK_HEADERS = {
  hmac: "X-Shopify-Hmac-Sha256",
  topic: "X-Shopify-Topic",
  shopDomain: "X-Shopify-Shop-Domain",
  apiVersion: "X-Shopify-API-Version",
  webhookId: "X-Shopify-Webhook-Id",
  triggeredAt: "X-Shopify-Triggered-At",
  eventId: "X-Shopify-Event-Id",
} as const;

/** The mandatory privacy topics; their handling has legal deadlines, so callers route them apart. */
export const COMPLIANCE_TOPICS: ReadonlySet<string> = new Set([
  "customers/data_request",
  "customers/redact",
  "shop/redact",
]);
