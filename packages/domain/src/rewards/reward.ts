import { assertInteger, BP_ONE } from "../money";
import type { SalesChannel } from "../earning";

/**
 * A money value a reward is worth: in shop currency, plus optional merchant-set values per
 * presentment currency (e.g. 5.00 USD, but a round 5.00 EUR rather than 4.61 EUR).
 */
export interface RewardMoneyValue {
  shopMinor: number;
  perCurrencyMinor?: Readonly<Record<string, number>>;
}

export type RewardKind =
  | { type: "fixed_amount"; pointsCost: number; value: RewardMoneyValue }
  | { type: "percentage"; pointsCost: number; /** 1000 = 10 % off */ percentBp: number }
  | {
      type: "free_shipping";
      pointsCost: number;
      /** shop minor units; null = any rate */ maxShippingMinor: number | null;
    }
  | { type: "free_product"; pointsCost: number; variantId: string }
  | { type: "store_credit"; pointsCost: number; value: RewardMoneyValue }
  | {
      /** The shopper picks how many points to turn into a discount, in steps. */
      type: "points_for_money";
      stepPoints: number;
      /** What one step is worth. */
      stepValue: RewardMoneyValue;
      minPoints: number;
      maxPoints: number;
    };

export type RewardType = RewardKind["type"];

/** Which other discount classes a reward's code may be combined with at checkout. */
export interface CombinesWith {
  orderDiscounts: boolean;
  productDiscounts: boolean;
  shippingDiscounts: boolean;
}

export interface Reward {
  id: string;
  name: string;
  active: boolean;
  kind: RewardKind;
  /** Shop minor units; null = no minimum. */
  minOrderMinor: number | null;
  /** Days a code stays valid; omitted = 30 (the default), null = never expires. */
  codeExpiryDays?: number | null;
  combinesWith: CombinesWith;
  /** Redemptions per customer (released ones do not count); null = unlimited. */
  perCustomerLimit: number | null;
  /** Lowest tier allowed to redeem (tiers rank by threshold); null = everyone. */
  minTierId: string | null;
  channels: readonly SalesChannel[];
}

export const DEFAULT_CODE_EXPIRY_DAYS = 30;

export const NO_COMBINATIONS: CombinesWith = {
  orderDiscounts: false,
  productDiscounts: false,
  shippingDiscounts: false,
};

function assertValue(value: RewardMoneyValue, what: string): void {
  assertInteger(value.shopMinor, what);
  if (value.shopMinor <= 0) throw new RangeError(`${what} must be positive`);
  for (const [currency, minor] of Object.entries(value.perCurrencyMinor ?? {})) {
    assertInteger(minor, `${what} in ${currency}`);
    if (minor <= 0) throw new RangeError(`${what} in ${currency} must be positive`);
  }
}

/**
 * Rejects a reward the merchant could not mean: a non-positive cost or value, a percentage above
 * 100 %, or points-for-money bounds that are not whole steps (the slider moves in steps, so the
 * minimum and maximum must be reachable).
 */
export function assertReward(reward: Reward): void {
  const kind = reward.kind;
  if (kind.type === "points_for_money") {
    for (const [n, v] of [
      ["stepPoints", kind.stepPoints],
      ["minPoints", kind.minPoints],
      ["maxPoints", kind.maxPoints],
    ] as const) {
      assertInteger(v, n);
      if (v <= 0) throw new RangeError(`${n} must be positive`);
    }
    if (kind.minPoints % kind.stepPoints !== 0 || kind.maxPoints % kind.stepPoints !== 0) {
      throw new RangeError("minPoints and maxPoints must be whole steps");
    }
    if (kind.minPoints > kind.maxPoints) throw new RangeError("minPoints must not exceed maxPoints");
    assertValue(kind.stepValue, "stepValue");
  } else {
    assertInteger(kind.pointsCost, "pointsCost");
    if (kind.pointsCost <= 0) throw new RangeError("pointsCost must be positive");
    if (kind.type === "fixed_amount" || kind.type === "store_credit") assertValue(kind.value, "value");
    if (kind.type === "percentage") {
      assertInteger(kind.percentBp, "percentBp");
      if (kind.percentBp <= 0 || kind.percentBp > BP_ONE)
        throw new RangeError("percentBp must be in 1..10000");
    }
  }
  if (reward.minOrderMinor !== null) assertInteger(reward.minOrderMinor, "minOrderMinor");
  if (reward.codeExpiryDays !== null && reward.codeExpiryDays !== undefined) {
    assertInteger(reward.codeExpiryDays, "codeExpiryDays");
    if (reward.codeExpiryDays <= 0) throw new RangeError("codeExpiryDays must be positive");
  }
  if (reward.perCustomerLimit !== null) assertInteger(reward.perCustomerLimit, "perCustomerLimit");
}
