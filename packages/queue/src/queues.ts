import type { PgBoss } from "pg-boss";

/**
 * The named queues and their policies. Shopify events retry with exponential backoff (5 s, 10 s,
 * 20 s … capped at 10 min) and, after the last attempt, land in the dead-letter queue where
 * operations can see and retry them.
 */
export const QUEUES = {
  webhooks: "shopify-webhooks",
  webhooksDead: "shopify-webhooks-dead",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** The job a webhook delivery becomes: the delivery row holds the payload. */
export interface WebhookJob {
  shopId: string;
  deliveryId: number;
  topic: string;
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
  });
  // Queues created before `notify` existed get it too (createQueue leaves an existing queue alone).
  await boss.updateQueue(QUEUES.webhooks, { notify: true });
}
