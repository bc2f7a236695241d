import type { LocalDate } from "../time";
import { DAY_MS, fromLocalDateTime, toLocalDate } from "../time";
import { assertAwardPoints, DEFAULT_ACTION_POINTS } from "./action-points";
import type { EarnDecision } from "./decision";
import { award, noAward } from "./decision";
import { birthdayKey } from "./idempotency-keys";

/** A birthday without a year (the year is neither needed nor asked for). */
export interface Birthday {
  month: number;
  day: number;
}

/** A birthday set less than this many days before it falls earns nothing that year. */
export const BIRTHDAY_NOTICE_DAYS = 30;
/** A daily job that missed the day (outage) may still award this many days late, same occurrence. */
export const DEFAULT_BIRTHDAY_GRACE_DAYS = 7;

export interface BirthdayInput {
  customerId: string;
  birthday: Birthday | null;
  /** When the customer last set or changed the birthday; null when unknown (e.g. imported). */
  birthdaySetAt: Date | null;
  now: Date;
  timeZone: string;
  /** Calendar years (of the birthday occurrence) already rewarded. */
  awardedYears: readonly number[];
  points?: number;
  graceDays?: number;
}

export type BirthdayRefusal =
  "no_birthday" | "not_birthday" | "already_awarded_this_year" | "birthday_set_recently";

/** Rejects impossible dates; 29 February is a valid birthday. */
export function assertBirthday(b: Birthday): void {
  const daysInMonth = new Date(Date.UTC(2000, b.month, 0)).getUTCDate();
  if (
    !Number.isInteger(b.month) ||
    b.month < 1 ||
    b.month > 12 ||
    !Number.isInteger(b.day) ||
    b.day < 1 ||
    b.day > daysInMonth
  ) {
    throw new RangeError(`invalid birthday ${b.month}/${b.day}`);
  }
}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The date the birthday falls on in `year`; 29 February is celebrated on 28 February otherwise. */
export function birthdayInYear(birthday: Birthday, year: number): LocalDate {
  if (birthday.month === 2 && birthday.day === 29 && !isLeapYear(year)) return { year, month: 2, day: 28 };
  return { year, month: birthday.month, day: birthday.day };
}

const dayNumber = (d: LocalDate) => Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;

/** Calendar days from `a` to `b` (local dates, so DST never shifts the count). */
const localDaysBetween = (a: LocalDate, b: LocalDate) => dayNumber(b) - dayNumber(a);

/** The latest occurrence of the birthday on or before `today`. */
export function latestBirthdayOccurrence(birthday: Birthday, today: LocalDate): LocalDate {
  const thisYear = birthdayInYear(birthday, today.year);
  return localDaysBetween(thisYear, today) >= 0 ? thisYear : birthdayInYear(birthday, today.year - 1);
}

/**
 * The birthday award, evaluated on the shop's calendar. It is due on the birthday itself (or up
 * to `graceDays` later, so a missed daily run still pays), once per calendar year of the
 * occurrence, keyed `birthday:<customerId>:<year>`. "A birthday set less than 30 days ago" is
 * measured at the birthday, in shop calendar days, so catching up late cannot dodge the rule;
 * a birthday whose setting date is unknown is treated as set long ago.
 */
export function decideBirthdayAward(input: BirthdayInput): EarnDecision<BirthdayRefusal> {
  const points = input.points ?? DEFAULT_ACTION_POINTS.birthday;
  assertAwardPoints(points);
  if (!input.birthday) return noAward("no_birthday");
  assertBirthday(input.birthday);
  const today = toLocalDate(input.now, input.timeZone);
  const occurrence = latestBirthdayOccurrence(input.birthday, today);
  if (localDaysBetween(occurrence, today) > (input.graceDays ?? DEFAULT_BIRTHDAY_GRACE_DAYS)) {
    return noAward("not_birthday");
  }
  if (input.awardedYears.includes(occurrence.year)) return noAward("already_awarded_this_year");
  if (input.birthdaySetAt) {
    const setOn = toLocalDate(input.birthdaySetAt, input.timeZone);
    if (localDaysBetween(setOn, occurrence) < BIRTHDAY_NOTICE_DAYS) return noAward("birthday_set_recently");
  }
  return award(points, birthdayKey(input.customerId, occurrence.year));
}

/** The instant the birthday of `year` starts in the shop (for scheduling the daily job's work). */
export const birthdayStartsAt = (birthday: Birthday, year: number, timeZone: string) =>
  fromLocalDateTime(birthdayInYear(birthday, year), timeZone);
