import { formatLocalDate, toLocalDate } from "@loyalnest/domain";
import { sql, type SQL } from "drizzle-orm";

/**
 * Calendar ranges of the analytics reports, always in the shop's time zone (§2: anything "daily"
 * or "monthly" is evaluated in shop time). A day range is two local dates, both inclusive; a month
 * range two local months ("YYYY-MM"), both inclusive. Postgres turns a local midnight into an
 * instant with `timestamp at time zone <zone>`, so DST changes fall where the shop sees them.
 */
export interface DayRange {
  /** First local day, "YYYY-MM-DD". */
  from: string;
  /** Last local day, "YYYY-MM-DD" (inclusive). */
  to: string;
}

export interface MonthRange {
  /** First local month, "YYYY-MM". */
  from: string;
  /** Last local month, "YYYY-MM" (inclusive). */
  to: string;
}

/** The shop-local day of an instant, "YYYY-MM-DD". */
export const localDay = (instant: Date, timeZone: string) => formatLocalDate(toLocalDate(instant, timeZone));

/** The shop-local month of an instant, "YYYY-MM". */
export const localMonth = (instant: Date, timeZone: string) => localDay(instant, timeZone).slice(0, 7);

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;
const monthNumber = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** Days in a day range, both ends counted. */
export const daysInRange = (range: DayRange) => dayNumber(range.to) - dayNumber(range.from) + 1;

/** Months in a month range, both ends counted. */
export const monthsInRange = (range: MonthRange) => monthNumber(range.to) - monthNumber(range.from) + 1;

/** "YYYY-MM" shifted by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const n = monthNumber(month) + delta;
  return `${String(Math.floor(n / 12)).padStart(4, "0")}-${String((n % 12) + 1).padStart(2, "0")}`;
}

/** "YYYY-MM-DD" shifted by `delta` days. */
export const shiftDay = (day: string, delta: number) =>
  new Date((dayNumber(day) + delta) * 86_400_000).toISOString().slice(0, 10);

/** The last `days` local days up to and including today: the default range of the reports. */
export function lastDays(now: Date, timeZone: string, days: number): DayRange {
  const to = localDay(now, timeZone);
  return { from: shiftDay(to, -(days - 1)), to };
}

/** The last `months` local months up to and including the current one. */
export function lastMonths(now: Date, timeZone: string, months: number): MonthRange {
  const to = localMonth(now, timeZone);
  return { from: shiftMonth(to, -(months - 1)), to };
}

/** The instant a local day starts (its local midnight), as SQL. */
export const localDayStart = (day: string, timeZone: string): SQL =>
  sql`((${day}::date)::timestamp at time zone ${timeZone}::text)`;

/** The instants bounding a day range: `[start, end)`, end being the local midnight after `to`. */
export const dayRangeBounds = (range: DayRange, timeZone: string) => ({
  start: localDayStart(range.from, timeZone),
  end: localDayStart(shiftDay(range.to, 1), timeZone),
});
