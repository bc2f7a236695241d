import {
  evaluateCustomerRfm,
  RFM_SEGMENTS,
  type CutPoints,
  type QuintileModel,
  type RfmConfig,
  type RfmResult,
  type RfmSegment,
  type RfmSegmentCountRow,
  type RfmShopContext,
} from "@loyalnest/domain";
import { and, eq, sql } from "drizzle-orm";
import type { Executor, Transaction } from "../client";
import { customers, orderSummaries, rfmScores, rfmShopContext } from "../schema";
import { measureStatement, METRICS_TABLE, scoreStatement } from "./rfm-sql";
import { loadRfmSetup, localDayString, rfmWindowStart } from "./rfm-setup";

/**
 * §11 RFM on the database: the nightly whole-shop pass in SQL and the per-customer recomputation
 * on each paid order or refund.
 *
 * Rules chosen where §11 is silent (beyond the domain's own, see packages/domain/src/rfm):
 * - Every customer row of the shop is scored, GDPR tombstones included (their scores carry no
 *   personal data and keep the daily segment counts consistent); guest orders are nobody's and
 *   count neither for a customer nor for the shop's AOV.
 * - `rfm_scores.computed_at` is the `asOf` of the computation that last changed the row: the
 *   nightly pass does not rewrite a row whose values are unchanged (a customer inactive night
 *   after night), which saves most of the writes of a store with many dormant customers.
 * - The shop context of a per-customer recomputation (the AOV in band mode, the quintile cut
 *   points) is the last nightly pass's, stored by the pass in `rfm_shop_context`: its AOV is
 *   Σ monetary ÷ Σ frequency of the scored rows, and its cut point for score k is the lowest value
 *   (highest recency days) among the customers scoring ≥ k. Reading one stored row keeps scoring a
 *   customer on each order independent of the shop's size. Before a shop's first pass the AOV is
 *   measured live from its orders, at most once an hour (stored as a 'live' context), and quintile
 *   mode scores everyone 1 (no cut points yet).
 */

interface PassRow extends Record<string, unknown> {
  segment: RfmSegment;
  customers: number;
  big_spenders: number;
  scored: number;
  synced: number;
  aov: string | number;
}

export interface RfmPassSummary {
  /** Shop-local day of the pass (the `rfm_segment_counts.day` written). */
  day: string;
  /** Customers scored. */
  customers: number;
  /** Customers whose `rfm_*` columns changed. */
  customersChanged: number;
  aovMinor: number;
  counts: RfmSegmentCountRow[];
}

/**
 * §11 the nightly pass for one shop at `asOf`, set-based: one statement measures every customer,
 * one scores them, upserts `rfm_scores`, syncs `customers.rfm_*` and writes the day's segment
 * counts. Idempotent: running it again at the same `asOf` writes the same rows. Runs in its own
 * transaction (a savepoint when `db` is already one).
 */
export async function runShopRfm(db: Executor, shopId: string, asOf: Date): Promise<RfmPassSummary> {
  const { config, timeZone } = await loadRfmSetup(db, shopId);
  const params = {
    shopId,
    asOf,
    windowStart: rfmWindowStart(asOf, timeZone, config.windowDays),
    today: localDayString(asOf, timeZone),
    timeZone,
    config,
  };
  const rows = await db.transaction(async (tx) => {
    // A nightly batch job: give the aggregate and the sorts room instead of spilling to disk.
    await tx.execute(sql`set local work_mem = '256MB'`);
    // JIT compilation costs more than it saves on these short expressions (measured in bench/p3).
    await tx.execute(sql`set local jit = off`);
    await tx.execute(sql`drop table if exists ${sql.raw(`pg_temp.${METRICS_TABLE}`)}`);
    await tx.execute(measureStatement(params));
    await tx.execute(sql`analyze ${sql.raw(`pg_temp.${METRICS_TABLE}`)}`);
    const result = await tx.execute<PassRow>(scoreStatement(params));
    await savePassContext(tx, shopId, asOf);
    return result;
  });
  const bySegment = new Map(rows.map((r) => [r.segment, r]));
  const first = rows[0];
  return {
    day: params.today,
    customers: first?.scored ?? 0,
    customersChanged: first?.synced ?? 0,
    aovMinor: Number(first?.aov ?? 0),
    counts: RFM_SEGMENTS.map((segment) => ({
      day: params.today,
      segment,
      customers: bySegment.get(segment)?.customers ?? 0,
      bigSpenders: bySegment.get(segment)?.big_spenders ?? 0,
    })),
  };
}

