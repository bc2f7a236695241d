import { z } from "zod";
import { adminProcedure } from "../../../trpc";
import { analyticsOverview } from "../../../services/analytics/overview";
import { lastDays } from "../../../services/analytics/range";
import { dayRangeInput, dayRangeOutput } from "./range-input";

export const overviewInput = z
  .object({
    /** Shop-local days for the issued / redeemed figures; default the last 30 days. */
    range: dayRangeInput.optional(),
  })
  .strict()
  .optional();

export const overviewOutput = z.object({
  range: dayRangeOutput,
  currency: z.string(),
  members: z.number().int(),
  /** Members who earned or redeemed in the last 30 days. */
  activeMembers: z.number().int(),
  /** Sum of positive available balances now. */
  outstandingPoints: z.number().int(),
  /** Points owed by customers whose balance went below zero after a clawback. */
  debtPoints: z.number().int(),
  /** Outstanding points valued at the best value per point of the shop's rewards; null when none has a money value. */
  liability: z
    .object({
      amountMinor: z.number().int(),
      currency: z.string(),
      valuation: z.object({
        rewardId: z.number().int(),
        rewardName: z.string(),
        valueMinor: z.number().int(),
        points: z.number().int(),
      }),
    })
    .nullable(),
  pointsIssued: z.number().int(),
  pointsRedeemed: z.number().int(),
  /** Points redeemed ÷ points issued in the range, basis points; null when none were issued. */
  redemptionRateBp: z.number().int().nullable(),
});

/** Members, active members, outstanding points and their liability, and the redemption rate over a range. */
export const overview = adminProcedure
  .input(overviewInput)
  .output(overviewOutput)
  .query(async ({ ctx, input }) => {
    const { shop, deps } = ctx;
    const now = deps.now();
    const range = input?.range ?? lastDays(now, shop.timezone, 30);
    const report = await analyticsOverview(deps.database.db, shop, range, now);
    return {
      range,
      currency: shop.currency,
      ...report,
      liability: report.liability ? { ...report.liability, currency: shop.currency } : null,
    };
  });
