import { daysBetween, formatLocalDate, toLocalDate } from "../time";
import { findTier, orderTiers, qualifyingTier, tierRank, type TierLadder } from "./ladder";
import {
  DEFAULT_TIER_RETENTION_DAYS,
  type CustomerTierState,
  type Tier,
  type TierChange,
  type TierChangeReason,
  type TierEntryReward,
} from "./types";

/** Staff pinned a tier to a customer who is not eligible for the operation (e.g. unpin without a pin). */
export class TierPinError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TierPinError";
  }
}

/** A staff pin overrides evaluation while it lasts; a pin without an end date lasts until unpinned. */
export function isPinActive(state: CustomerTierState, at: Date): boolean {
  if (!state.tierPinned) return false;
  return state.tierPinnedUntil === null || state.tierPinnedUntil.getTime() > at.getTime();
}

export const tierEntryRewardKey = (tierId: number, customerId: number) =>
  `tier:${tierId}:entry:${customerId}`;

/**
 * The entry reward for moving into `to`, or null. Rule chosen: an entry reward is granted only when
 * the move goes up (including a first tier, an upward pin and an upward unpin/pin expiry), only for
 * the tier actually entered (skipping over a tier does not grant the skipped tier's reward), and
 * only once per tier per customer: `grantedEntryTierIds` skips known grants, and the idempotency
 * key makes a replay a no-op even when the caller does not know.
 */
function entryRewardFor(
  ladder: TierLadder,
  customerId: number,
  fromTierId: number | null,
  to: Tier | null,
  granted: ReadonlySet<number> | undefined,
): TierEntryReward | null {
  if (!to) return null;
  const fromRank = tierRank(ladder, fromTierId) ?? -1;
  const toRank = tierRank(ladder, to.id) ?? -1;
  if (toRank <= fromRank) return null;
  if (to.entryRewardPoints <= 0 && to.entryRewardId === null) return null;
  if (granted?.has(to.id)) return null;
  return {
    customerId,
    tierId: to.id,
    points: to.entryRewardPoints,
    rewardId: to.entryRewardId,
    idempotencyKey: tierEntryRewardKey(to.id, customerId),
  };
}

const tierHistoryKey = (
  customerId: number,
  reason: TierChangeReason,
  toTierId: number | null,
  sourceKey: string,
) => `tier:${customerId}:${reason}:${toTierId ?? "none"}:${sourceKey}`;

interface MoveInput {
  ladder: TierLadder;
  state: CustomerTierState;
  to: Tier | null;
  reason: TierChangeReason;
  metricValue: number | null;
  at: Date;
  sourceKey: string;
  pinnedUntil?: Date | null;
  pinned?: boolean;
  grantedEntryTierIds?: ReadonlySet<number>;
}

function move(input: MoveInput): TierChange {
  const { ladder, state, to, reason, at } = input;
  const toTierId = to?.id ?? null;
  const sameTier = toTierId === state.tierId;
  const pinned = input.pinned ?? false;
  const pinnedUntil = pinned ? (input.pinnedUntil ?? null) : null;
  return {
    customerId: state.customerId,
    fromTierId: state.tierId,
    toTierId,
    reason,
    metricValue: input.metricValue,
    at,
    pinnedUntil,
    idempotencyKey: tierHistoryKey(state.customerId, reason, toTierId, input.sourceKey),
    nextState: {
      customerId: state.customerId,
      tierId: toTierId,
      // The retention clock restarts whenever the tier changes, including after a downgrade.
      tierAchievedAt: sameTier ? state.tierAchievedAt : toTierId === null ? null : at,
      tierPinned: pinned,
      tierPinnedUntil: pinnedUntil,
    },
    entryReward: entryRewardFor(ladder, state.customerId, state.tierId, to, input.grantedEntryTierIds),
  };
}

/** First assignment ever (no tier and no tier history) is recorded as `initial`, later ones as `upgrade`. */
const upwardReason = (state: CustomerTierState): TierChangeReason =>
  state.tierId === null && state.tierAchievedAt === null ? "initial" : "upgrade";

export interface TierEventInput {
  tiers: readonly Tier[];
  /** The customer's tier columns before the event. */
  state: CustomerTierState;
  /** The qualifying metric including the event. */
  metricValue: number;
  at: Date;
  /** What caused the evaluation, e.g. `order:123:paid`; makes the history row idempotent. */
  sourceKey: string;
  grantedEntryTierIds?: ReadonlySet<number>;
}

/**
 * §8 "Upgrade happens at once, on the event that crosses the threshold." An event can only move a
 * customer up: a lower metric (a refund) never downgrades outside the nightly evaluation, and an
 * active pin blocks every change. A pin whose end date has passed no longer blocks; an upgrade
 * decided before the nightly run clears it (recorded as `upgrade`).
 */
