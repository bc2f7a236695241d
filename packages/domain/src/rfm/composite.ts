import type { RfmScores, RfmWeights } from "./types";

/**
 * §11 "Composite score = 0.4·R + 0.3·F + 0.3·M (weights editable), one decimal", held as an
 * integer × 10 (`composite_x10`). Exact: compositeX10 = 10 × Σ(w·s) ÷ Σw in BigInt, rounded half
 * up (rule chosen; x.x5 → x.(x+1)). Dividing by the weights' sum (10000 when configured as the
 * schema says) keeps the composite within 1.0–5.0 even if edited weights do not add up.
 */
export function compositeScoreX10(scores: RfmScores, weights: RfmWeights): number {
  const sumW = BigInt(weights.rBp + weights.fBp + weights.mBp);
  if (sumW <= 0n) throw new RangeError("RFM weights must have a positive sum");
  const weighted =
    BigInt(weights.rBp) * BigInt(scores.r) +
    BigInt(weights.fBp) * BigInt(scores.f) +
    BigInt(weights.mBp) * BigInt(scores.m);
  // round(10·weighted / sumW) half up = floor((20·weighted + sumW) / (2·sumW))
  return Number((20n * weighted + sumW) / (2n * sumW));
}

/** "3.7" from 37: for display and exports. */
export const formatCompositeX10 = (x10: number) => `${Math.floor(x10 / 10)}.${x10 % 10}`;
