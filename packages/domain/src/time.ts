/**
 * Calendar arithmetic in a shop's IANA time zone, with the instant always passed in (the
 * domain never reads the clock). Built on Intl, which ships with every Node build.
 */
export interface LocalDate {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
}

export interface LocalDateTime extends LocalDate {
  hour: number;
  minute: number;
  second: number;
}

export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date and time at `instant` in `timeZone`. */
export function toLocalDateTime(instant: Date, timeZone: string): LocalDateTime {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .filter((p) => p.type !== "literal")
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

export const toLocalDate = (instant: Date, timeZone: string): LocalDate => {
  const { year, month, day } = toLocalDateTime(instant, timeZone);
  return { year, month, day };
};

/**
 * The UTC instant at which the wall clock in `timeZone` shows `local`. For a time skipped by a
 * DST jump, the instant just after the jump; for a repeated time, the first occurrence.
 */
export function fromLocalDateTime(local: Partial<LocalDateTime> & LocalDate, timeZone: string): Date {
  const wall = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour ?? 0,
    local.minute ?? 0,
    local.second ?? 0,
  );
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const seen = toLocalDateTime(new Date(guess), timeZone);
    const seenWall = Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute, seen.second);
    const drift = seenWall - wall;
    if (drift === 0) return new Date(guess);
    guess -= drift;
  }
  return new Date(guess);
}

/** Midnight at the start of the local day containing `instant`. */
export const startOfLocalDay = (instant: Date, timeZone: string) =>
  fromLocalDateTime(toLocalDate(instant, timeZone), timeZone);

/** "YYYY-MM-DD" of a local date. */
export const formatLocalDate = (d: LocalDate) =>
  `${String(d.year).padStart(4, "0")}-${String(d.month).padStart(2, "0")}-${String(d.day).padStart(2, "0")}`;

export const addDays = (instant: Date, days: number) => new Date(instant.getTime() + days * DAY_MS);

/** Whole days from `from` to `to` (floor), by elapsed time. */
export const daysBetween = (from: Date, to: Date) => Math.floor((to.getTime() - from.getTime()) / DAY_MS);
