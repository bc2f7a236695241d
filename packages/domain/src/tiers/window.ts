import { fromLocalDateTime, toLocalDate } from "../time";
import type { TierMetric, TierWindow } from "./types";

/**
 * When the qualifying window that contains `at` begins, in the shop's time zone; null for lifetime.
 *
 * - `calendar_year`: 1 January 00:00 shop time of the year `at` falls in (shop time).
 * - `rolling_12_months` (rule chosen, the spec is silent on the exact edge): 00:00 shop time on the
 *   same calendar day twelve months earlier, so a whole local day is always in or out. 29 February
 *   maps to 28 February of the previous year.
 */
export function tierWindowStart(window: TierWindow, at: Date, timeZone: string): Date | null {
  const today = toLocalDate(at, timeZone);
  switch (window) {
    case "lifetime":
      return null;
    case "calendar_year":
      return fromLocalDateTime({ year: today.year, month: 1, day: 1 }, timeZone);
    case "rolling_12_months": {
      const year = today.year - 1;
      const day = Math.min(today.day, daysInMonth(year, today.month));
      return fromLocalDateTime({ year, month: today.month, day }, timeZone);
    }
  }
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * One event that moves the qualifying metric: an earn adds points (and the order's spend), a
 * refund clawback subtracts them. Redemptions and expiry are not contributions: spending or
 * losing points never costs a customer their tier progress.
 */
export interface TierMetricContribution {
  at: Date;
  /** Signed points earned (negative for a clawback). */
  points: number;
  /** Signed amount spent in minor units (negative for a refund). */
  amountMinor: number;
}

/**
 * The qualifying metric at `at`: contributions inside [window start, at], summed exactly. A
 * refund never drives it below zero.
 */
export function qualifyingMetricValue(
  contributions: readonly TierMetricContribution[],
  metric: TierMetric,
  window: TierWindow,
  at: Date,
  timeZone: string,
): number {
  const start = tierWindowStart(window, at, timeZone);
  let sum = 0;
  for (const c of contributions) {
    if (c.at.getTime() > at.getTime()) continue;
    if (start && c.at.getTime() < start.getTime()) continue;
    sum += metric === "points_earned" ? c.points : c.amountMinor;
  }
  return Math.max(0, sum);
}
