import { formatLocalDate, toLocalDate } from "../time";
import { RFM_SEGMENTS, type RfmScores, type RfmSegment } from "./types";

/**
 * §11 "Segments, first match wins: Inactive (no order in the window), Champions (R5, F≥4, M≥4),
 * Loyal (R≥3, F≥3, M≥3), New (R≥4, F1), At Risk (R≤2, F≥3), Hibernating (R≤2, F≤2), Needs
 * Attention (everything else)." Total by construction: the last rule matches anything.
 */
export function rfmSegment(scores: RfmScores, hasOrderInWindow: boolean): RfmSegment {
  const { r, f, m } = scores;
  if (!hasOrderInWindow) return "inactive";
  if (r === 5 && f >= 4 && m >= 4) return "champions";
  if (r >= 3 && f >= 3 && m >= 3) return "loyal";
  if (r >= 4 && f === 1) return "new";
  if (r <= 2 && f >= 3) return "at_risk";
  if (r <= 2 && f <= 2) return "hibernating";
  return "needs_attention";
}

/** §11 ""Big spender" (M5) is a flag beside the segment." */
export const isBigSpender = (scores: RfmScores) => scores.m === 5;

/** One `rfm_segment_counts` row. */
export interface RfmSegmentCountRow {
  /** Shop-local date, YYYY-MM-DD. */
  day: string;
  segment: RfmSegment;
  customers: number;
  bigSpenders: number;
}

/**
 * §11 "Daily segment counts are kept so the admin can chart movement over time." One row per
 * segment — all seven, zeros included, so a chart never has gaps — for the shop-local day of `asOf`.
 */
export function segmentCounts(
  results: readonly { segment: RfmSegment; bigSpender: boolean }[],
  asOf: Date,
  timeZone: string,
): RfmSegmentCountRow[] {
  const day = formatLocalDate(toLocalDate(asOf, timeZone));
  const rows = new Map(
    RFM_SEGMENTS.map((segment) => [segment, { day, segment, customers: 0, bigSpenders: 0 }]),
  );
  for (const r of results) {
    const row = rows.get(r.segment)!;
    row.customers++;
    if (r.bigSpender) row.bigSpenders++;
  }
  return [...rows.values()];
}
