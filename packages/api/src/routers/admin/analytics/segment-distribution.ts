import { RFM_SEGMENTS, type RfmSegment } from "@loyalnest/domain";
import { z } from "zod";
import { adminProcedure } from "../../../trpc";
import { lastDays } from "../../../services/analytics/range";
import { segmentDistribution as segmentDistributionReport } from "../../../services/analytics/segment-distribution";
import { dayRangeInput, dayRangeOutput } from "./range-input";

export const segmentDistributionInput = z
  .object({
    /** Shop-local days of the daily snapshots; default the last 90 days. */
    range: dayRangeInput.optional(),
  })
  .strict()
  .optional();

const segmentCounts = z.object(
  Object.fromEntries(RFM_SEGMENTS.map((s) => [s, z.number().int()])) as Record<RfmSegment, z.ZodNumber>,
);

export const segmentDistributionOutput = z.object({
  range: dayRangeOutput,
  now: z.object({ segments: segmentCounts, bigSpenders: z.number().int(), unscored: z.number().int() }),
  series: z.array(z.object({ day: z.string(), segments: segmentCounts, bigSpenders: z.number().int() })),
  change: z.object({ from: z.string(), to: z.string(), delta: segmentCounts }).nullable(),
});

/** Customers per RFM segment now, and the daily snapshots over a range to chart movement. */
export const segmentDistribution = adminProcedure
  .input(segmentDistributionInput)
  .output(segmentDistributionOutput)
  .query(async ({ ctx, input }) => {
    const { shop, deps } = ctx;
    const range = input?.range ?? lastDays(deps.now(), shop.timezone, 90);
    return { range, ...(await segmentDistributionReport(deps.database.db, shop, range)) };
  });
