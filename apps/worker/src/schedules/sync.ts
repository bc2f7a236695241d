import { schema, type Database } from "@loyalnest/db";
import { eq } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { ensureScheduleQueues, PER_SHOP_QUEUES, SHOP_CRONS, type ShopJob } from "./queues";

export interface SyncResult {
  scheduled: string[];
  removed: string[];
}

/**
 * Keeps exactly one schedule per installed shop and queue, in the shop's time zone: installed
 * (`active`) shops are (re)scheduled — `schedule()` is an upsert, so a changed time zone is picked
 * up — and the schedules of shops that are gone (uninstalled, redacted, deleted) are removed.
 * Idempotent; run on start-up and every 10 minutes (the `schedule-sync` job): a new shop's first
 * schedules come within minutes, and until an uninstalled shop's are removed its jobs skip the run
 * (see `registerSchedules`).
 */
export async function syncSchedules(boss: PgBoss, db: Database): Promise<SyncResult> {
  // A schedule needs its queue; creating existing queues is a no-op.
  await ensureScheduleQueues(boss);
  const active = await db
    .select({ id: schema.shops.id, timezone: schema.shops.timezone })
    .from(schema.shops)
    .where(eq(schema.shops.status, "active"));
  const activeIds = new Set(active.map((s) => s.id));
  const removed = new Set<string>();
  for (const queue of PER_SHOP_QUEUES) {
    const existing = await boss.getSchedules(queue);
    const byKey = new Map(existing.map((s) => [s.key, s]));
    for (const shop of active) {
      const current = byKey.get(shop.id);
      if (current && current.timezone === shop.timezone && current.cron === SHOP_CRONS[queue]) continue;
      const data: ShopJob = { shopId: shop.id };
      // `once`: a night missed while no worker ran still gets its (idempotent) run.
      await boss.schedule(queue, SHOP_CRONS[queue], data, {
        tz: shop.timezone,
        key: shop.id,
        missed: "once",
      });
    }
    for (const schedule of existing) {
      if (activeIds.has(schedule.key)) continue;
      await boss.unschedule(queue, schedule.key);
      removed.add(schedule.key);
    }
  }
  return { scheduled: [...activeIds], removed: [...removed] };
}
