import { schema, type Database } from "@loyalnest/db";
import { QUEUES, type WebhookJob } from "@loyalnest/queue";
import { sql } from "drizzle-orm";
import { fromDrizzle, type PgBoss } from "pg-boss";

export interface DeliveryToRecord {
  shopId: string;
  eventId: string;
  webhookId: string;
  topic: string;
  apiVersion: string;
  triggeredAt: Date | null;
  payload: object;
}

interface Waiting {
  delivery: DeliveryToRecord;
  settle: (outcome: "accepted" | "duplicate" | Error) => void;
}

/**
 * Group commit for the webhook edge. Deliveries that arrive while a commit is in flight wait and
 * go together in the next one: ONE transaction inserts all their rows (a repeated event id is
 * skipped) and enqueues all their jobs, so each delivery is still recorded and enqueued
 * atomically, but the cost of a durable commit is shared. With no concurrency a delivery is
 * committed at once, alone.
 */
export class DeliveryRecorder {
  private waiting: Waiting[] = [];
  private flushing = false;

  constructor(
    private readonly db: Database,
    private readonly boss: PgBoss,
    private readonly maxBatch = 256,
  ) {}

  record(delivery: DeliveryToRecord): Promise<"accepted" | "duplicate"> {
    return new Promise((resolve, reject) => {
      this.waiting.push({
        delivery,
        settle: (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome)),
      });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.waiting.length === 0) return;
    this.flushing = true;
    const batch = this.waiting.splice(0, this.maxBatch);
    try {
      const accepted = await this.commit(batch.map((w) => w.delivery));
      const seen = new Set<string>();
      for (const { delivery, settle } of batch) {
        const key = `${delivery.shopId}:${delivery.eventId}`;
        settle(accepted.has(key) && !seen.has(key) ? "accepted" : "duplicate");
        seen.add(key);
      }
    } catch (error) {
      for (const { settle } of batch) settle(error instanceof Error ? error : new Error(String(error)));
    } finally {
      this.flushing = false;
      void this.flush();
    }
  }

  /** Inserts the batch's rows and jobs in one transaction; returns the keys that were new. */
  private async commit(deliveries: DeliveryToRecord[]): Promise<Set<string>> {
    return this.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(schema.webhookDeliveries)
        .values(deliveries)
        .onConflictDoNothing()
        .returning({
          id: schema.webhookDeliveries.id,
          shopId: schema.webhookDeliveries.shopId,
          eventId: schema.webhookDeliveries.eventId,
          topic: schema.webhookDeliveries.topic,
        });
      if (inserted.length > 0) {
        const jobs = inserted.map((row) => ({
          data: { shopId: row.shopId, deliveryId: row.id, topic: row.topic } satisfies WebhookJob,
        }));
        await this.boss.insert(QUEUES.webhooks, jobs, { db: fromDrizzle(tx, sql) });
      }
      return new Set(inserted.map((row) => `${row.shopId}:${row.eventId}`));
    });
  }
}
