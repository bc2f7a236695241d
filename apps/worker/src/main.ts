import { shopifyAppConfig } from "@loyalnest/api";
import { loadPiiKeyring, runMigrations } from "@loyalnest/db";
import { startMetafieldSync } from "./metafields";
import { startWorkerRuntime, stopOnSignals } from "./runtime";
import { createScheduleAdminClient, registerSchedules } from "./schedules";

/**
 * The worker process: one process type, run as many instances as load needs (pg-boss hands
 * each job to one of them with SKIP LOCKED). It migrates the database at start-up (serialized by
 * an advisory lock, so many instances can start together), then works the webhook queue and the
 * per-shop schedules, and stops gracefully on SIGTERM / SIGINT, letting in-flight jobs finish.
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
const keyring = loadPiiKeyring();
const runtime = await startWorkerRuntime({
  databaseUrl,
  keyring,
  batchSize: positiveInt(process.env.WORKER_BATCH_SIZE, 16),
  localConcurrency: positiveInt(process.env.WORKER_CONCURRENCY, 1),
  shutdownTimeoutMs: positiveInt(process.env.WORKER_SHUTDOWN_TIMEOUT_MS, 30_000),
});
// Per-shop schedules at the shop's local time: nightly RFM + tiers, daily expiry / birthdays /
// code release / pending release, and the reconciliation pass through the Admin API.
const app = shopifyAppConfig();
const admin = createScheduleAdminClient({
  db: runtime.database.db,
  keyring,
  credentials: { clientId: app.apiKey, clientSecret: app.apiSecret },
});
await registerSchedules(runtime.boss, { db: runtime.database.db, admin });
// Balance and tier changes mirrored into the customers' app-owned metafields, coalesced per customer.
const metafields = startMetafieldSync({ db: runtime.database.db, admin });
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => void metafields.stop());
stopOnSignals(runtime);
console.info("[worker] ready: working the webhook queue, the schedules and the metafield sync");
