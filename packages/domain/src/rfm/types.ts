/** RFM vocabulary, mirroring `rfm_settings`, `rfm_scores` and the `rfm_*` enums of packages/db. */

export type RfmSegment =
  "inactive" | "champions" | "loyal" | "new" | "at_risk" | "hibernating" | "needs_attention";

/** Every segment, in §11's first-match order. */
export const RFM_SEGMENTS: readonly RfmSegment[] = [
  "inactive",
  "champions",
  "loyal",
  "new",
  "at_risk",
  "hibernating",
  "needs_attention",
];

export type RfmMode = "bands" | "quintile";
export type RfmPreset = "default" | "subscription" | "custom";

/** A score 1–5. */
export type RfmScore = 1 | 2 | 3 | 4 | 5;

/** Four ascending band edges splitting a dimension into scores 1–5 (see `bands.ts` for their meaning). */
export type BandEdges = readonly [number, number, number, number];

export interface RfmBands {
  /** Upper bounds in days, inclusive: ≤ e0 → 5, ≤ e1 → 4, ≤ e2 → 3, ≤ e3 → 2, else 1. */
  recencyDays: BandEdges;
  /** Upper bounds in orders, inclusive: ≤ e0 → 1, ≤ e1 → 2, ≤ e2 → 3, ≤ e3 → 4, else 5. */
  frequency: BandEdges;
  /** Net spend ÷ AOV in basis points, exclusive: < e0 → 1, < e1 → 2, < e2 → 3, < e3 → 4, else 5. */
  monetaryAovBp: BandEdges;
}

/** Weights in basis points (4000 = 0.4); they normally sum to 10000. */
export interface RfmWeights {
  rBp: number;
  fBp: number;
  mBp: number;
}

export interface RfmConfig {
  mode: RfmMode;
  preset: RfmPreset;
  /** Days of history measured; null = lifetime. */
  windowDays: number | null;
  bands: RfmBands;
  weights: RfmWeights;
}

/** The raw measurements (`rfm_scores.recency_days`, `frequency`, `monetary_minor`). */
export interface RfmMetrics {
  /** Days since the last paid order in the window; null when there is none. */
  recencyDays: number | null;
  /** Paid, not cancelled orders in the window. */
  frequency: number;
  /** Net spend (after refunds) in the window, shop-currency minor units. */
  monetaryMinor: number;
}

export interface RfmScores {
  r: RfmScore;
  f: RfmScore;
  m: RfmScore;
}

/** One `rfm_scores` row's computed columns. */
export interface RfmResult extends RfmMetrics, RfmScores {
  /** Composite score × 10 (one decimal, exact). */
  compositeX10: number;
  segment: RfmSegment;
  /** "Big spender" (M5), a flag beside the segment. */
  bigSpender: boolean;
}

export class RfmConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RfmConfigError";
  }
}
