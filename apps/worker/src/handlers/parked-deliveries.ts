import { schema } from "@loyalnest/db";
import { QUEUES, type WebhookJob } from "@loyalnest/queue";
import { and, eq, or, sql } from "drizzle-orm";
import { fromDrizzle } from "pg-boss";
import type { HandlerContext } from "./handler-context";

const { webhookDeliveries } = schema;

/**
 * "A refund that arrives before its order is parked and replayed." Once the order is known, its
 * parked refunds and cancellations are set back to `received` and enqueued again — on the same
 * transaction, so they are replayed exactly when the order's row is committed.
 */
export async function replayParkedForOrder(ctx: HandlerContext, shopifyOrderId: number): Promise<number> {
  const orderId = String(shopifyOrderId);
  const rows = await ctx.tx
    .update(webhookDeliveries)
    .set({ status: "received", lastError: null })
    .where(
      and(
        eq(webhookDeliveries.shopId, ctx.shopId),
        eq(webhookDeliveries.status, "parked"),
        or(
          and(
            eq(webhookDeliveries.topic, "refunds/create"),
            sql`${webhookDeliveries.payload}->>'order_id' = ${orderId}`,
          ),
          and(
            eq(webhookDeliveries.topic, "orders/cancelled"),
            sql`${webhookDeliveries.payload}->>'id' = ${orderId}`,
          ),
        ),
      ),
    )
    .returning({ id: webhookDeliveries.id, topic: webhookDeliveries.topic });
  for (const row of rows) {
    const job: WebhookJob = { shopId: ctx.shopId, deliveryId: row.id, topic: row.topic };
    const jobId = await ctx.boss.send(QUEUES.webhooks, job, { db: fromDrizzle(ctx.tx, sql) });
    await ctx.tx
      .update(webhookDeliveries)
      .set({ jobId })
      .where(and(eq(webhookDeliveries.shopId, ctx.shopId), eq(webhookDeliveries.id, row.id)));
  }
  return rows.length;
}
