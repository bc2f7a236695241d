import { z } from "zod";
import { adminProcedure } from "../../../trpc";
import { lastDays } from "../../../services/analytics/range";
import { referralFunnel as referralFunnelReport } from "../../../services/analytics/referral-funnel";
import { dayRangeInput, dayRangeOutput } from "./range-input";

export const referralFunnelInput = z
  .object({
    /** Shop-local days; default the last 30 days. */
    range: dayRangeInput.optional(),
  })
  .strict()
  .optional();

const count = z.number().int();

export const referralFunnelOutput = z.object({
  range: dayRangeOutput,
  visits: count,
  uniqueVisitors: count,
  referralsCreated: count,
  pending: count,
  firstOrders: count,
  awaitingReview: count,
  rewarded: count,
  completed: count,
  approved: count,
  rejected: count,
  reversed: count,
  visitToReferralBp: count.nullable(),
  referralToRewardBp: count.nullable(),
  pointsAwarded: count,
});

/** Referral visits → referrals created → first orders → rewarded / awaiting review / rejected / reversed. */
export const referralFunnel = adminProcedure
  .input(referralFunnelInput)
  .output(referralFunnelOutput)
  .query(async ({ ctx, input }) => {
    const { shop, deps } = ctx;
    const range = input?.range ?? lastDays(deps.now(), shop.timezone, 30);
    return { range, ...(await referralFunnelReport(deps.database.db, shop, range)) };
  });