/**
 * §11 "Recomputed for one customer on each paid order or refund": the customer's orders through
 * the domain's `evaluateCustomerRfm`, against the shop context of the last nightly pass (see the
 * module note), written to `rfm_scores` and `customers.rfm_*` in the caller's transaction.
 */
export async function recomputeCustomerRfm(
  tx: Transaction,
  shopId: string,
  customerId: number,
  asOf: Date,
): Promise<RfmResult> {
  const { config, timeZone } = await loadRfmSetup(tx, shopId);
  const orders = await tx
    .select({
      paidAt: orderSummaries.paidAt,
      cancelledAt: orderSummaries.cancelledAt,
      totalMinor: orderSummaries.totalMinor,
      refundedMinor: orderSummaries.refundedMinor,
    })
    .from(orderSummaries)
    .where(and(eq(orderSummaries.shopId, shopId), eq(orderSummaries.customerId, customerId)));
  const shop = await shopContext(tx, shopId, config, asOf, timeZone);
  const result = evaluateCustomerRfm({ orders, asOf, timeZone, config, shop });
  await saveCustomerRfm(tx, shopId, customerId, result, asOf);
  return result;
}

async function saveCustomerRfm(
  tx: Transaction,
  shopId: string,
  customerId: number,
  result: RfmResult,
  asOf: Date,
) {
  const values = {
    recencyDays: result.recencyDays,
    frequency: result.frequency,
    monetaryMinor: result.monetaryMinor,
    r: result.r,
    f: result.f,
    m: result.m,
    compositeX10: result.compositeX10,
    segment: result.segment,
    bigSpender: result.bigSpender,
    computedAt: asOf,
  };
  await tx
    .insert(rfmScores)
    .values({ shopId, customerId, ...values })
    .onConflictDoUpdate({ target: [rfmScores.shopId, rfmScores.customerId], set: values });
  await tx
    .update(customers)
    .set({
      rfmSegment: result.segment,
      rfmRecencyScore: result.r,
      rfmFrequencyScore: result.f,
      rfmMonetaryScore: result.m,
      rfmCompositeX10: result.compositeX10,
      rfmBigSpender: result.bigSpender,
      updatedAt: sql`now()`,
    })
    .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)));
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const cuts = (a: unknown, b: unknown, c: unknown, d: unknown): CutPoints => [num(a), num(b), num(c), num(d)];

/** A live AOV is measured again once it is older than this (only before a shop's first pass). */
const LIVE_AOV_MAX_AGE_MS = 60 * 60 * 1000;

/** The context a customer is scored against: the last pass's, or a live AOV before the first pass. */
async function shopContext(
  tx: Transaction,
  shopId: string,
  config: RfmConfig,
  asOf: Date,
  timeZone: string,
): Promise<RfmShopContext> {
  const [stored] = await tx.select().from(rfmShopContext).where(eq(rfmShopContext.shopId, shopId));
  if (stored?.source === "pass") {
    return {
      aovMinor: stored.aovMinor,
      quintileModel: config.mode === "quintile" ? stored.quintileModel : null,
    };
  }
  const fresh = stored && Math.abs(asOf.getTime() - stored.computedAt.getTime()) <= LIVE_AOV_MAX_AGE_MS;
  const aovMinor = fresh ? stored.aovMinor : await liveAov(tx, shopId, config, asOf, timeZone);
  if (!fresh) {
    const live = { source: "live" as const, aovMinor, quintileModel: null, computedAt: asOf };
    await tx
      .insert(rfmShopContext)
      .values({ shopId, ...live })
      // A pass that committed meanwhile wins: its figures are never replaced by a live estimate.
      .onConflictDoUpdate({
        target: rfmShopContext.shopId,
        set: live,
        setWhere: sql`${rfmShopContext.source} = 'live'`,
      });
  }
  return { aovMinor, quintileModel: config.mode === "quintile" ? EMPTY_QUINTILE_MODEL : null };
}

