/**
 * VIP tier vocabulary, mirroring the `vip_tiers` / `tier_history` tables and the `tier_metric`,
 * `tier_window` and `tier_change_reason` enums of packages/db.
 */

/** What qualifies a customer for a tier: points earned, or amount spent in shop-currency minor units. */
export type TierMetric = "points_earned" | "amount_spent";

/** Over which period the qualifying metric is summed (per shop). */
export type TierWindow = "lifetime" | "rolling_12_months" | "calendar_year";

/** Why a customer's tier changed; matches the `tier_change_reason` enum. */
export type TierChangeReason =
  "initial" | "upgrade" | "downgrade" | "pin" | "unpin" | "pin_expired" | "import";

/** §8: "the retention period (default 365 days)". */
export const DEFAULT_TIER_RETENTION_DAYS = 365;

/** One row of `vip_tiers`, as the rules need it. */
export interface Tier {
  id: number;
  name: string;
  /** Points earned or minor units spent (per the shop's metric) needed to qualify. */
  threshold: number;
  /** Earn multiplier in basis points (15000 = ×1.5). */
  earnMultiplierBp: number;
  /** Points granted once on entering the tier (0 = none). */
  entryRewardPoints: number;
  /** A catalogue reward granted once on entering the tier (null = none). */
  entryRewardId: number | null;
  /** Inactive tiers are ignored by qualification; omitted means active. */
  active?: boolean;
}

/** The tier columns of a `customers` row. */
export interface CustomerTierState {
  customerId: number;
  tierId: number | null;
  /** When the current tier was entered; the retention clock starts here. */
  tierAchievedAt: Date | null;
  tierPinned: boolean;
  /** End of a staff pin; null with `tierPinned` = pinned indefinitely. */
  tierPinnedUntil: Date | null;
}

/** An entry reward to grant; the key makes it once per tier per customer, whatever is replayed. */
export interface TierEntryReward {
  customerId: number;
  tierId: number;
  points: number;
  rewardId: number | null;
  /** `tier:<tierId>:entry:<customerId>` — unique per shop in the ledger / redemptions. */
  idempotencyKey: string;
}

/**
 * A decided tier change: the `tier_history` row to insert, the customer's new tier columns, and the
 * entry reward (if any). Tier changes never carry a points debit: tiers never take points away.
 */
export interface TierChange {
  customerId: number;
  fromTierId: number | null;
  toTierId: number | null;
  reason: TierChangeReason;
  /** The qualifying metric when the change was decided (null for staff pins, which ignore it). */
  metricValue: number | null;
  at: Date;
  pinnedUntil: Date | null;
  /** Unique per shop in `tier_history`, so a replayed event or nightly run is a no-op. */
  idempotencyKey: string;
  nextState: CustomerTierState;
  entryReward: TierEntryReward | null;
}

/** A tier configuration that cannot be ordered (duplicate or invalid thresholds). */
export class TierConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TierConfigError";
  }
}
