import { z } from "zod";
import type { AdminGraphqlClient } from "../graphql-client";
import { runOperation } from "../run-operation";
import { type PageArgs, pageSize } from "./page-args";
import { moneySchema, type Page, pageInfoSchema } from "./shared-schemas";

export const CUSTOMERS_PAGE_QUERY = /* GraphQL */ `
  query CustomersPage($first: Int!, $after: String, $query: String) {
    customers(first: $first, after: $after, query: $query, sortKey: ID) {
      nodes {
        id
        firstName
        lastName
        defaultEmailAddress {
          emailAddress
        }
        tags
        numberOfOrders
        amountSpent {
          amount
          currencyCode
        }
        createdAt
        updatedAt
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const customerSchema = z.object({
  id: z.string(),
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  defaultEmailAddress: z.object({ emailAddress: z.string().nullish() }).nullish(),
  tags: z.array(z.string()).nullish(),
  numberOfOrders: z.union([z.string(), z.number()]).nullish(),
  amountSpent: moneySchema.nullish(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const customersPageSchema = z.object({
  customers: z.object({ nodes: z.array(customerSchema), pageInfo: pageInfoSchema }),
});

export interface CustomerNode {
  id: string;
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  tags: string[];
  numberOfOrders: number;
  amountSpent: { amount: string; currencyCode: string } | null;
  createdAt: string;
  updatedAt: string;
}

export interface ListCustomersArgs extends PageArgs {
  /** Shopify search syntax, e.g. `updated_at:>'2026-01-01'`. */
  query?: string;
}

/**
 * One page of customers for backfill. Cursor pagination stops at 25,000 objects
 * (`MAX_PAGINATED_OBJECTS`): larger shops need a bulk operation or narrower `query` windows.
 */
export async function listCustomersPage(
  client: AdminGraphqlClient,
  shop: string,
  args: ListCustomersArgs = {},
): Promise<Page<CustomerNode>> {
  const first = pageSize(args.first, 100);
  const data = await runOperation(client, {
    shop,
    operationName: "CustomersPage",
    query: CUSTOMERS_PAGE_QUERY,
    variables: { first, after: args.after ?? null, query: args.query ?? null },
    schema: customersPageSchema,
    estimatedCost: 2 + first,
  });
  const { nodes, pageInfo } = data.customers;
  return {
    nodes: nodes.map((c) => ({
      id: c.id,
      firstName: c.firstName ?? null,
      lastName: c.lastName ?? null,
      email: c.defaultEmailAddress?.emailAddress ?? null,
      tags: c.tags ?? [],
      numberOfOrders: Number(c.numberOfOrders ?? 0),
      amountSpent: c.amountSpent ?? null,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    })),
    hasNextPage: pageInfo.hasNextPage,
    endCursor: pageInfo.endCursor,
  };
}
