import { schema, type Database } from "@loyalnest/db";
import { QUEUES, type WebhookJob } from "@loyalnest/queue";
import { and, eq, sql } from "drizzle-orm";
import { fromDrizzle, type PgBoss } from "pg-boss";

const { webhookDeliveries } = schema;

export interface ParkedSweepOptions {
  /** Parked at least this long ago (its last attempt) before it is tried again. */
  olderThanMinutes: number;
  /**
   * A delivery received this long ago whose order never came is given up: `ignored`, with the
   * reason kept. Nothing was earned on an order LoyalNest never saw, so nothing is owed back.
   */
  giveUpAfterHours: number;
  /** Deliveries handled per sweep (the next sweep takes the rest). */
  limit: number;
  now: Date;
}

export const DEFAULT_PARKED_SWEEP = { olderThanMinutes: 10, giveUpAfterHours: 7 * 24, limit: 500 } as const;

/**
 * Replays parked deliveries whose order may have come by a path that did not replay them (a
 * reconciliation, an operator), and gives up on the ones too old to expect their order. Rows
 * are claimed with SKIP LOCKED, so sweeps in several worker processes never double up (and a
 * doubled job would still be harmless: the delivery row serializes its jobs).
 */
export async function sweepParkedDeliveries(
  db: Database,
  boss: PgBoss,
  options: ParkedSweepOptions,
): Promise<{ replayed: number; givenUp: number }> {
  const parkedBefore = new Date(options.now.getTime() - options.olderThanMinutes * 60_000);
  const receivedBefore = new Date(options.now.getTime() - options.giveUpAfterHours * 3_600_000);
  return db.transaction(async (tx) => {
    const rows = await tx.execute<{
      shop_id: string;
      id: number;
      topic: string;
      received_at: Date | string;
    }>(sql`
      select shop_id, id, topic, received_at from webhook_deliveries
      where status = 'parked' and processed_at < ${parkedBefore.toISOString()}::timestamptz
      order by processed_at limit ${options.limit}
      for update skip locked`);
    let replayed = 0;
    let givenUp = 0;
    for (const row of rows) {
      const key = and(eq(webhookDeliveries.shopId, row.shop_id), eq(webhookDeliveries.id, Number(row.id)));
      if (new Date(row.received_at) < receivedBefore) {
        await tx
          .update(webhookDeliveries)
          .set({
            status: "ignored",
            lastError: `gave up after ${options.giveUpAfterHours} h: its order never arrived`,
          })
          .where(key);
        givenUp++;
        continue;
      }
      const job: WebhookJob = { shopId: row.shop_id, deliveryId: Number(row.id), topic: row.topic };
      const jobId = await boss.send(QUEUES.webhooks, job, { db: fromDrizzle(tx, sql) });
      await tx.update(webhookDeliveries).set({ status: "received", jobId }).where(key);
      replayed++;
    }
    return { replayed, givenUp };
  });
}