/** Quintile mode before any pass: no cut points, so everyone scores 1. */
const EMPTY_QUINTILE_MODEL: QuintileModel = {
  recencyMaxDays: [null, null, null, null],
  frequencyMin: [null, null, null, null],
  monetaryMinMinor: [null, null, null, null],
  population: 0,
};

/** Stores the AOV and quintile model of the scores the pass just wrote (one scan, once a night). */
async function savePassContext(tx: Transaction, shopId: string, asOf: Date) {
  const [r = {}] = await tx.execute<Record<string, string | number | null>>(sql`
    select coalesce(sum(monetary_minor)::bigint / nullif(sum(frequency), 0)::bigint, 0) as aov,
           count(*) filter (where frequency > 0)::int as population,
           max(recency_days) filter (where frequency > 0 and r >= 2) as r2,
           max(recency_days) filter (where frequency > 0 and r >= 3) as r3,
           max(recency_days) filter (where frequency > 0 and r >= 4) as r4,
           max(recency_days) filter (where frequency > 0 and r >= 5) as r5,
           min(frequency) filter (where frequency > 0 and f >= 2) as f2,
           min(frequency) filter (where frequency > 0 and f >= 3) as f3,
           min(frequency) filter (where frequency > 0 and f >= 4) as f4,
           min(frequency) filter (where frequency > 0 and f >= 5) as f5,
           min(monetary_minor) filter (where frequency > 0 and m >= 2) as m2,
           min(monetary_minor) filter (where frequency > 0 and m >= 3) as m3,
           min(monetary_minor) filter (where frequency > 0 and m >= 4) as m4,
           min(monetary_minor) filter (where frequency > 0 and m >= 5) as m5
    from rfm_scores where shop_id = ${shopId}::uuid`);
  const pass = {
    source: "pass" as const,
    aovMinor: Number(r.aov ?? 0),
    quintileModel: {
      recencyMaxDays: cuts(r.r2, r.r3, r.r4, r.r5),
      frequencyMin: cuts(r.f2, r.f3, r.f4, r.f5),
      monetaryMinMinor: cuts(r.m2, r.m3, r.m4, r.m5),
      population: Number(r.population ?? 0),
    },
    computedAt: asOf,
  };
  await tx
    .insert(rfmShopContext)
    .values({ shopId, ...pass })
    .onConflictDoUpdate({ target: rfmShopContext.shopId, set: pass });
}

/** The shop's AOV measured now from its customers' orders (only before its first nightly pass). */
async function liveAov(tx: Transaction, shopId: string, config: RfmConfig, asOf: Date, timeZone: string) {
  const start = rfmWindowStart(asOf, timeZone, config.windowDays);
  const [row] = await tx.execute<{ aov: string | number }>(sql`
    select coalesce(sum(greatest(0, total_minor - refunded_minor))::bigint / nullif(count(*), 0), 0) as aov
    from order_summaries
    where shop_id = ${shopId}::uuid and customer_id is not null and paid_at is not null
      and cancelled_at is null and paid_at <= ${asOf.toISOString()}::timestamptz
      ${start ? sql`and paid_at >= ${start.toISOString()}::timestamptz` : sql``}`);
  return Number(row?.aov ?? 0);
}
