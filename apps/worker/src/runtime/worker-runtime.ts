import { createDatabase, loadPiiKeyring, type DatabaseHandle, type PiiKeyring } from "@loyalnest/db";
import { createBoss, ensureQueues } from "@loyalnest/queue";
import type { PgBoss } from "pg-boss";
import { errorMessage } from "./delivery-errors";
import { DEFAULT_PARKED_SWEEP, sweepParkedDeliveries } from "./parked-sweep";
import {
  DEFAULT_WEBHOOK_WORKER_OPTIONS,
  startWebhookWorker,
  type WebhookWorkerOptions,
} from "./webhook-worker";

export interface WorkerRuntimeOptions extends WebhookWorkerOptions {
  databaseUrl: string;
  keyring?: PiiKeyring;
  /** How long shutdown waits for in-flight jobs before giving them back to the queue (they retry). */
  shutdownTimeoutMs?: number;
  /** The parked-delivery sweep; `false` turns it off (e.g. in tests that drive it themselves). */
  parkedSweep?: false | { intervalMs?: number; olderThanMinutes?: number; giveUpAfterHours?: number };
  /** Wall clock for the sweep's cut-offs (the only place the worker reads the time itself). */
  clock?: () => Date;
}

export interface WorkerRuntime {
  boss: PgBoss;
  database: DatabaseHandle;
  /** Stops fetching, lets in-flight jobs finish (bounded by the timeout), then closes connections. */
  stop(): Promise<void>;
}

/**
 * One worker process: a pg-boss instance woken by LISTEN/NOTIFY (short polling as the floor),
 * the webhook queue's batch worker, and the parked-delivery sweep. Stateless: run as many
 * processes as load needs; pg-boss hands each job to one of them (SKIP LOCKED).
 */
export async function startWorkerRuntime(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  const batchSize = options.batchSize ?? DEFAULT_WEBHOOK_WORKER_OPTIONS.batchSize;
  const loops = options.localConcurrency ?? DEFAULT_WEBHOOK_WORKER_OPTIONS.localConcurrency;
  // One connection per job in flight, plus the sweep and failure records.
  const database = createDatabase(options.databaseUrl, {
    max: batchSize * loops + 2,
    applicationName: "loyalnest-worker",
  });
  const boss = createBoss(options.databaseUrl, { useListenNotify: true });
  boss.on("error", (error: Error) => console.error("[worker] queue error:", error.message));
  await boss.start();
  await ensureQueues(boss);
  const deps = { db: database.db, boss, keyring: options.keyring ?? loadPiiKeyring() };
  await startWebhookWorker(boss, deps, options);
  const stopSweep = startParkedSweep(deps, options);

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      stopSweep();
      await boss.stop({ graceful: true, timeout: options.shutdownTimeoutMs ?? 30_000 });
      await database.close();
    })();
    return stopping;
  };
  return { boss, database, stop };
}

function startParkedSweep(deps: { db: DatabaseHandle["db"]; boss: PgBoss }, options: WorkerRuntimeOptions) {
  if (options.parkedSweep === false) return () => {};
  const settings = { ...DEFAULT_PARKED_SWEEP, intervalMs: 60_000, ...options.parkedSweep };
  const clock = options.clock ?? (() => new Date());
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepParkedDeliveries(deps.db, deps.boss, { ...settings, now: clock() })
      .catch((error: unknown) => console.error(`[worker] parked sweep failed: ${errorMessage(error)}`))
      .finally(() => {
        running = false;
      });
  }, settings.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** SIGTERM / SIGINT stop the runtime gracefully, then exit; a second signal does not interrupt it. */
export function stopOnSignals(
  runtime: WorkerRuntime,
  signals: readonly NodeJS.Signals[] = ["SIGTERM", "SIGINT"],
) {
  for (const signal of signals) {
    process.once(signal, () => {
      console.info(`[worker] ${signal}: finishing in-flight jobs`);
      runtime
        .stop()
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          console.error(`[worker] shutdown failed: ${errorMessage(error)}`);
          process.exit(1);
        });
    });
  }
}
