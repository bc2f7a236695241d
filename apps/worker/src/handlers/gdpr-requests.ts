import { schema } from "@loyalnest/db";
import { and, eq, sql } from "drizzle-orm";
import type { HandlerContext } from "./handler-context";

const { gdprRequests } = schema;
type Kind = (typeof gdprRequests.$inferSelect)["kind"];

/**
 * "Each request is logged with its status" (§13): one `gdpr_requests` row per request. A request
 * replayed (a retried job, or Shopify sending the same request again) reuses its row.
 */
export async function openGdprRequest(
  ctx: HandlerContext,
  input: {
    kind: Kind;
    shopifyCustomerId: number;
    customerId: number | null;
    orders: readonly number[];
    shopifyRequestId: string | null;
  },
) {
  const existing = input.shopifyRequestId
    ? await ctx.tx
        .select()
        .from(gdprRequests)
        .where(
          and(
            eq(gdprRequests.shopId, ctx.shopId),
            eq(gdprRequests.kind, input.kind),
            eq(gdprRequests.shopifyRequestId, input.shopifyRequestId),
          ),
        )
    : [];
  if (existing[0]) return existing[0];
  const [row] = await ctx.tx
    .insert(gdprRequests)
    .values({
      shopId: ctx.shopId,
      kind: input.kind,
      status: "processing",
      shopifyCustomerId: input.shopifyCustomerId,
      customerId: input.customerId,
      ordersRequested: input.orders.map(String),
      shopifyRequestId: input.shopifyRequestId,
      receivedAt: ctx.at,
    })
    .returning();
  return row!;
}

export async function completeGdprRequest(ctx: HandlerContext, id: number, exportEnc?: string | null) {
  await ctx.tx
    .update(gdprRequests)
    .set({
      status: "completed",
      completedAt: sql`now()`,
      lastError: null,
      ...(exportEnc === undefined ? {} : { exportEnc }),
    })
    .where(and(eq(gdprRequests.shopId, ctx.shopId), eq(gdprRequests.id, id)));
}
