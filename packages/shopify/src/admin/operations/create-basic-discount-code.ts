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

export const DISCOUNT_CODE_BASIC_CREATE = /* GraphQL */ `
  mutation DiscountCodeBasicCreate($basicCodeDiscount: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $basicCodeDiscount) {
      ${DISCOUNT_NODE_SELECTION}
    }
  }
`;

const basicCodeInputSchema = rewardCodeInputSchema.extend({
  value: z.discriminatedUnion("kind", [
    /** An amount off the order in the shop currency. */
    z.object({ kind: z.literal("fixed_amount"), amount: decimalString }),
    /** A share of the order, 0 < p ≤ 1 (Shopify's percentage is a fraction). */
    z.object({ kind: z.literal("percentage"), percentage: z.number().gt(0).lte(1) }),
  ]),
});
export type BasicDiscountCodeInput = z.input<typeof basicCodeInputSchema>;

const payloadSchema = z.object({
  discountCodeBasicCreate: z.object({
    codeDiscountNode: z.object({ id: z.string() }).nullish(),
    userErrors: userErrorsSchema,
  }),
});

function customerGets(value: z.output<typeof basicCodeInputSchema>["value"]) {
  const discountValue =
    value.kind === "percentage"
      ? { percentage: value.percentage }
      : { discountAmount: { amount: value.amount, appliesOnEachItem: false } };
  return { value: discountValue, items: { all: true } };
}

/**
 * A single-use reward code for one customer: an amount or percentage off the order, optionally
 * above a minimum subtotal. Not retried after an ambiguous failure (the code may exist already);
 * a retry that finds the code taken gets a userError, not a second code.
 */
export async function createBasicDiscountCode(
  client: AdminGraphqlClient,
  shop: string,
  input: BasicDiscountCodeInput,
): Promise<MutationResult<CreatedDiscountCode>> {
  const parsed = basicCodeInputSchema.parse(input);
  const data = await runOperation(client, {
    shop,
    operationName: "DiscountCodeBasicCreate",
    query: DISCOUNT_CODE_BASIC_CREATE,
    variables: {
      basicCodeDiscount: { ...commonDiscountFields(parsed), customerGets: customerGets(parsed.value) },
    },
    schema: payloadSchema,
    estimatedCost: MUTATION_COST,
    idempotent: false,
  });
  return toMutationResult(
    data.discountCodeBasicCreate,
    (p) => (p.codeDiscountNode ? { id: p.codeDiscountNode.id, code: parsed.code } : null),
    shop,
    "DiscountCodeBasicCreate",
  );
}
