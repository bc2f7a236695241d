import { z } from "zod";
import { adminProcedure } from "../../../trpc";
import { pointsByMonth as pointsByMonthReport } from "../../../services/analytics/points-by-month";
import { lastMonths } from "../../../services/analytics/range";
import { monthRangeInput, monthRangeOutput } from "./range-input";

export const pointsByMonthInput = z
  .object({
    /** Shop-local months, both inclusive, at most 24; default the last 12 months. */
    range: monthRangeInput.optional(),
  })
  .strict()
  .optional();

const position = z.object({ outstanding: z.number().int(), debt: z.number().int() });

export const pointsByMonthOutput = z.object({
  range: monthRangeOutput,
  /** The position at the end of the month before the first. */
  opening: position,
  months: z.array(
    position.extend({
      month: z.string(),
      issued: z.number().int(),
      redeemed: z.number().int(),
      expired: z.number().int(),
      clawedBack: z.number().int(),
      adjustedDown: z.number().int(),
      /** Signed: points returned to customers are positive, points taken back negative. */
      reversed: z.number().int(),
    }),
  ),
});

/**
 * The accountant's liability table: per shop-local month, points issued, redeemed, expired,
 * clawed back, adjusted down and reversed, and the outstanding points (and debts) at month end.
 */
export const pointsByMonth = adminProcedure
  .input(pointsByMonthInput)
  .output(pointsByMonthOutput)
  .query(async ({ ctx, input }) => {
    const { shop, deps } = ctx;
    const range = input?.range ?? lastMonths(deps.now(), shop.timezone, 12);
    return { range, ...(await pointsByMonthReport(deps.database.db, shop, range)) };
  });
