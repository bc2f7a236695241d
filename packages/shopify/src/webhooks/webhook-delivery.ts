import { z } from "zod";
import { SHOP_DOMAIN_PATTERN, isValidShopDomain } from "../shop-domain";
import { COMPLIANCE_TOPICS } from "./webhook-headers";

/** What a verified delivery tells us, typed; the body itself is parsed by the topic's handler. */
export interface WebhookDelivery {
  /** e.g. `orders/paid`. */
  topic: string;
  /** The shop's `*.myshopify.com` domain, lower case. */
  shopDomain: string;
  /** Identifies the event; the same event can be delivered more than once, so dedupe on it. */
  eventId: string;
  /** Identifies this delivery attempt's webhook; stored beside the event id for support. */
  webhookId: string;
  /** When Shopify triggered the webhook; null when the header was absent (it is optional). */
  triggeredAt: Date | null;
  /** The API version the payload is shaped for, e.g. `2026-01`. */
  apiVersion: string;
  /** One of `customers/data_request`, `customers/redact`, `shop/redact`. */
  isCompliance: boolean;
}

/** Header values as read; undefined when absent. Only `triggeredAt` may stay absent. */
export interface RawDeliveryHeaders {
  topic: string | undefined;
  shopDomain: string | undefined;
  eventId: string | undefined;
  webhookId: string | undefined;
  apiVersion: string | undefined;
  triggeredAt: string | undefined;
}

// Topics are `resource/event` (`app_subscriptions/update`); the pattern only keeps out garbage.
const TOPIC = /^[a-z0-9_]+(?:\/[a-z0-9_]+)*$/i;
// Versions are `YYYY-MM`, `unstable` or a release candidate name; never spaces or separators.
const API_VERSION = /^[A-Za-z0-9-]{1,32}$/;
const IDENTIFIER = /^[\x21-\x7e]{1,255}$/;

function deliverySchema(shopDomainPattern: RegExp) {
  return z.object({
    topic: z.string().max(255).regex(TOPIC, "is not a webhook topic"),
    shopDomain: z
      .string()
      .transform((value) => value.toLowerCase())
      .refine((value) => isValidShopDomain(value, shopDomainPattern), "is not a shop domain"),
    eventId: z.string().regex(IDENTIFIER, "is not an identifier"),
    webhookId: z.string().regex(IDENTIFIER, "is not an identifier"),
    apiVersion: z.string().regex(API_VERSION, "is not an API version"),
    triggeredAt: z
      .string()
      .optional()
      .transform((value, context) => {
        if (value === undefined) return null;
        // Shopify sends nanoseconds (`…27.877041743Z`); Date keeps milliseconds, which is enough.
        const date = new Date(value);
        if (Number.isNaN(date.getTime())) {
          context.addIssue({ code: "custom", message: "is not a timestamp" });
          return z.NEVER;
        }
        return date;
      }),
  });
}

export type DeliveryParse =
  { ok: true; delivery: WebhookDelivery } | { ok: false; field: keyof RawDeliveryHeaders; message: string };

export function parseDeliveryHeaders(
  raw: RawDeliveryHeaders,
  shopDomainPattern: RegExp = SHOP_DOMAIN_PATTERN,
): DeliveryParse {
  const parsed = deliverySchema(shopDomainPattern).safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = (issue?.path[0] ?? "topic") as keyof RawDeliveryHeaders;
    return { ok: false, field, message: issue?.message ?? "is invalid" };
  }
  const headers = parsed.data;
  return {
    ok: true,
    delivery: { ...headers, isCompliance: COMPLIANCE_TOPICS.has(headers.topic.toLowerCase()) },
  };
}
