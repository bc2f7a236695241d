import { z } from "zod";
import { adminProcedure } from "../../../trpc";
import { lastMonths } from "../../../services/analytics/range";
import { tierDistribution as tierDistributionReport } from "../../../services/analytics/tier-distribution";
import { monthRangeInput, monthRangeOutput } from "./range-input";

export const tierDistributionInput = z
  .object({
    /** Shop-local months for the movements, at most 24; default the last 12 months. */
    range: monthRangeInput.optional(),
  })
  .strict()
  .optional();

export const tierDistributionOutput = z.object({
  range: monthRangeOutput,
  members: z.number().int(),
  noTier: z.number().int(),
  tiers: z.array(
    z.object({
      tierId: z.number().int(),
      name: z.string(),
      threshold: z.number().int(),
      active: z.boolean(),
      customers: z.number().int(),
    }),
  ),
  movements: z.array(z.object({ month: z.string(), up: z.number().int(), down: z.number().int() })),
});

/** Members per VIP tier now, and how many moved up or down each month. */
export const tierDistribution = adminProcedure
  .input(tierDistributionInput)
  .output(tierDistributionOutput)
  .query(async ({ ctx, input }) => {
    const { shop, deps } = ctx;
    const range = input?.range ?? lastMonths(deps.now(), shop.timezone, 12);
    return { range, ...(await tierDistributionReport(deps.database.db, shop, range)) };
  });
