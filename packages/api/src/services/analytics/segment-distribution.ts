import type { Executor } from "@loyalnest/db";
import { RFM_SEGMENTS, type RfmSegment } from "@loyalnest/domain";
import { sql } from "drizzle-orm";
import type { DayRange } from "./range";

/**
 * §11 "Daily segment counts are kept so the admin can chart movement over time": customers per
 * RFM segment now, and the daily snapshots (`rfm_segment_counts`, written by the nightly pass on
 * the shop-local day) over a range of days.
 *
 * Rules chosen where the spec is silent:
 * - "Now" counts every customer the RFM pass scores (as the snapshots do, see
 *   packages/db/src/loyalty/rfm.ts), by their current segment; `unscored` have none yet.
 * - The series lists only the days that have a snapshot (a day the pass did not run is a gap,
 *   not zeros). `change` compares the first and the last snapshot of the range per segment.
 */
export type SegmentCounts = Record<RfmSegment, number>;

export interface SegmentDay {
  day: string;
  segments: SegmentCounts;
  bigSpenders: number;
}

export interface SegmentDistributionReport {
  now: { segments: SegmentCounts; bigSpenders: number; unscored: number };
  series: SegmentDay[];
  change: { from: string; to: string; delta: SegmentCounts } | null;
}

const zeroCounts = (): SegmentCounts => Object.fromEntries(RFM_SEGMENTS.map((s) => [s, 0])) as SegmentCounts;

export async function segmentDistribution(
  db: Executor,
  shop: { id: string },
  range: DayRange,
): Promise<SegmentDistributionReport> {
  const current = await db.execute<{
    segment: RfmSegment | null;
    customers: number;
    big_spenders: number;
  }>(sql`
    select rfm_segment as segment, count(*)::int as customers,
           count(*) filter (where rfm_big_spender)::int as big_spenders
    from customers where shop_id = ${shop.id}::uuid
    group by rfm_segment`);
  const snapshots = await db.execute<{
    day: string;
    segment: RfmSegment;
    customers: number;
    big_spenders: number;
  }>(sql`
    select to_char(day, 'YYYY-MM-DD') as day, segment, customers, big_spenders
    from rfm_segment_counts
    where shop_id = ${shop.id}::uuid and day >= ${range.from}::date and day <= ${range.to}::date
    order by day, segment`);

  const now = { segments: zeroCounts(), bigSpenders: 0, unscored: 0 };
  for (const row of current) {
    if (row.segment === null) now.unscored += row.customers;
    else {
      now.segments[row.segment] += row.customers;
      now.bigSpenders += row.big_spenders;
    }
  }
  const days = new Map<string, SegmentDay>();
  for (const row of snapshots) {
    const day = days.get(row.day) ?? { day: row.day, segments: zeroCounts(), bigSpenders: 0 };
    day.segments[row.segment] += row.customers;
    day.bigSpenders += row.big_spenders;
    days.set(row.day, day);
  }
  const series = [...days.values()];
  const first = series[0];
  const last = series[series.length - 1];
  const change =
    first && last
      ? {
          from: first.day,
          to: last.day,
          delta: Object.fromEntries(
            RFM_SEGMENTS.map((s) => [s, last.segments[s] - first.segments[s]]),
          ) as SegmentCounts,
        }
      : null;
  return { now, series, change };
}
