import { z } from "zod";
import { gidSchema, optionalTextSchema, timestampSchema } from "./shared";

/** `app/uninstalled`: the shop resource; LoyalNest needs only to know which shop (from the headers) and that it happened. */
export const appUninstalledPayloadSchema = z.object({
  id: z.number().int().positive(),
  myshopify_domain: optionalTextSchema,
});
export type AppUninstalledPayload = z.output<typeof appUninstalledPayloadSchema>;

/** Shopify's subscription states, upper-case as sent. */
export const APP_SUBSCRIPTION_STATUSES = [
  "PENDING",
  "ACTIVE",
  "DECLINED",
  "EXPIRED",
  "FROZEN",
  "CANCELLED",
  "ACCEPTED",
] as const;

/** `app_subscriptions/update`: a billing subscription changed state. */
export const appSubscriptionUpdatePayloadSchema = z.object({
  app_subscription: z.object({
    admin_graphql_api_id: gidSchema,
    name: z.string().min(1),
    status: z
      .string()
      .transform((value) => value.toUpperCase())
      .pipe(z.enum(APP_SUBSCRIPTION_STATUSES)),
    updated_at: timestampSchema.nullish().transform((value) => value ?? null),
  }),
});
export type AppSubscriptionUpdatePayload = z.output<typeof appSubscriptionUpdatePayloadSchema>;
