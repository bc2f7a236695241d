import type { z } from "zod";
import { appSubscriptionUpdatePayloadSchema, appUninstalledPayloadSchema } from "./app";
import {
  customersDataRequestPayloadSchema,
  customersRedactPayloadSchema,
  shopRedactPayloadSchema,
} from "./compliance";
import { customerDeletePayloadSchema, customerPayloadSchema } from "./customers";
import { orderPayloadSchema } from "./orders";
import { refundPayloadSchema } from "./refunds";

export * from "./money";
export * from "./shared";
export * from "./line-items";
export * from "./orders";
export * from "./refunds";
export * from "./customers";
export * from "./app";
export * from "./compliance";

/** The schema of each topic LoyalNest subscribes to. */
export const WEBHOOK_PAYLOAD_SCHEMAS = {
  "orders/paid": orderPayloadSchema,
  "orders/updated": orderPayloadSchema,
  "orders/cancelled": orderPayloadSchema,
  "refunds/create": refundPayloadSchema,
  "customers/create": customerPayloadSchema,
  "customers/update": customerPayloadSchema,
  "customers/delete": customerDeletePayloadSchema,
  "app/uninstalled": appUninstalledPayloadSchema,
  "app_subscriptions/update": appSubscriptionUpdatePayloadSchema,
  "customers/data_request": customersDataRequestPayloadSchema,
  "customers/redact": customersRedactPayloadSchema,
  "shop/redact": shopRedactPayloadSchema,
} as const;

export type WebhookPayloadTopic = keyof typeof WEBHOOK_PAYLOAD_SCHEMAS;
export type WebhookPayload<T extends WebhookPayloadTopic> = z.output<(typeof WEBHOOK_PAYLOAD_SCHEMAS)[T]>;
