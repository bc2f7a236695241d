import { z } from "zod";
import { moneySetSchema } from "./money";
import { shopifyIdSchema, tagsSchema } from "./shared";

/** An order line as orders and refunds carry it: price, quantity and everything allocated to it. */
export const allocationSchema = z.object({ amount_set: moneySetSchema });
export const taxLineSchema = z.object({ price_set: moneySetSchema });

export const orderLineItemSchema = z.object({
  id: shopifyIdSchema,
  quantity: z.number().int().nonnegative(),
  price_set: moneySetSchema,
  gift_card: z
    .boolean()
    .nullish()
    .transform((value) => value ?? false),
  product_id: shopifyIdSchema.nullish().transform((value) => value ?? null),
  discount_allocations: z
    .array(allocationSchema)
    .nullish()
    .transform((value) => value ?? []),
  tax_lines: z
    .array(taxLineSchema)
    .nullish()
    .transform((value) => value ?? []),
  /** Not in Shopify's payload; present when an enrichment (or the stand-in) adds the product's tags. */
  product_tags: tagsSchema.optional(),
});

export type OrderLineItemPayload = z.output<typeof orderLineItemSchema>;
