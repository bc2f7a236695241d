import { z } from "zod";
import type { AdminGraphqlClient } from "../graphql-client";
import { runOperation } from "../run-operation";
import { type PageArgs, pageSize } from "./page-args";
import { moneySchema, type Page, pageInfoSchema } from "./shared-schemas";

export const ORDERS_PAGE_QUERY = /* GraphQL */ `
  query OrdersPage($first: Int!, $after: String, $query: String) {
    orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
      nodes {
        id
        name
        createdAt
        updatedAt
        processedAt
        cancelledAt
        test
        displayFinancialStatus
        customer {
          id
        }
        currentSubtotalPriceSet {
          shopMoney {
            amount
            currencyCode
          }
        }
        currentTotalPriceSet {
          shopMoney {
            amount
            currencyCode
          }
        }
        totalRefundedSet {
          shopMoney {
            amount
            currencyCode
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const shopMoney = z.object({ shopMoney: moneySchema }).nullish();

const orderSchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  processedAt: z.string().nullish(),
  cancelledAt: z.string().nullish(),
  test: z.boolean().nullish(),
  displayFinancialStatus: z.string().nullish(),
  customer: z.object({ id: z.string() }).nullish(),
  currentSubtotalPriceSet: shopMoney,
  currentTotalPriceSet: shopMoney,
  totalRefundedSet: shopMoney,
});

const ordersPageSchema = z.object({
  orders: z.object({ nodes: z.array(orderSchema), pageInfo: pageInfoSchema }),
});

export interface OrderNode {
  id: string;
  name: string;
  customerId: string | null;
  createdAt: string;
  updatedAt: string;
  processedAt: string | null;
  cancelledAt: string | null;
  test: boolean;
  financialStatus: string | null;
  currentSubtotal: { amount: string; currencyCode: string } | null;
  currentTotal: { amount: string; currencyCode: string } | null;
  totalRefunded: { amount: string; currencyCode: string } | null;
}

export interface ListOrdersArgs extends PageArgs {
  /** Orders updated at or after this instant (reconciliation re-reads a recent window). */
  updatedSince: Date;
}

/**
 * One page of orders updated since a moment, oldest update first, for reconciliation of
 * webhooks Shopify never delivered. Pagination stops at 25,000 objects (`MAX_PAGINATED_OBJECTS`):
 * keep the window short, or use a bulk operation for a full backfill.
 */
export async function listOrdersPage(
  client: AdminGraphqlClient,
  shop: string,
  args: ListOrdersArgs,
): Promise<Page<OrderNode>> {
  const first = pageSize(args.first, 50);
  const data = await runOperation(client, {
    shop,
    operationName: "OrdersPage",
    query: ORDERS_PAGE_QUERY,
    variables: {
      first,
      after: args.after ?? null,
      query: `updated_at:>='${args.updatedSince.toISOString()}'`,
    },
    schema: ordersPageSchema,
    estimatedCost: 2 + first * 2,
  });
  const { nodes, pageInfo } = data.orders;
  return {
    nodes: nodes.map((o) => ({
      id: o.id,
      name: o.name,
      customerId: o.customer?.id ?? null,
      createdAt: o.createdAt,
      updatedAt: o.updatedAt,
      processedAt: o.processedAt ?? null,
      cancelledAt: o.cancelledAt ?? null,
      test: o.test ?? false,
      financialStatus: o.displayFinancialStatus ?? null,
      currentSubtotal: o.currentSubtotalPriceSet?.shopMoney ?? null,
      currentTotal: o.currentTotalPriceSet?.shopMoney ?? null,
      totalRefunded: o.totalRefundedSet?.shopMoney ?? null,
    })),
    hasNextPage: pageInfo.hasNextPage,
    endCursor: pageInfo.endCursor,
  };
}
