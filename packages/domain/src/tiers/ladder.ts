import { assertInteger } from "../money";
import { TierConfigError, type Tier } from "./types";

/**
 * The shop's active tiers ordered by threshold, lowest first — the order every rule reads them in.
 * Thresholds must be distinct non-negative integers (the schema has a unique index on them), so
 * "the highest tier whose threshold ≤ metric" is never ambiguous.
 */
export type TierLadder = readonly Tier[];

export function orderTiers(tiers: readonly Tier[]): TierLadder {
  const active = tiers.filter((t) => t.active !== false);
  for (const t of active) {
    assertInteger(t.threshold, `threshold of tier ${t.id}`);
    if (t.threshold < 0) throw new TierConfigError(`tier ${t.id} has a negative threshold`);
  }
  const sorted = [...active].sort((a, b) => a.threshold - b.threshold);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.threshold === sorted[i - 1]!.threshold) {
      throw new TierConfigError(
        `tiers ${sorted[i - 1]!.id} and ${sorted[i]!.id} share threshold ${sorted[i]!.threshold}`,
      );
    }
  }
  return sorted;
}

/** §8: the highest tier whose threshold ≤ the metric, or null when the customer qualifies for none. */
export function qualifyingTier(ladder: TierLadder, metricValue: number): Tier | null {
  let found: Tier | null = null;
  for (const tier of ladder) {
    if (tier.threshold <= metricValue) found = tier;
    else break;
  }
  return found;
}

/**
 * Position of a tier in the ladder: -1 for "no tier", undefined for a tier id that is no longer in
 * the ladder (deleted or deactivated).
 */
export function tierRank(ladder: TierLadder, tierId: number | null): number | undefined {
  if (tierId === null) return -1;
  const index = ladder.findIndex((t) => t.id === tierId);
  return index === -1 ? undefined : index;
}

export const findTier = (ladder: TierLadder, tierId: number | null): Tier | null =>
  tierId === null ? null : (ladder.find((t) => t.id === tierId) ?? null);

/** The shopper's progress line: the next tier above the metric and how much is still missing. */
export function nextTierProgress(
  ladder: TierLadder,
  metricValue: number,
): { nextTier: Tier; remaining: number } | null {
  const next = ladder.find((t) => t.threshold > metricValue);
  return next ? { nextTier: next, remaining: next.threshold - metricValue } : null;
}
