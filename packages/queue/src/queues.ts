import type { ConnectionOptions, PgBoss } from "pg-boss";

/**
 * The named queues and their policies. Shopify events retry with exponential backoff (5 s, 10 s,
 * 20 s … capped at 10 min) and, after the last attempt, land in the dead-letter queue where
 * operations can see and retry them.
 */
export const QUEUES = {
  webhooks: "shopify-webhooks",
  webhooksDead: "shopify-webhooks-dead",
  /** A shop's RFM scores recomputed now, e.g. after the merchant changed the RFM settings. */
  rfmRescore: "rfm-rescore",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

const WEBHOOK_HEARTBEAT_SECONDS = 30;

/** The job a webhook delivery becomes: the delivery row holds the payload. */
export interface WebhookJob {
  shopId: string;
  deliveryId: number;
  topic: string;
}

/** The job asking for a shop's RFM pass now (the nightly one runs regardless). */
export interface RfmRescoreJob {
  shopId: string;
}

/**
 * Sends an RFM rescore for the shop, in the caller's transaction when one is given. The queue is
 * `stately` per shop: at most one waiting and one running, so a merchant saving settings five times
 * in a minute costs at most two passes, and the waiting one reads the latest settings.
 */
export function sendRfmRescore(boss: PgBoss, job: RfmRescoreJob, connection: ConnectionOptions = {}) {
  return boss.send(QUEUES.rfmRescore, job, { singletonKey: job.shopId, ...connection });
}

/** Creates the queues (idempotent: pg-boss skips existing ones). */
export async function ensureQueues(boss: PgBoss): Promise<void> {
  await boss.createQueue(QUEUES.webhooksDead, { retentionSeconds: 14 * 86_400 });
  await boss.createQueue(QUEUES.webhooks, {
    retryLimit: 8,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 600,
    expireInSeconds: 300,
    deadLetter: QUEUES.webhooksDead,
    // Jobs wake workers at once through LISTEN/NOTIFY (quality.md P2); polling stays as the fallback.
    notify: true,
    // Workers refresh a heartbeat while they hold a job; a job whose worker died (SIGKILL, lost
    // connection) is retried once its heartbeat is stale, instead of waiting out expireInSeconds.
    heartbeatSeconds: WEBHOOK_HEARTBEAT_SECONDS,
  });
  await boss.createQueue(QUEUES.rfmRescore, {
    policy: "stately",
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    // A pass over a million customers takes about a minute on a small machine.
    expireInSeconds: 1_800,
  });
  // Queues created before these options existed get them too (createQueue leaves an existing queue alone).
  await boss.updateQueue(QUEUES.webhooks, { notify: true, heartbeatSeconds: WEBHOOK_HEARTBEAT_SECONDS });
}
