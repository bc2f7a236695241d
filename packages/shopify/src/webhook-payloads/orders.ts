import { z } from "zod";
import { allocationSchema, orderLineItemSchema, taxLineSchema } from "./line-items";
import { moneySetSchema, optionalMoneySetSchema } from "./money";
import { refundPayloadSchema } from "./refunds";
import {
  nullableTimestampSchema,
  optionalTextSchema,
  shopifyIdSchema,
  tagsSchema,
  timestampSchema,
} from "./shared";

/**
 * `orders/paid`, `orders/updated` and `orders/cancelled` carry the same order resource. LoyalNest
 * reads the shop-currency amounts (`*_set.shop_money`), the lines with their discount
 * allocations, the codes used, the customer, where it was sold and how the shopper arrived.
 */

const shippingLineSchema = z.object({
  price_set: moneySetSchema,
  discounted_price_set: optionalMoneySetSchema,
  discount_allocations: z
    .array(allocationSchema)
    .nullish()
    .transform((value) => value ?? []),
  tax_lines: z
    .array(taxLineSchema)
    .nullish()
    .transform((value) => value ?? []),
});

const addressSchema = z
  .object({
    address1: optionalTextSchema,
    address2: optionalTextSchema,
    city: optionalTextSchema,
    zip: optionalTextSchema,
    province_code: optionalTextSchema,
    country_code: optionalTextSchema,
  })
  .nullish()
  .transform((value) => value ?? null);

export type AddressPayload = z.output<typeof addressSchema>;

const consentSchema = z
  .object({
    state: z.string().transform((value) => value.toLowerCase()),
    consent_updated_at: nullableTimestampSchema,
  })
  .nullish()
  .transform((value) => value ?? null);

/** The customer as embedded in an order (and the body of `customers/create` / `customers/update`). */
export const customerResourceSchema = z.object({
  id: shopifyIdSchema,
  email: optionalTextSchema,
  first_name: optionalTextSchema,
  last_name: optionalTextSchema,
  phone: optionalTextSchema,
  verified_email: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
  tags: tagsSchema,
  locale: optionalTextSchema,
  created_at: nullableTimestampSchema,
  updated_at: nullableTimestampSchema,
  email_marketing_consent: consentSchema,
  default_address: addressSchema,
});

export type CustomerResourcePayload = z.output<typeof customerResourceSchema>;

export const orderPayloadSchema = z.object({
  id: shopifyIdSchema,
  name: optionalTextSchema,
  email: optionalTextSchema,
  contact_email: optionalTextSchema,
  created_at: timestampSchema,
  processed_at: nullableTimestampSchema,
  updated_at: nullableTimestampSchema,
  cancelled_at: nullableTimestampSchema,
  financial_status: optionalTextSchema,
  presentment_currency: optionalTextSchema,
  source_name: optionalTextSchema,
  landing_site: optionalTextSchema,
  taxes_included: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
  test: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
  discount_codes: z
    .array(z.object({ code: z.string() }))
    .nullish()
    .transform((value) => value ?? []),
  subtotal_price_set: moneySetSchema,
  total_discounts_set: optionalMoneySetSchema,
  total_price_set: moneySetSchema,
  total_tax_set: optionalMoneySetSchema,
  total_shipping_price_set: optionalMoneySetSchema,
  /** Tips only exist as a plain string (no `_set`); read only when the order is in the shop currency. */
  total_tip_received: z.union([z.string(), z.number()]).nullish(),
  customer: customerResourceSchema.nullish().transform((value) => value ?? null),
  line_items: z.array(orderLineItemSchema),
  shipping_lines: z
    .array(shippingLineSchema)
    .nullish()
    .transform((value) => value ?? []),
  shipping_address: addressSchema,
  billing_address: addressSchema,
  /** The order's refunds so far (in `orders/updated` and `orders/cancelled`): applied like `refunds/create`. */
  refunds: z
    .array(refundPayloadSchema)
    .nullish()
    .transform((value) => value ?? []),
});

export type OrderPayload = z.output<typeof orderPayloadSchema>;
export type OrderShippingLinePayload = OrderPayload["shipping_lines"][number];
