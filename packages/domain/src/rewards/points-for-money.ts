import type { Money } from "../money";
import { assertInteger } from "../money";
import type { RewardKind } from "./reward";
import type { CurrencyContext } from "./value";
import { rewardValueIn } from "./value";

export type PointsForMoney = Extract<RewardKind, { type: "points_for_money" }>;

export type PointsChoiceProblem = "not_a_whole_step" | "below_minimum" | "above_maximum";

/** Why the shopper's chosen points are not a valid choice, or null. */
export function pointsChoiceProblem(kind: PointsForMoney, points: number): PointsChoiceProblem | null {
  assertInteger(points, "points");
  if (points % kind.stepPoints !== 0) return "not_a_whole_step";
  if (points < kind.minPoints) return "below_minimum";
  if (points > kind.maxPoints) return "above_maximum";
  return null;
}

export interface PointsForMoneyQuote {
  points: number;
  steps: number;
  value: Money;
}

/** value = steps × step value (in the presentment currency, see rewardValueIn). */
export function quotePointsForMoney(
  kind: PointsForMoney,
  points: number,
  ctx: CurrencyContext,
): PointsForMoneyQuote {
  const problem = pointsChoiceProblem(kind, points);
  if (problem) throw new RangeError(`invalid points choice ${points}: ${problem}`);
  const steps = points / kind.stepPoints;
  return { points, steps, value: rewardValueIn(kind.stepValue, ctx, steps) };
}

/**
 * The most points the shopper can turn into money now (the slider's upper end): the maximum,
 * or the available balance rounded down to a whole step. Null when even the minimum is out of reach.
 */
export function maxRedeemablePoints(kind: PointsForMoney, availablePoints: number): number | null {
  const affordable = Math.floor(Math.max(0, availablePoints) / kind.stepPoints) * kind.stepPoints;
  const max = Math.min(kind.maxPoints, affordable);
  return max >= kind.minPoints ? max : null;
}
