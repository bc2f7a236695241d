import { z } from "zod";
import { moneySetSchema, optionalMoneySetSchema } from "./money";
import { orderLineItemSchema } from "./line-items";
import { shopifyIdSchema, timestampSchema } from "./shared";

/**
 * `refunds/create`: which lines (and how many units) were refunded, with their shop-currency
 * subtotals, and any shipping given back. The refunded line carries the original line item, so
 * its basis can be taken back in the same terms it earned.
 */

const refundLineItemSchema = z.object({
  line_item_id: shopifyIdSchema,
  quantity: z.number().int().nonnegative(),
  subtotal_set: moneySetSchema,
  total_tax_set: optionalMoneySetSchema,
  line_item: orderLineItemSchema.nullish().transform((value) => value ?? null),
});

export type RefundLineItemPayload = z.output<typeof refundLineItemSchema>;

const orderAdjustmentSchema = z.object({
  kind: z.string(),
  amount_set: moneySetSchema,
  tax_amount_set: optionalMoneySetSchema,
});

/** Newer API versions list refunded shipping here instead of in an order adjustment. */
const refundShippingLineSchema = z.object({ subtotal_amount_set: moneySetSchema });

export const refundPayloadSchema = z.object({
  id: shopifyIdSchema,
  order_id: shopifyIdSchema,
  created_at: timestampSchema,
  processed_at: timestampSchema.nullish().transform((value) => value ?? null),
  refund_line_items: z.array(refundLineItemSchema),
  order_adjustments: z
    .array(orderAdjustmentSchema)
    .nullish()
    .transform((value) => value ?? []),
  refund_shipping_lines: z
    .array(refundShippingLineSchema)
    .nullish()
    .transform((value) => value ?? []),
});

export type RefundPayload = z.output<typeof refundPayloadSchema>;
