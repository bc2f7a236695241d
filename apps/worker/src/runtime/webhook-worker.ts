import { QUEUES, type WebhookJob } from "@loyalnest/queue";
import type { JobResult, JobWithMetadata, PgBoss } from "pg-boss";
import { errorMessage, PermanentDeliveryError } from "./delivery-errors";
import {
  parseWebhookJob,
  processDelivery,
  recordDeliveryFailure,
  type PipelineDeps,
} from "./process-delivery";

export interface WebhookWorkerOptions {
  /** Jobs fetched per round trip; the jobs of a batch run concurrently. */
  batchSize?: number;
  /** Independent fetch loops per process: in flight at most `batchSize × localConcurrency`. */
  localConcurrency?: number;
  /** Idle poll when LISTEN/NOTIFY is unavailable (pg-boss's default of seconds is too slow for P2). */
  pollingIntervalSeconds?: number;
}

export const DEFAULT_WEBHOOK_WORKER_OPTIONS = {
  batchSize: 16,
  localConcurrency: 1,
  pollingIntervalSeconds: 0.5,
} as const satisfies Required<WebhookWorkerOptions>;

/**
 * Registers the webhook queue's worker. Each job of a batch is settled on its own
 * (`perJobResults`): one poison message never fails its neighbours.
 * - success → completed;
 * - permanent error → `deadletter` (straight to the dead-letter queue), delivery `dead`;
 * - anything else → failed, so pg-boss retries it with backoff; the delivery is `failed`, and
 *   `dead` on the last attempt, when pg-boss moves the job to the dead-letter queue.
 * Per-customer serialization comes from the services' row and advisory locks, not from the queue,
 * so any number of processes can run this.
 */
export async function startWebhookWorker(
  boss: PgBoss,
  deps: PipelineDeps,
  options: WebhookWorkerOptions = {},
): Promise<string> {
  const settings = { ...DEFAULT_WEBHOOK_WORKER_OPTIONS, ...options };
  return boss.work(
    QUEUES.webhooks,
    {
      batchSize: settings.batchSize,
      localConcurrency: settings.localConcurrency,
      pollingIntervalSeconds: settings.pollingIntervalSeconds,
      notifyPollingIntervalSeconds: 5,
      burstWhenBatchFull: true,
      includeMetadata: true,
      perJobResults: true,
    } as const,
    (jobs: JobWithMetadata<WebhookJob>[]) => Promise.all(jobs.map((job) => settleJob(deps, job))),
  );
}

export async function settleJob(deps: PipelineDeps, job: JobWithMetadata<WebhookJob>): Promise<JobResult> {
  let data: WebhookJob | null = null;
  try {
    data = parseWebhookJob(job.data);
    const result = await processDelivery(deps, data);
    return { id: job.id, status: "completed", output: result };
  } catch (error) {
    const message = errorMessage(error);
    const permanent = error instanceof PermanentDeliveryError;
    const lastAttempt = permanent || job.retryCount >= job.retryLimit;
    if (data) await recordFailureQuietly(deps, data, lastAttempt ? "dead" : "failed", message);
    if (!permanent)
      console.error(`[worker] ${job.name} ${job.id} attempt ${job.retryCount + 1} failed: ${message}`);
    return { id: job.id, status: permanent ? "deadletter" : "failed", output: { message } };
  }
}

/** The failure is recorded best-effort: if the database is what failed, pg-boss's retry is the record. */
async function recordFailureQuietly(
  deps: PipelineDeps,
  job: WebhookJob,
  status: "failed" | "dead",
  message: string,
) {
  try {
    await recordDeliveryFailure(deps.db, job, status, message);
  } catch (error) {
    console.error(
      `[worker] could not record the failure of delivery ${job.deliveryId}: ${errorMessage(error)}`,
    );
  }
}
