import { schema, type Database, type PiiKeyring, type Transaction } from "@loyalnest/db";
import type { WebhookJob } from "@loyalnest/queue";
import { and, eq, sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { z } from "zod";
import type { WebhookHandler } from "../handlers/define-handler";
import type { HandlerContext, HandlerOutcome } from "../handlers/handler-context";
import { handlerFor } from "../handlers/registry";
import { PermanentDeliveryError } from "./delivery-errors";

const { shops, webhookDeliveries } = schema;
type DeliveryStatus = (typeof webhookDeliveries.$inferSelect)["status"];

export interface PipelineDeps {
  db: Database;
  boss: PgBoss;
  keyring: PiiKeyring;
}

export type DeliveryResult =
  | { status: HandlerOutcome["status"]; deliveryId: number; note: string | null }
  | { status: "skipped"; deliveryId: number; note: string };

/** Deliveries already settled: a second job for one (a replay, an operator retry racing) does nothing. */
const SETTLED: ReadonlySet<DeliveryStatus> = new Set(["processed", "ignored"]);

export const webhookJobSchema = z.object({
  shopId: z.uuid(),
  deliveryId: z.number().int().positive(),
  topic: z.string().min(1),
});

/** Parses a job's data; a malformed job can never succeed. */
export function parseWebhookJob(data: unknown): WebhookJob {
  const parsed = webhookJobSchema.safeParse(data);
  if (!parsed.success)
    throw new PermanentDeliveryError(`malformed webhook job: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

/**
 * Runs one webhook job in ONE transaction: the delivery row is locked (so two jobs for one
 * delivery serialize), its payload parsed with the topic's schema, the handler called, and the
 * delivery's status written — all committed together, or none of it.
 */
export async function processDelivery(deps: PipelineDeps, job: WebhookJob): Promise<DeliveryResult> {
  const handler = handlerFor(job.topic);
  if (!handler) throw new PermanentDeliveryError(`no handler for topic "${job.topic}"`);
  return deps.db.transaction(async (tx) => {
    const delivery = await lockDelivery(tx, job);
    if (!delivery)
      return { status: "skipped", deliveryId: job.deliveryId, note: "the delivery no longer exists" };
    if (SETTLED.has(delivery.status)) {
      return { status: "skipped", deliveryId: delivery.id, note: `already ${delivery.status}` };
    }
    const outcome = await runHandler(tx, deps, handler, delivery);
    await settleDelivery(tx, job, outcome);
    return {
      status: outcome.status,
      deliveryId: delivery.id,
      note: outcome.status === "processed" ? (outcome.note ?? null) : outcome.reason,
    };
  });
}

type DeliveryRow = typeof webhookDeliveries.$inferSelect;

async function lockDelivery(tx: Transaction, job: WebhookJob): Promise<DeliveryRow | undefined> {
  const [row] = await tx
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.shopId, job.shopId), eq(webhookDeliveries.id, job.deliveryId)))
    .for("update");
  return row;
}

async function runHandler(
  tx: Transaction,
  deps: PipelineDeps,
  handler: WebhookHandler<unknown>,
  delivery: DeliveryRow,
): Promise<HandlerOutcome> {
  const [shop] = await tx.select({ status: shops.status }).from(shops).where(eq(shops.id, delivery.shopId));
  if (!shop) return { status: "ignored", reason: "the shop no longer exists" };
  if (shop.status !== "active" && !handler.runsForInactiveShop) {
    return { status: "ignored", reason: `the shop is ${shop.status}: its work has stopped` };
  }
  if (isRedactedPayload(delivery.payload)) {
    return { status: "ignored", reason: "the payload was erased by a GDPR redaction" };
  }
  const parsed = handler.schema.safeParse(delivery.payload);
  if (!parsed.success) {
    throw new PermanentDeliveryError(
      `${delivery.topic} payload does not match its schema: ${z.prettifyError(parsed.error)}`,
    );
  }
  const at = delivery.triggeredAt ?? delivery.receivedAt;
  const ctx: HandlerContext = {
    tx,
    shopId: delivery.shopId,
    delivery: {
      id: delivery.id,
      topic: delivery.topic,
      triggeredAt: delivery.triggeredAt,
      receivedAt: delivery.receivedAt,
    },
    keyring: deps.keyring,
    boss: deps.boss,
    at,
  };
  return handler.handle(ctx, parsed.data);
}

/** `customers/redact` replaces payloads that name the customer with this marker. */
const isRedactedPayload = (payload: unknown) =>
  typeof payload === "object" && payload !== null && (payload as { redacted?: unknown }).redacted === true;

async function settleDelivery(tx: Transaction, job: WebhookJob, outcome: HandlerOutcome) {
  await tx
    .update(webhookDeliveries)
    .set({
      status: outcome.status,
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      // Parked and ignored deliveries keep their reason where the operations view shows errors.
      lastError: outcome.status === "processed" ? null : outcome.reason,
      processedAt: sql`now()`,
    })
    .where(and(eq(webhookDeliveries.shopId, job.shopId), eq(webhookDeliveries.id, job.deliveryId)));
}

/**
 * Records a failed attempt outside the rolled-back transaction: `failed` while retries remain,
 * `dead` once the job is dead-lettered. A settled delivery is never downgraded.
 */
export async function recordDeliveryFailure(
  db: Database,
  job: WebhookJob,
  status: "failed" | "dead",
  message: string,
): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status, lastError: message, attempts: sql`${webhookDeliveries.attempts} + 1` })
    .where(
      and(
        eq(webhookDeliveries.shopId, job.shopId),
        eq(webhookDeliveries.id, job.deliveryId),
        sql`${webhookDeliveries.status} not in ('processed', 'ignored')`,
      ),
    );
}
