import type { PgBoss } from "pg-boss";

/**
 * The scheduled work (architecture "Data flow" 4), one queue per concern so a failing Shopify call
 * in the reconciliation never holds back birthdays or expiry. Each per-shop schedule is keyed by
 * the shop id and runs in the shop's time zone.
 */
export const SCHEDULE_QUEUES = {
  /** 01:00 shop time: RFM pass, tier evaluation of every member, segment snapshot (§8, §11). */
  nightly: "schedule-nightly",
  /** 00:10 shop time: birthdays, pending release, expiry warnings and expiry, unused codes (§4–§6). */
  daily: "schedule-daily",
  /** 03:30 shop time: re-read the last 3 days of orders and repair missed `orders/paid` webhooks. */
  reconcile: "schedule-reconcile",
  /** Every 10 minutes (UTC): keep one schedule per installed shop. */
  sync: "schedule-sync",
} as const;

export type ScheduleQueue = (typeof SCHEDULE_QUEUES)[keyof typeof SCHEDULE_QUEUES];

/** Cron expressions, read in the shop's zone by pg-boss (`tz`). */
export const SHOP_CRONS = {
  [SCHEDULE_QUEUES.nightly]: "0 1 * * *",
  // Just after local midnight, so a birthday's points are there when the shopper wakes up.
  [SCHEDULE_QUEUES.daily]: "10 0 * * *",
  // After the nightly pass, at a quiet hour for the shop's Admin API budget.
  [SCHEDULE_QUEUES.reconcile]: "30 3 * * *",
} as const;

export const PER_SHOP_QUEUES = [
  SCHEDULE_QUEUES.nightly,
  SCHEDULE_QUEUES.daily,
  SCHEDULE_QUEUES.reconcile,
] as const;

export const SYNC_CRON = "*/10 * * * *";
export const SYNC_KEY = "all-shops";

/** A job's payload: the shop, and for a continuation the instant and cursor of the run it continues. */
export interface ShopJob {
  shopId: string;
  /** ISO instant the run is evaluated at; absent on the scheduled job (the worker's clock then). */
  at?: string;
  /** Continuation cursor (last customer id done by the tier phase). */
  afterCustomerId?: number;
}

/**
 * Creates the queues. Retries with backoff (every step is idempotent, so a retry resumes where it
 * failed); a job that runs over its expiry is retried too, so handlers keep a time budget well
 * below it and hand the rest to a continuation job.
 */
export async function ensureScheduleQueues(boss: PgBoss): Promise<void> {
  for (const name of Object.values(SCHEDULE_QUEUES)) {
    await boss.createQueue(name, {
      retryLimit: 5,
      retryDelay: 60,
      retryBackoff: true,
      retryDelayMax: 1800,
      expireInSeconds: 1800,
      retentionSeconds: 7 * 86_400,
    });
  }
}