export function evaluateTierOnEvent(input: TierEventInput): TierChange | null {
  const { state, metricValue, at } = input;
  if (isPinActive(state, at)) return null;
  const ladder = orderTiers(input.tiers);
  const target = qualifyingTier(ladder, metricValue);
  const currentRank = tierRank(ladder, state.tierId) ?? -1;
  const targetRank = tierRank(ladder, target?.id ?? null) ?? -1;
  if (targetRank <= currentRank) return null;
  return move({ ...input, ladder, to: target, reason: upwardReason(state) });
}

export interface TierNightlyInput {
  tiers: readonly Tier[];
  state: CustomerTierState;
  metricValue: number;
  /** The nightly run's instant. */
  at: Date;
  /** The shop's zone: the run's local date keys the history row, so re-running a night is a no-op. */
  timeZone: string;
  retentionDays?: number;
  grantedEntryTierIds?: ReadonlySet<number>;
}

/**
 * §8 nightly evaluation.
 * - An active pin: nothing changes.
 * - A pin whose end date has passed: `pin_expired`, straight to the highest tier the customer
 *   qualifies for, up or down (rule chosen: retention protects tiers the customer earned, not a
 *   tier staff lent them). The change is emitted even when the tier stays, to clear the pin.
 * - Otherwise a customer who now qualifies higher is upgraded (catch-up, e.g. after lowered thresholds),
 *   and one who qualifies lower is downgraded only once they have held the tier for the retention
 *   period, then to the highest tier they still qualify for. A missing `tierAchievedAt` counts as held.
 * - A tier that no longer exists counts as no tier: the customer is re-placed at once.
 */
export function evaluateTierNightly(input: TierNightlyInput): TierChange | null {
  const { state, metricValue, at } = input;
  const retentionDays = input.retentionDays ?? DEFAULT_TIER_RETENTION_DAYS;
  const sourceKey = `nightly:${formatLocalDate(toLocalDate(at, input.timeZone))}`;
  if (isPinActive(state, at)) return null;
  const ladder = orderTiers(input.tiers);
  const target = qualifyingTier(ladder, metricValue);
  const common = { ...input, ladder, to: target, sourceKey };

  if (state.tierPinned) return move({ ...common, reason: "pin_expired" });

  const knownRank = tierRank(ladder, state.tierId);
  const targetRank = tierRank(ladder, target?.id ?? null) ?? -1;
  if (knownRank === undefined) {
    return move({ ...common, reason: target ? "upgrade" : "downgrade" });
  }
  if (targetRank > knownRank) return move({ ...common, reason: upwardReason(state) });
  if (targetRank < knownRank && hasHeldForRetention(state, at, retentionDays)) {
    return move({ ...common, reason: "downgrade" });
  }
  return null;
}

/** Whole days since the tier was entered ≥ the retention period. */
export function hasHeldForRetention(state: CustomerTierState, at: Date, retentionDays: number): boolean {
  if (state.tierAchievedAt === null) return true;
  return daysBetween(state.tierAchievedAt, at) >= retentionDays;
}

export interface PinTierInput {
  tiers: readonly Tier[];
  state: CustomerTierState;
  /** The tier to pin; null pins the customer to "no tier". */
  tierId: number | null;
  /** Optional end of the pin; null = until a staff member unpins. */
  until: Date | null;
  at: Date;
  /** The staff request's key (e.g. the audit log id), so a double-click records one change. */
  requestKey: string;
  grantedEntryTierIds?: ReadonlySet<number>;
}

/** §8 "Staff can pin a tier manually, with an optional end date." The pin overrides evaluation until it ends. */
export function pinTier(input: PinTierInput): TierChange {
  const ladder = orderTiers(input.tiers);
  const to = findTier(ladder, input.tierId);
  if (input.tierId !== null && !to)
    throw new TierPinError(`tier ${input.tierId} is not an active tier of the shop`);
  if (input.until && input.until.getTime() <= input.at.getTime()) {
    throw new TierPinError("a pin's end date must be in the future");
  }
  return move({
    ...input,
    ladder,
    to,
    reason: "pin",
    metricValue: null,
    sourceKey: `pin:${input.requestKey}`,
    pinned: true,
    pinnedUntil: input.until,
  });
}

export interface UnpinTierInput {
  tiers: readonly Tier[];
  state: CustomerTierState;
  metricValue: number;
  at: Date;
  requestKey: string;
  grantedEntryTierIds?: ReadonlySet<number>;
}

/** Staff removes a pin: the customer moves at once to the highest tier they qualify for (same rule as pin expiry). */
export function unpinTier(input: UnpinTierInput): TierChange {
  if (!input.state.tierPinned) throw new TierPinError(`customer ${input.state.customerId} has no tier pin`);
  const ladder = orderTiers(input.tiers);
  return move({
    ...input,
    ladder,
    to: qualifyingTier(ladder, input.metricValue),
    reason: "unpin",
    sourceKey: `unpin:${input.requestKey}`,
  });
}
