import { z } from "zod";
import type { AdminGraphqlClient } from "../graphql-client";
import { MUTATION_COST, runOperation, toMutationResult } from "../run-operation";
import { type MutationResult, userErrorsSchema } from "../user-errors";
import { toGid } from "./shared-schemas";

/**
 * The app-owned namespace: only LoyalNest can write it, while Liquid, Functions and extensions
 * read it (`$app` resolves to `app--<app id>`).
 */
export const LOYALTY_METAFIELD_NAMESPACE = "$app:loyalty";

export const METAFIELDS_SET = /* GraphQL */ `
  mutation MetafieldsSet($metafields: [MetafieldsSetInput!]!) {
    metafieldsSet(metafields: $metafields) {
      metafields {
        key
        namespace
        value
        type
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`;

const loyaltyInputSchema = z.object({
  customerId: z.union([z.string(), z.number()]),
  balance: z.number().int(),
  /** Tier name, or null when the customer has none. */
  tier: z.string().nullable(),
  /** The next reward the customer is working towards, or null. */
  nextReward: z
    .object({ name: z.string(), pointsCost: z.number().int(), pointsNeeded: z.number().int() })
    .nullable(),
});
export type CustomerLoyaltyMetafields = z.input<typeof loyaltyInputSchema>;

const payloadSchema = z.object({
  metafieldsSet: z.object({
    metafields: z
      .array(z.object({ key: z.string(), namespace: z.string(), value: z.string(), type: z.string() }))
      .nullish(),
    userErrors: userErrorsSchema,
  }),
});

export interface SetMetafield {
  namespace: string;
  key: string;
  type: string;
  value: string;
}

function metafieldInputs(input: z.output<typeof loyaltyInputSchema>) {
  const ownerId = toGid("Customer", input.customerId);
  const field = (key: string, type: string, value: string) => ({
    ownerId,
    namespace: LOYALTY_METAFIELD_NAMESPACE,
    key,
    type,
    value,
  });
  return [
    field("balance", "number_integer", String(input.balance)),
    // metafieldsSet cannot store an empty value, so "no tier" / "no next reward" are written explicitly.
    field("tier", "single_line_text_field", input.tier ?? "none"),
    field("next_reward", "json", JSON.stringify(input.nextReward)),
  ];
}

/**
 * Mirrors a customer's balance, tier and next reward into app-owned metafields. Setting is
 * idempotent (last write wins), so retries are safe.
 */
export async function setCustomerLoyaltyMetafields(
  client: AdminGraphqlClient,
  shop: string,
  input: CustomerLoyaltyMetafields,
): Promise<MutationResult<SetMetafield[]>> {
  const parsed = loyaltyInputSchema.parse(input);
  const data = await runOperation(client, {
    shop,
    operationName: "MetafieldsSet",
    query: METAFIELDS_SET,
    variables: { metafields: metafieldInputs(parsed) },
    schema: payloadSchema,
    estimatedCost: MUTATION_COST,
    idempotent: true,
  });
  return toMutationResult(data.metafieldsSet, (p) => p.metafields ?? null, shop, "MetafieldsSet");
}
