import { z } from "zod";
import type { AdminGraphqlClient } from "../graphql-client";
import { MUTATION_COST, runOperation, toMutationResult } from "../run-operation";
import { type MutationResult, userErrorsSchema } from "../user-errors";
import { decimalString, type Money, moneySchema, toGid } from "./shared-schemas";

export const STORE_CREDIT_ACCOUNT_CREDIT = /* GraphQL */ `
  mutation StoreCreditAccountCredit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {
    storeCreditAccountCredit(id: $id, creditInput: $creditInput) {
      storeCreditAccountTransaction {
        id
        amount {
          amount
          currencyCode
        }
        account {
          id
          balance {
            amount
            currencyCode
          }
        }
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`;

const creditInputSchema = z.object({
  /** The customer (Shopify id or gid); Shopify opens their account in that currency on first credit. */
  customerId: z.union([z.string(), z.number()]),
  amount: decimalString,
  currencyCode: z.string().length(3),
  expiresAt: z.date().nullish(),
  /** Whether Shopify e-mails the customer. */
  notify: z.boolean().default(false),
});
export type StoreCreditInput = z.input<typeof creditInputSchema>;

const payloadSchema = z.object({
  storeCreditAccountCredit: z.object({
    storeCreditAccountTransaction: z
      .object({
        id: z.string().nullish(),
        amount: moneySchema,
        account: z.object({ id: z.string(), balance: moneySchema }),
      })
      .nullish(),
    userErrors: userErrorsSchema,
  }),
});

export interface StoreCreditResult {
  transactionId: string | null;
  accountId: string;
  amount: Money;
  balance: Money;
}

/**
 * Credits store credit (a points-for-credit reward). Never retried after an ambiguous failure —
 * a second credit would be real money; the caller reconciles via its own idempotency record.
 */
export async function creditStoreCredit(
  client: AdminGraphqlClient,
  shop: string,
  input: StoreCreditInput,
): Promise<MutationResult<StoreCreditResult>> {
  const parsed = creditInputSchema.parse(input);
  const data = await runOperation(client, {
    shop,
    operationName: "StoreCreditAccountCredit",
    query: STORE_CREDIT_ACCOUNT_CREDIT,
    variables: {
      id: toGid("Customer", parsed.customerId),
      creditInput: {
        creditAmount: { amount: parsed.amount, currencyCode: parsed.currencyCode },
        expiresAt: parsed.expiresAt?.toISOString() ?? null,
        notify: parsed.notify,
      },
    },
    schema: payloadSchema,
    estimatedCost: MUTATION_COST,
    idempotent: false,
  });
  return toMutationResult(
    data.storeCreditAccountCredit,
    (p) =>
      p.storeCreditAccountTransaction
        ? {
            transactionId: p.storeCreditAccountTransaction.id ?? null,
            accountId: p.storeCreditAccountTransaction.account.id,
            amount: p.storeCreditAccountTransaction.amount,
            balance: p.storeCreditAccountTransaction.account.balance,
          }
        : null,
    shop,
    "StoreCreditAccountCredit",
  );
}
