import { z } from "zod";
import type { AdminGraphqlClient } from "../graphql-client";
import { MUTATION_COST, runOperation, toMutationResult } from "../run-operation";
import { type MutationResult, userErrorsSchema } from "../user-errors";
import { decimalString } from "./shared-schemas";

export const APP_SUBSCRIPTION_CREATE = /* GraphQL */ `
  mutation AppSubscriptionCreate(
    $name: String!
    $lineItems: [AppSubscriptionLineItemInput!]!
    $returnUrl: URL!
    $test: Boolean
    $trialDays: Int
  ) {
    appSubscriptionCreate(
      name: $name
      lineItems: $lineItems
      returnUrl: $returnUrl
      test: $test
      trialDays: $trialDays
    ) {
      appSubscription {
        id
        status
      }
      confirmationUrl
      userErrors {
        field
        message
      }
    }
  }
`;

const subscriptionInputSchema = z.object({
  /** The plan name the merchant sees. */
  name: z.string().min(1),
  price: decimalString,
  currencyCode: z.string().length(3),
  interval: z.enum(["EVERY_30_DAYS", "ANNUAL"]).default("EVERY_30_DAYS"),
  returnUrl: z.url(),
  trialDays: z.number().int().min(0).default(0),
  /** Development stores must use test charges. */
  test: z.boolean().default(false),
});
export type AppSubscriptionInput = z.input<typeof subscriptionInputSchema>;

const payloadSchema = z.object({
  appSubscriptionCreate: z.object({
    appSubscription: z.object({ id: z.string(), status: z.string() }).nullish(),
    confirmationUrl: z.string().nullish(),
    userErrors: userErrorsSchema,
  }),
});

export interface CreatedAppSubscription {
  id: string;
  status: string;
  /** Where the merchant approves the charge; the subscription stays PENDING until they do. */
  confirmationUrl: string;
}

/** Starts a recurring app subscription (billing); the merchant confirms it at `confirmationUrl`. */
export async function createAppSubscription(
  client: AdminGraphqlClient,
  shop: string,
  input: AppSubscriptionInput,
): Promise<MutationResult<CreatedAppSubscription>> {
  const parsed = subscriptionInputSchema.parse(input);
  const data = await runOperation(client, {
    shop,
    operationName: "AppSubscriptionCreate",
    query: APP_SUBSCRIPTION_CREATE,
    variables: {
      name: parsed.name,
      returnUrl: parsed.returnUrl,
      test: parsed.test,
      trialDays: parsed.trialDays,
      lineItems: [
        {
          plan: {
            appRecurringPricingDetails: {
              price: { amount: parsed.price, currencyCode: parsed.currencyCode },
              interval: parsed.interval,
            },
          },
        },
      ],
    },
    schema: payloadSchema,
    estimatedCost: MUTATION_COST,
    // A pending subscription the merchant never confirms is harmless, so retrying is fine.
    idempotent: true,
  });
  return toMutationResult(
    data.appSubscriptionCreate,
    (p) =>
      p.appSubscription && p.confirmationUrl
        ? { id: p.appSubscription.id, status: p.appSubscription.status, confirmationUrl: p.confirmationUrl }
        : null,
    shop,
    "AppSubscriptionCreate",
  );
}
