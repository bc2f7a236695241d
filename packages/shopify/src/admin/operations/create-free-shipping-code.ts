import { z } from "zod";
import type { AdminGraphqlClient } from "../graphql-client";
import { MUTATION_COST, runOperation, toMutationResult } from "../run-operation";
import { type MutationResult, userErrorsSchema } from "../user-errors";
import {
  commonDiscountFields,
  type CreatedDiscountCode,
  DISCOUNT_NODE_SELECTION,
  rewardCodeInputSchema,
} from "./discount-input";
import { decimalString } from "./shared-schemas";

export const DISCOUNT_CODE_FREE_SHIPPING_CREATE = /* GraphQL */ `
  mutation DiscountCodeFreeShippingCreate($freeShippingCodeDiscount: DiscountCodeFreeShippingInput!) {
    discountCodeFreeShippingCreate(freeShippingCodeDiscount: $freeShippingCodeDiscount) {
      ${DISCOUNT_NODE_SELECTION}
    }
  }
`;

const freeShippingInputSchema = rewardCodeInputSchema.extend({
  /** Rates above this are not covered; null covers any rate. */
  maximumShippingPrice: decimalString.nullish(),
});
export type FreeShippingCodeInput = z.input<typeof freeShippingInputSchema>;

const payloadSchema = z.object({
  discountCodeFreeShippingCreate: z.object({
    codeDiscountNode: z.object({ id: z.string() }).nullish(),
    userErrors: userErrorsSchema,
  }),
});

/** A single-use free-shipping reward code for one customer, to every destination. */
export async function createFreeShippingCode(
  client: AdminGraphqlClient,
  shop: string,
  input: FreeShippingCodeInput,
): Promise<MutationResult<CreatedDiscountCode>> {
  const parsed = freeShippingInputSchema.parse(input);
  const data = await runOperation(client, {
    shop,
    operationName: "DiscountCodeFreeShippingCreate",
    query: DISCOUNT_CODE_FREE_SHIPPING_CREATE,
    variables: {
      freeShippingCodeDiscount: {
        ...commonDiscountFields(parsed),
        destination: { all: true },
        maximumShippingPrice: parsed.maximumShippingPrice ?? null,
      },
    },
    schema: payloadSchema,
    estimatedCost: MUTATION_COST,
    idempotent: false,
  });
  return toMutationResult(
    data.discountCodeFreeShippingCreate,
    (p) => (p.codeDiscountNode ? { id: p.codeDiscountNode.id, code: parsed.code } : null),
    shop,
    "DiscountCodeFreeShippingCreate",
  );
}
