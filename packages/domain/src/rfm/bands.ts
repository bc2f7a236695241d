import { BP_ONE } from "../money";
import type { BandEdges, RfmBands, RfmMetrics, RfmScore, RfmScores } from "./types";

/** §11 "A customer with no paid order in the window scores 1/1/1." */
export const NO_ORDER_SCORES: RfmScores = { r: 1, f: 1, m: 1 };

const asScore = (n: number) => n as RfmScore;

/** How many edges `value` is above (`>`): 0–4. */
const edgesBelow = (value: number, edges: BandEdges) => edges.filter((e) => value > e).length;

/** Recency: ≤ e0 days → 5 … > e3 → 1. No order → 1. */
export function recencyScore(recencyDays: number | null, edges: BandEdges): RfmScore {
  if (recencyDays === null) return 1;
  return asScore(5 - edgesBelow(recencyDays, edges));
}

/** Frequency: ≤ e0 orders → 1 … > e3 → 5. No order → 1. */
export function frequencyScore(frequency: number, edges: BandEdges): RfmScore {
  if (frequency <= 0) return 1;
  return asScore(1 + edgesBelow(frequency, edges));
}

/**
 * Monetary: net spend ÷ AOV against edges in basis points of AOV, exact in integers —
 * `spend / aov < bp / 10000` ⇔ `spend × 10000 < bp × aov` (BigInt). Rule chosen: without a positive
 * AOV (the shop has no net spend in the window) or without positive spend, M is 1.
 */
export function monetaryScore(monetaryMinor: number, aovMinor: number, edgesBp: BandEdges): RfmScore {
  if (monetaryMinor <= 0 || aovMinor <= 0) return 1;
  const scaled = BigInt(monetaryMinor) * BigInt(BP_ONE);
  const aov = BigInt(aovMinor);
  return asScore(1 + edgesBp.filter((bp) => scaled >= BigInt(bp) * aov).length);
}

/** §11 band mode: the three scores of one customer. */
export function bandScores(metrics: RfmMetrics, bands: RfmBands, aovMinor: number): RfmScores {
  if (metrics.frequency <= 0) return NO_ORDER_SCORES;
  return {
    r: recencyScore(metrics.recencyDays, bands.recencyDays),
    f: frequencyScore(metrics.frequency, bands.frequency),
    m: monetaryScore(metrics.monetaryMinor, aovMinor, bands.monetaryAovBp),
  };
}
