import { z } from "zod";
import { shopifyIdSchema } from "./shared";

/**
 * The mandatory compliance topics. Shopify identifies the customer by id (the e-mail and phone
 * in the body are not needed: LoyalNest looks customers up by Shopify id, never by plaintext).
 */

const orderIdsSchema = z
  .array(shopifyIdSchema)
  .nullish()
  .transform((value) => value ?? []);

export const customersDataRequestPayloadSchema = z.object({
  shop_id: z.number().int().positive(),
  shop_domain: z.string().min(1),
  customer: z.object({ id: shopifyIdSchema }),
  orders_requested: orderIdsSchema,
  data_request: z
    .object({ id: z.number().int().positive() })
    .nullish()
    .transform((value) => value ?? null),
});
export type CustomersDataRequestPayload = z.output<typeof customersDataRequestPayloadSchema>;

export const customersRedactPayloadSchema = z.object({
  shop_id: z.number().int().positive(),
  shop_domain: z.string().min(1),
  customer: z.object({ id: shopifyIdSchema }),
  orders_to_redact: orderIdsSchema,
});
export type CustomersRedactPayload = z.output<typeof customersRedactPayloadSchema>;

export const shopRedactPayloadSchema = z.object({
  shop_id: z.number().int().positive(),
  shop_domain: z.string().min(1),
});
export type ShopRedactPayload = z.output<typeof shopRedactPayloadSchema>;
