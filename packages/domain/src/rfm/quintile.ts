import { NO_ORDER_SCORES } from "./bands";
import type { RfmMetrics, RfmScore, RfmScores } from "./types";

/**
 * Four cut points for scores 2, 3, 4 and 5 over a "higher is better" value: a value scores
 * 1 + (number of cut points it reaches). null = no customer reaches that score.
 */
export type CutPoints = readonly [number | null, number | null, number | null, number | null];

/**
 * §11 quintile mode: scores relative to the shop's own customers. The model is the cut points of
 * the nightly pass, so one customer can be re-scored on each order without re-ranking the shop.
 */
export interface QuintileModel {
  /** A customer scores ≥ k on recency when their recency days ≤ the (k−1)-th entry. */
  recencyMaxDays: CutPoints;
  /** … on frequency when their order count ≥ the entry. */
  frequencyMin: CutPoints;
  /** … on monetary when their net spend (minor units) ≥ the entry. */
  monetaryMinMinor: CutPoints;
  /** Customers ranked (those with a paid order in the window). */
  population: number;
}

/**
 * Cut points of a population of "higher is better" values. A value's score is
 * 1 + ⌊5 × (number of customers strictly below it) ÷ population⌋.
 *
 * Ties, deterministically (rule chosen): equal values always share a score, the one of the lowest
 * position they share — a customer only ranks above the customers they strictly beat. In a typical
 * store where most customers bought once, one-time buyers are all F1 and every repeat buyer ranks
 * above them. An input order never changes the result. Caveat: a population of one scores 1.
 */
export function quintileCutPoints(values: readonly number[]): CutPoints {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const cuts: (number | null)[] = [null, null, null, null];
  for (let i = 0; i < n; i++) {
    if (i > 0 && sorted[i] === sorted[i - 1]) continue;
    const score = 1 + Math.floor((5 * i) / n);
    for (let k = 2; k <= score; k++) if (cuts[k - 2] === null) cuts[k - 2] = sorted[i]!;
  }
  return toCutPoints(cuts);
}

/** The score of a "higher is better" value against cut points. */
export function scoreAgainstCutPoints(value: number, cuts: CutPoints): RfmScore {
  return (1 + cuts.filter((c) => c !== null && value >= c).length) as RfmScore;
}

const toCutPoints = (c: readonly (number | null | undefined)[]): CutPoints => [
  c[0] ?? null,
  c[1] ?? null,
  c[2] ?? null,
  c[3] ?? null,
];

const negate = (cuts: CutPoints): CutPoints => toCutPoints(cuts.map((c) => (c === null ? null : -c)));

/** Builds the model from every customer's metrics; customers without an order in the window are not ranked. */
export function buildQuintileModel(all: readonly RfmMetrics[]): QuintileModel {
  const active = all.filter((m) => m.frequency > 0 && m.recencyDays !== null);
  return {
    // Recency: fewer days is better, so rank the negated days and report the cut points back in days.
    recencyMaxDays: negate(quintileCutPoints(active.map((m) => -m.recencyDays!))),
    frequencyMin: quintileCutPoints(active.map((m) => m.frequency)),
    monetaryMinMinor: quintileCutPoints(active.map((m) => m.monetaryMinor)),
    population: active.length,
  };
}

/** One customer's quintile scores; no order in the window scores 1/1/1 as in band mode. */
export function quintileScores(metrics: RfmMetrics, model: QuintileModel): RfmScores {
  if (metrics.frequency <= 0 || metrics.recencyDays === null) return NO_ORDER_SCORES;
  return {
    r: scoreAgainstCutPoints(-metrics.recencyDays, negate(model.recencyMaxDays)),
    f: scoreAgainstCutPoints(metrics.frequency, model.frequencyMin),
    m: scoreAgainstCutPoints(metrics.monetaryMinor, model.monetaryMinMinor),
  };
}
