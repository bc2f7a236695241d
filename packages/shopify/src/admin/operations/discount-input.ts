import { z } from "zod";
import { MAX_INPUT_ARRAY_LENGTH } from "../api-version";
import { decimalString, toGid } from "./shared-schemas";

/** What every LoyalNest reward code shares, basic or free shipping. */
export const rewardCodeInputSchema = z.object({
  title: z.string().min(1).max(255),
  code: z.string().min(1).max(255),
  /** The customers who may use it (Shopify ids or gids); ≤ 250 per call, Shopify's input limit. */
  customerIds: z
    .array(z.union([z.string(), z.number()]))
    .min(1)
    .max(MAX_INPUT_ARRAY_LENGTH),
  startsAt: z.date(),
  endsAt: z.date().nullable(),
  combinesWith: z
    .object({
      orderDiscounts: z.boolean().default(false),
      productDiscounts: z.boolean().default(false),
      shippingDiscounts: z.boolean().default(false),
    })
    .default({ orderDiscounts: false, productDiscounts: false, shippingDiscounts: false }),
  /** Minimum order subtotal in the shop currency, e.g. "50.00". */
  minimumSubtotal: decimalString.nullish(),
});
export type RewardCodeInput = z.input<typeof rewardCodeInputSchema>;

/**
 * The fields of `DiscountCodeBasicInput` / `DiscountCodeFreeShippingInput` both kinds share.
 * The customer goes in `context` (`customerSelection` is deprecated); a reward is single-use.
 */
export function commonDiscountFields(input: z.output<typeof rewardCodeInputSchema>) {
  return {
    title: input.title,
    code: input.code,
    startsAt: input.startsAt.toISOString(),
    endsAt: input.endsAt?.toISOString() ?? null,
    usageLimit: 1,
    appliesOncePerCustomer: true,
    context: { customers: { add: input.customerIds.map((id) => toGid("Customer", id)) } },
    combinesWith: input.combinesWith,
    minimumRequirement: input.minimumSubtotal
      ? { subtotal: { greaterThanOrEqualToSubtotal: input.minimumSubtotal } }
      : null,
  };
}

/** A created code: its discount node id (for deletion) and the code string. */
export interface CreatedDiscountCode {
  id: string;
  code: string;
}

export const DISCOUNT_NODE_SELECTION = /* GraphQL */ `
  codeDiscountNode {
    id
  }
  userErrors {
    field
    code
    message
  }
`;
