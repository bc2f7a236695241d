import { assertInteger } from "../money";

/**
 * A purchase earn rate as an exact integer ratio: `earnPoints` points for every `earnPerMinor`
 * minor units of basis. Held as a ratio (never a float) so 10 points per 1.00 is exactly 10/100.
 */
export interface EarnRate {
  earnPoints: number;
  earnPerMinor: number;
}

/**
 * 10 points per 1 unit of shop currency, for a two-decimal currency (100 minor units). A shop whose
 * currency has no minor unit (JPY) sets `earnPerMinor` to match; the domain does not guess.
 */
export const DEFAULT_EARN_RATE: EarnRate = { earnPoints: 10, earnPerMinor: 100 };

export function assertEarnRate(rate: EarnRate): void {
  assertInteger(rate.earnPoints, "earnPoints");
  assertInteger(rate.earnPerMinor, "earnPerMinor");
  if (rate.earnPoints < 0) throw new RangeError("earnPoints must not be negative");
  if (rate.earnPerMinor <= 0) throw new RangeError("earnPerMinor must be positive");
}
