import { runMigrations } from "@loyalnest/db";
import { startWorkerRuntime, stopOnSignals } from "./runtime";

/**
 * The worker process: one process type, run as many instances as load needs (pg-boss hands
 * each job to one of them with SKIP LOCKED). It migrates the database at start-up (serialized by
 * an advisory lock, so many instances can start together), then works the webhook queue, and
 * stops gracefully on SIGTERM / SIGINT, letting in-flight jobs finish.
 */
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set. Start the stack with `npm run dev`, which provides one.");
  process.exit(1);
}

const positiveInt = (value: string | undefined, fallback: number) => {
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) && parsed > 0 ? parsed : fallback;
};

await runMigrations(databaseUrl);
const runtime = await startWorkerRuntime({
  databaseUrl,
  batchSize: positiveInt(process.env.WORKER_BATCH_SIZE, 16),
  localConcurrency: positiveInt(process.env.WORKER_CONCURRENCY, 1),
  shutdownTimeoutMs: positiveInt(process.env.WORKER_SHUTDOWN_TIMEOUT_MS, 30_000),
});
stopOnSignals(runtime);
console.info("[worker] ready: working the webhook queue");
