import { runShopRfm, schema } from "@loyalnest/db";
import { ensureQueues, QUEUES, type RfmRescoreJob } from "@loyalnest/queue";
import { eq } from "drizzle-orm";
import type { Job, PgBoss } from "pg-boss";
import type { ScheduleDeps } from "./context";
import { runDaily } from "./daily";
import { runNightly } from "./nightly";
import { ensureScheduleQueues, SCHEDULE_QUEUES, SYNC_CRON, SYNC_KEY, type ShopJob } from "./queues";
import { reconcileOrders } from "./reconcile";
import { syncSchedules } from "./sync";

/**
 * Wires the scheduled work into a started pg-boss: creates the queues, registers the workers (with
 * the on-demand RFM rescore's, which shares their dependencies), schedules the periodic schedule
 * sync and runs it once, so every installed shop has its nightly, daily and reconciliation
 * schedules in its own time zone. Call from the worker's main after
 * `boss.start()`; safe in any number of processes (pg-boss hands each job to one of them).
 */
export async function registerSchedules(boss: PgBoss, deps: ScheduleDeps): Promise<void> {
  await ensureScheduleQueues(boss);
  await ensureQueues(boss);
  const now = deps.now ?? (() => new Date());
  await boss.work<ShopJob>(SCHEDULE_QUEUES.nightly, async ([job]) =>
    forInstalledShop(deps, job!, () => handleNightly(boss, deps, job!, now)),
  );
  await boss.work<ShopJob>(SCHEDULE_QUEUES.daily, async ([job]) =>
    forInstalledShop(deps, job!, () => handleDaily(boss, deps, job!, now)),
  );
  await boss.work<ShopJob>(SCHEDULE_QUEUES.reconcile, async ([job]) =>
    forInstalledShop(deps, job!, () => {
      const at = job!.data.at ? new Date(job!.data.at) : now();
      return reconcileOrders(deps, job!.data.shopId, at);
    }),
  );
  // On demand (the RFM settings were saved): the pass alone, at the present instant.
  await boss.work<RfmRescoreJob>(QUEUES.rfmRescore, async ([job]) =>
    forInstalledShop(deps, job!, async () => {
      const { day, customers, customersChanged } = await runShopRfm(deps.db, job!.data.shopId, now());
      return { day, customers, customersChanged };
    }),
  );
  await boss.work(SCHEDULE_QUEUES.sync, async () => syncSchedules(boss, deps.db));
  await boss.schedule(SCHEDULE_QUEUES.sync, SYNC_CRON, null, { key: SYNC_KEY });
  await syncSchedules(boss, deps.db);
}

/**
 * A shop's schedules outlive its uninstall by up to one sync (10 minutes), and a job may already be
 * queued: "app/uninstalled stops all work for the shop at once", so each run checks first.
 */
async function forInstalledShop<T>(deps: ScheduleDeps, job: Job<{ shopId: string }>, run: () => Promise<T>) {
  const [shop] = await deps.db
    .select({ status: schema.shops.status })
    .from(schema.shops)
    .where(eq(schema.shops.id, job.data.shopId));
  if (shop?.status !== "active") return { skipped: `the shop is ${shop?.status ?? "gone"}` };
  return run();
}

/**
 * The nightly job; when its time budget runs out it sends a continuation for the same instant
 * and cursor (deduplicated by a singleton key, so a retried job cannot fork the run).
 */
export async function handleNightly(boss: PgBoss, deps: ScheduleDeps, job: Job<ShopJob>, now: () => Date) {
  const { shopId, afterCustomerId } = job.data;
  const at = job.data.at ? new Date(job.data.at) : now();
  const result = await runNightly(deps, shopId, at, afterCustomerId);
  if (result.continueAfter !== null) {
    const next: ShopJob = { shopId, at: at.toISOString(), afterCustomerId: result.continueAfter };
    await boss.send(SCHEDULE_QUEUES.nightly, next, {
      singletonKey: `nightly:${shopId}:${next.at}:${next.afterCustomerId}`,
    });
  }
  return { ...result, rfm: result.rfm && { day: result.rfm.day, customers: result.rfm.customers } };
}

/** The daily job; steps left unfinished at the budget are finished by a re-run of the same instant. */
export async function handleDaily(boss: PgBoss, deps: ScheduleDeps, job: Job<ShopJob>, now: () => Date) {
  const { shopId } = job.data;
  const at = job.data.at ? new Date(job.data.at) : now();
  const result = await runDaily(deps, shopId, at);
  if (result.unfinished.length > 0) {
    await boss.send(SCHEDULE_QUEUES.daily, { shopId, at: at.toISOString() } satisfies ShopJob, {
      singletonKey: `daily:${shopId}:${at.toISOString()}:${job.id}`,
    });
  }
  return result;
}
