import { schema, type Database } from "@loyalnest/db";
import { QUEUES, type WebhookJob } from "@loyalnest/queue";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { fromDrizzle, type PgBoss } from "pg-boss";

/** Delivery states an operator may need to act on. */
export const ATTENTION_STATUSES = ["failed", "dead", "parked"] as const;

export interface FailedDelivery {
  id: number;
  topic: string;
  eventId: string;
  status: (typeof ATTENTION_STATUSES)[number];
  attempts: number;
  lastError: string | null;
  receivedAt: Date;
}

export interface DeadJob {
  jobId: string;
  deliveryId: number;
  topic: string;
  failedAt: Date;
  error: string | null;
}

/**
 * The operations view for one shop: webhook deliveries that failed, died or wait parked, and the
 * jobs in the dead-letter queue — each with its error. Always scoped to the caller's shop.
 */
export async function listFailedWork(db: Database, shopId: string, limit = 100) {
  const deliveries = await db
    .select({
      id: schema.webhookDeliveries.id,
      topic: schema.webhookDeliveries.topic,
      eventId: schema.webhookDeliveries.eventId,
      status: schema.webhookDeliveries.status,
      attempts: schema.webhookDeliveries.attempts,
      lastError: schema.webhookDeliveries.lastError,
      receivedAt: schema.webhookDeliveries.receivedAt,
    })
    .from(schema.webhookDeliveries)
    .where(
      and(
        eq(schema.webhookDeliveries.shopId, shopId),
        inArray(schema.webhookDeliveries.status, [...ATTENTION_STATUSES]),
      ),
    )
    .orderBy(desc(schema.webhookDeliveries.receivedAt))
    .limit(limit);
  const deadJobs = await db.execute<{ id: string; data: WebhookJob; created_on: Date; output: unknown }>(sql`
    select id, data, created_on, output from pgboss.job
    where name = ${QUEUES.webhooksDead} and data->>'shopId' = ${shopId} and state in ('created', 'retry', 'failed')
    order by created_on desc limit ${limit}`);
  return {
    deliveries: deliveries as FailedDelivery[],
    deadJobs: deadJobs.map((row): DeadJob => ({
      jobId: row.id,
      deliveryId: Number(row.data.deliveryId),
      topic: row.data.topic,
      failedAt: new Date(row.created_on),
      error: errorMessage(row.output),
    })),
  };
}

export class DeliveryNotFoundError extends Error {
  override name = "DeliveryNotFoundError";
  constructor(readonly deliveryId: number) {
    super(`Webhook delivery ${deliveryId} does not exist in this shop`);
  }
}

/**
 * Retries one delivery: a fresh job is enqueued in the same transaction that resets the delivery,
 * and its dead-letter copies are removed. Handlers are idempotent, so a retry of work that had in
 * fact been applied changes nothing.
 */
export async function retryDelivery(db: Database, boss: PgBoss, shopId: string, deliveryId: number) {
  return db.transaction(async (tx) => {
    const [delivery] = await tx
      .select({ id: schema.webhookDeliveries.id, topic: schema.webhookDeliveries.topic })
      .from(schema.webhookDeliveries)
      .where(and(eq(schema.webhookDeliveries.shopId, shopId), eq(schema.webhookDeliveries.id, deliveryId)))
      .for("update");
    if (!delivery) throw new DeliveryNotFoundError(deliveryId);
    const job: WebhookJob = { shopId, deliveryId, topic: delivery.topic };
    const jobId = await boss.send(QUEUES.webhooks, job, { db: fromDrizzle(tx, sql) });
    await tx
      .update(schema.webhookDeliveries)
      .set({ status: "received", lastError: null, jobId })
      .where(and(eq(schema.webhookDeliveries.shopId, shopId), eq(schema.webhookDeliveries.id, deliveryId)));
    await tx.execute(sql`
      delete from pgboss.job where name = ${QUEUES.webhooksDead}
        and data->>'shopId' = ${shopId} and (data->>'deliveryId')::bigint = ${deliveryId}`);
    return { jobId };
  });
}

/** Retries every failed or dead delivery of the shop (parked ones wait for their order instead). */
export async function retryAllFailed(db: Database, boss: PgBoss, shopId: string) {
  const rows = await db
    .select({ id: schema.webhookDeliveries.id })
    .from(schema.webhookDeliveries)
    .where(
      and(
        eq(schema.webhookDeliveries.shopId, shopId),
        inArray(schema.webhookDeliveries.status, ["failed", "dead"]),
      ),
    );
  for (const row of rows) await retryDelivery(db, boss, shopId, row.id);
  return { retried: rows.length };
}

function errorMessage(output: unknown): string | null {
  if (output && typeof output === "object" && "message" in output) return String(output.message);
  return output === null || output === undefined ? null : JSON.stringify(output).slice(0, 500);
}
