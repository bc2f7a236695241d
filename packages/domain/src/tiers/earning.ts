import { BP_ONE } from "../money";
import { evaluateTierOnEvent } from "./evaluation";
import type { CustomerTierState, Tier, TierChange } from "./types";

/** One tier change in time, as read from `tier_history`. */
export interface TierHistoryPoint {
  at: Date;
  toTierId: number | null;
}

/**
 * The tier a customer held at `instant`: the last change strictly before it (a change at the same
 * instant is the one the event itself triggered, which must not apply to it). `initialTierId` is the
 * tier before the first recorded change.
 */
export function tierHeldAt(
  history: readonly TierHistoryPoint[],
  instant: Date,
  initialTierId: number | null = null,
): number | null {
  let held = initialTierId;
  let heldSince = -Infinity;
  for (const change of history) {
    const t = change.at.getTime();
    if (t < instant.getTime() && t >= heldSince) {
      held = change.toTierId;
      heldSince = t;
    }
  }
  return held;
}

/** The tier's earn multiplier in basis points; ×1 without a tier or for a tier that no longer exists. */
export function tierEarnMultiplierBp(tiers: readonly Tier[], tierId: number | null): number {
  if (tierId === null) return BP_ONE;
  return tiers.find((t) => t.id === tierId)?.earnMultiplierBp ?? BP_ONE;
}

export interface PaidOrderTierInput {
  tiers: readonly Tier[];
  /** The customer's tier columns before this order is applied. */
  state: CustomerTierState;
  /** `order_summaries.tier_id_at_order`, stamped when the order was placed; undefined = not stamped. */
  tierIdAtOrder?: number | null;
  /** The qualifying metric including this order. */
  metricValueAfterOrder: number;
  at: Date;
  orderId: number;
  grantedEntryTierIds?: ReadonlySet<number>;
}

export interface PaidOrderTierEffects {
  /** The tier the order earns at. */
  earningTierId: number | null;
  earnMultiplierBp: number;
  /** The upgrade the order triggers, applying from the next earning. */
  change: TierChange | null;
}

/**
 * §4/§8 "An order earns at the tier the customer held when the order was placed; an upgrade it
 * triggers applies from the next earning." The multiplier is read before the upgrade is decided.
 */
export function tierEffectsOfPaidOrder(input: PaidOrderTierInput): PaidOrderTierEffects {
  const earningTierId = input.tierIdAtOrder !== undefined ? input.tierIdAtOrder : input.state.tierId;
  const change = evaluateTierOnEvent({
    tiers: input.tiers,
    state: input.state,
    metricValue: input.metricValueAfterOrder,
    at: input.at,
    sourceKey: `order:${input.orderId}`,
    grantedEntryTierIds: input.grantedEntryTierIds,
  });
  return { earningTierId, earnMultiplierBp: tierEarnMultiplierBp(input.tiers, earningTierId), change };
}
