import { schema, type Database } from "@loyalnest/db";
import { TRPCError } from "@trpc/server";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { writeAudit } from "../audit";
import {
  ATTENTION_STATUSES,
  DeliveryNotFoundError,
  listFailedWork,
  retryAllFailed,
  retryDelivery,
  type FailedDelivery,
} from "../operations/failed-work";
import type { StaffActor } from "../trpc/auth/admin-session";

/**
 * The operations screen on top of `operations/failed-work.ts`: what failed, and staff retries —
 * each retry audited in the same transaction that enqueues the fresh job.
 */

const { webhookDeliveries } = schema;
type StaffContext = { shop: { id: string }; staff: StaffActor };

/** Whether pg-boss's tables exist (the worker, or the API with a queue, installs them). */
async function queueInstalled(db: Database): Promise<boolean> {
  const [row] = await db.execute<{ present: boolean }>(
    sql`select to_regclass('pgboss.job') is not null as present`,
  );
  return row?.present === true;
}

/**
 * Failed, dead and parked deliveries and the dead-lettered jobs of the shop. Without a job queue
 * installed there are no dead-lettered jobs to show, only the deliveries.
 */
export async function shopFailedWork(db: Database, shopId: string, limit: number) {
  if (await queueInstalled(db)) return { queueAvailable: true, ...(await listFailedWork(db, shopId, limit)) };
  const deliveries = await db
    .select({
      id: webhookDeliveries.id,
      topic: webhookDeliveries.topic,
      eventId: webhookDeliveries.eventId,
      status: webhookDeliveries.status,
      attempts: webhookDeliveries.attempts,
      lastError: webhookDeliveries.lastError,
      receivedAt: webhookDeliveries.receivedAt,
    })
    .from(webhookDeliveries)
    .where(
      and(eq(webhookDeliveries.shopId, shopId), inArray(webhookDeliveries.status, [...ATTENTION_STATUSES])),
    )
    .orderBy(desc(webhookDeliveries.receivedAt))
    .limit(limit);
  return { queueAvailable: false, deliveries: deliveries as FailedDelivery[], deadJobs: [] };
}

function requireBoss(boss: PgBoss | undefined): PgBoss {
  if (!boss) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Job queue unavailable" });
  return boss;
}

/**
 * `retryDelivery` / `retryAllFailed` open their own transaction on the handle they are given;
 * given ours, theirs becomes a savepoint inside it, so the enqueue, the reset and the audit row
 * commit (or roll back) together.
 */
const asHandle = (tx: Parameters<Parameters<Database["transaction"]>[0]>[0]) => tx as unknown as Database;

/** Retries one failed, dead or parked delivery of the shop: a fresh job, audited. */
export async function retryShopDelivery(
  db: Database,
  boss: PgBoss | undefined,
  ctx: StaffContext,
  deliveryId: number,
) {
  const [delivery] = await db
    .select({ id: webhookDeliveries.id, status: webhookDeliveries.status, topic: webhookDeliveries.topic })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.shopId, ctx.shop.id), eq(webhookDeliveries.id, deliveryId)));
  if (!delivery) throw new TRPCError({ code: "NOT_FOUND", message: "Webhook delivery not found." });
  if (!(ATTENTION_STATUSES as readonly string[]).includes(delivery.status)) {
    throw new TRPCError({
      code: "PRECONDITION_FAILED",
      message: `Only a failed, dead or parked delivery can be retried; this one is ${delivery.status}.`,
    });
  }
  const queue = requireBoss(boss);
  try {
    return await db.transaction(async (tx) => {
      const { jobId } = await retryDelivery(asHandle(tx), queue, ctx.shop.id, deliveryId);
      await writeAudit(tx, ctx, {
        action: "operations.retry",
        entityType: "webhook_delivery",
        entityId: deliveryId,
        changes: { topic: delivery.topic, fromStatus: delivery.status },
      });
      return { deliveryId, jobId };
    });
  } catch (error) {
    if (error instanceof DeliveryNotFoundError)
      throw new TRPCError({ code: "NOT_FOUND", message: "Webhook delivery not found.", cause: error });
    throw error;
  }
}

/** Retries every failed or dead delivery of the shop (parked ones wait for their order), audited once. */
export async function retryAllShopDeliveries(db: Database, boss: PgBoss | undefined, ctx: StaffContext) {
  const [pending] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(webhookDeliveries)
    .where(
      and(eq(webhookDeliveries.shopId, ctx.shop.id), inArray(webhookDeliveries.status, ["failed", "dead"])),
    );
  if (!pending || pending.n === 0) return { retried: 0 };
  const queue = requireBoss(boss);
  return db.transaction(async (tx) => {
    const { retried } = await retryAllFailed(asHandle(tx), queue, ctx.shop.id);
    await writeAudit(tx, ctx, {
      action: "operations.retry_all",
      entityType: "webhook_delivery",
      changes: { retried },
    });
    return { retried };
  });
}
