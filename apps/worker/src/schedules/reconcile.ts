import { recordPaidOrder, schema, type Transaction } from "@loyalnest/db";
import { listOrdersPage, numericId, type OrderNode } from "@loyalnest/shopify";
import { and, eq, inArray } from "drizzle-orm";
import { customersChanged, deadline, type ScheduleDeps } from "./context";
import { isReconcilable, paidOrderFromNode } from "./order-mapping";

export const RECONCILE_DAYS = 3;
const PAGE_SIZE = 100;

export interface ReconcileResult {
  seen: number;
  /** Shopify order ids recorded now (their `orders/paid` webhook never arrived). */
  repaired: number[];
  /** True when the time budget stopped the walk before the last page. */
  truncated: boolean;
}

/**
 * Re-reads the orders updated in the last `days` days through the Admin API and feeds every paid
 * order LoyalNest has no summary of to `recordPaidOrder`, as the webhook would have. Idempotent: a
 * recorded order has its summary (skipped here) and its earning key (a no-op in the service).
 */
export async function reconcileOrders(
  deps: ScheduleDeps,
  shopId: string,
  at: Date,
  days = RECONCILE_DAYS,
): Promise<ReconcileResult> {
  const expired = deadline(deps);
  const shop = await shopOf(deps, shopId);
  const result: ReconcileResult = { seen: 0, repaired: [], truncated: false };
  const updatedSince = new Date(at.getTime() - days * 86_400_000);
  let after: string | null = null;
  for (;;) {
    const page = await listOrdersPage(deps.admin, shop.domain, { updatedSince, first: PAGE_SIZE, after });
    result.seen += page.nodes.length;
    const missing = await missingOrders(deps, shopId, page.nodes.filter(isReconcilable));
    for (const order of missing) {
      const customerId = await deps.db.transaction(async (tx) => {
        const id = await ensureCustomer(tx, shopId, shop.membershipMode, order);
        await recordPaidOrder(tx, shopId, paidOrderFromNode(order, id));
        return id;
      });
      result.repaired.push(numericId(order.id));
      await customersChanged(deps, shopId, [customerId]);
    }
    if (!page.hasNextPage || !page.endCursor) return result;
    if (expired()) return { ...result, truncated: true };
    after = page.endCursor;
  }
}

async function shopOf(deps: ScheduleDeps, shopId: string) {
  const { shops, shopSettings } = schema;
  const [row] = await deps.db
    .select({ domain: shops.domain, membershipMode: shopSettings.membershipMode })
    .from(shops)
    .innerJoin(shopSettings, eq(shopSettings.shopId, shops.id))
    .where(eq(shops.id, shopId));
  if (!row) throw new Error(`shop ${shopId} has no settings`);
  return row;
}

async function missingOrders(deps: ScheduleDeps, shopId: string, orders: OrderNode[]) {
  if (orders.length === 0) return [];
  const { orderSummaries } = schema;
  const known = await deps.db
    .select({ id: orderSummaries.shopifyOrderId })
    .from(orderSummaries)
    .where(
      and(
        eq(orderSummaries.shopId, shopId),
        inArray(
          orderSummaries.shopifyOrderId,
          orders.map((o) => numericId(o.id)),
        ),
      ),
    );
  const recorded = new Set(known.map((k) => k.id));
  return orders.filter((o) => !recorded.has(numericId(o.id)));
}

/**
 * LoyalNest's customer for the order's Shopify customer. When `customers/create` was lost too, a
 * bare member row is created (§3 "a member from their first sign-up or order"; in an opt-in shop
 * a non-member) with its zero balance; the next `customers/update` fills in the rest.
 */
async function ensureCustomer(
  tx: Transaction,
  shopId: string,
  membershipMode: "automatic" | "opt_in",
  order: OrderNode,
): Promise<number> {
  const { customers, pointBalances } = schema;
  const shopifyCustomerId = numericId(order.customerId!);
  await tx
    .insert(customers)
    .values({
      shopId,
      shopifyCustomerId,
      membershipStatus: membershipMode === "automatic" ? "member" : "not_member",
      joinedAt: membershipMode === "automatic" ? new Date(order.createdAt) : null,
    })
    .onConflictDoNothing();
  const [row] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.shopId, shopId), eq(customers.shopifyCustomerId, shopifyCustomerId)));
  await tx.insert(pointBalances).values({ shopId, customerId: row!.id }).onConflictDoNothing();
  return row!.id;
}
