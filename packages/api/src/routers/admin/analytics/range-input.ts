import { z } from "zod";
import { daysInRange, monthsInRange } from "../../../services/analytics/range";

/** A shop-local calendar day, "YYYY-MM-DD", between 2000 and 2099. */
export const localDateInput = z
  .string()
  .max(10)
  .regex(/^20\d{2}-\d{2}-\d{2}$/, "a date like 2025-01-31")
  .refine((day) => {
    const parsed = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
  }, "a date that exists on the calendar");

/** A shop-local calendar month, "YYYY-MM", between 2000 and 2099. */
export const localMonthInput = z
  .string()
  .max(7)
  .regex(/^20\d{2}-(0[1-9]|1[0-2])$/, "a month like 2025-01");

/** Longest day range a report accepts (two years). */
export const MAX_RANGE_DAYS = 731;
/** Longest month range a report accepts. */
export const MAX_RANGE_MONTHS = 24;

/** Two local days, both inclusive, at most two years apart. Omitted: the report's default range. */
export const dayRangeInput = z
  .object({ from: localDateInput, to: localDateInput })
  .strict()
  .refine((r) => r.from <= r.to, { message: "The start date must not be after the end date.", path: ["to"] })
  .refine((r) => r.from > r.to || daysInRange(r) <= MAX_RANGE_DAYS, {
    message: `Choose a range of at most ${MAX_RANGE_DAYS} days.`,
    path: ["to"],
  });

/** Two local months, both inclusive, at most 24 months. Omitted: the report's default range. */
export const monthRangeInput = z
  .object({ from: localMonthInput, to: localMonthInput })
  .strict()
  .refine((r) => r.from <= r.to, { message: "The first month must not be after the last.", path: ["to"] })
  .refine((r) => r.from > r.to || monthsInRange(r) <= MAX_RANGE_MONTHS, {
    message: `Choose at most ${MAX_RANGE_MONTHS} months.`,
    path: ["to"],
  });

export const dayRangeOutput = z.object({ from: z.string(), to: z.string() });
export const monthRangeOutput = z.object({ from: z.string(), to: z.string() });
