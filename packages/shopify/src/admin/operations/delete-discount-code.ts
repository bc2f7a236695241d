import { z } from "zod";
import type { AdminGraphqlClient } from "../graphql-client";
import { MUTATION_COST, runOperation, toMutationResult } from "../run-operation";
import { type MutationResult, userErrorsSchema } from "../user-errors";
import { toGid } from "./shared-schemas";

export const DISCOUNT_CODE_DELETE = /* GraphQL */ `
  mutation DiscountCodeDelete($id: ID!) {
    discountCodeDelete(id: $id) {
      deletedCodeDiscountId
      userErrors {
        field
        code
        message
      }
    }
  }
`;

const payloadSchema = z.object({
  discountCodeDelete: z.object({
    deletedCodeDiscountId: z.string().nullish(),
    userErrors: userErrorsSchema,
  }),
});

/**
 * Deletes a reward code (an unused code released back to points). Safe to retry: the worst case
 * is a userError saying the code no longer exists.
 */
export async function deleteDiscountCode(
  client: AdminGraphqlClient,
  shop: string,
  discountId: string | number,
): Promise<MutationResult<{ deletedId: string }>> {
  const data = await runOperation(client, {
    shop,
    operationName: "DiscountCodeDelete",
    query: DISCOUNT_CODE_DELETE,
    variables: { id: toGid("DiscountCodeNode", discountId) },
    schema: payloadSchema,
    estimatedCost: MUTATION_COST,
    idempotent: true,
  });
  return toMutationResult(
    data.discountCodeDelete,
    (p) => (p.deletedCodeDiscountId ? { deletedId: p.deletedCodeDiscountId } : null),
    shop,
    "DiscountCodeDelete",
  );
}
