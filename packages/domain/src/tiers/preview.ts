import { findTier, orderTiers, qualifyingTier } from "./ladder";
import type { Tier } from "./types";

/** One customer as the threshold-change preview sees them. */
export interface TierPreviewCustomer {
  customerId: number;
  metricValue: number;
  tierId: number | null;
  /** Pinned customers keep their tier whatever the thresholds. */
  pinned?: boolean;
}

export type TierMove = "up" | "down" | "stay";

export interface TierPreviewRow {
  /** The customer's current tier (null = no tier). */
  tierId: number | null;
  customers: number;
  up: number;
  down: number;
  stay: number;
}

export interface TierPreview {
  up: number;
  down: number;
  stay: number;
  /** Pinned customers (counted in `stay`). */
  pinned: number;
  /** Moves grouped by the tier the customer holds today, lowest tier first, "no tier" first of all. */
  byCurrentTier: TierPreviewRow[];
  /** How many customers each new tier would hold (null = no tier), lowest first. */
  byNewTier: { tierId: number | null; customers: number }[];
}

/**
 * §8 "Before saving new tiers, the admin shows a preview: how many customers would move up and down."
 *
 * Rules chosen: a move is judged by thresholds — the customer's current tier's threshold (taken from
 * the new list if the tier is kept, else its old threshold; −∞ for no tier) against the threshold of
 * the tier they would qualify for under the new list. Equal thresholds count as `stay`. `down` counts
 * customers who would no longer qualify; the actual downgrade still waits for the nightly evaluation
 * and the retention period. Pinned customers stay. The preview never touches points: tiers hold none.
 */
export function previewTierChange(input: {
  currentTiers: readonly Tier[];
  newTiers: readonly Tier[];
  customers: readonly TierPreviewCustomer[];
}): TierPreview {
  const oldLadder = orderTiers(input.currentTiers);
  const newLadder = orderTiers(input.newTiers);
  const rows = new Map<number | null, TierPreviewRow>();
  const after = new Map<number | null, number>();
  const totals = { up: 0, down: 0, stay: 0, pinned: 0 };

  for (const c of input.customers) {
    let move: TierMove;
    let landsIn: number | null;
    if (c.pinned) {
      move = "stay";
      landsIn = c.tierId;
      totals.pinned++;
    } else {
      const target = qualifyingTier(newLadder, c.metricValue);
      landsIn = target?.id ?? null;
      const current = findTier(newLadder, c.tierId) ?? findTier(oldLadder, c.tierId);
      move = compareThresholds(current?.threshold ?? null, target?.threshold ?? null);
    }
    totals[move]++;
    const row = rows.get(c.tierId) ?? { tierId: c.tierId, customers: 0, up: 0, down: 0, stay: 0 };
    row.customers++;
    row[move]++;
    rows.set(c.tierId, row);
    after.set(landsIn, (after.get(landsIn) ?? 0) + 1);
  }

  const thresholdOf = (id: number | null) =>
    id === null ? -Infinity : ((findTier(newLadder, id) ?? findTier(oldLadder, id))?.threshold ?? Infinity);
  const byThreshold = (a: { tierId: number | null }, b: { tierId: number | null }) =>
    thresholdOf(a.tierId) - thresholdOf(b.tierId) || (a.tierId ?? -1) - (b.tierId ?? -1);

  return {
    ...totals,
    byCurrentTier: [...rows.values()].sort(byThreshold),
    byNewTier: [...after.entries()].map(([tierId, customers]) => ({ tierId, customers })).sort(byThreshold),
  };
}

function compareThresholds(current: number | null, target: number | null): TierMove {
  const from = current ?? -Infinity;
  const to = target ?? -Infinity;
  return to > from ? "up" : to < from ? "down" : "stay";
}
