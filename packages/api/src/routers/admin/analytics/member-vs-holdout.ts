import { z } from "zod";
import { adminProcedure } from "../../../trpc";
import {
  MIN_GROUP_SIZE,
  memberVsHoldout as memberVsHoldoutReport,
} from "../../../services/analytics/member-vs-holdout";
import { lastDays } from "../../../services/analytics/range";
import { dayRangeInput, dayRangeOutput } from "./range-input";

export const memberVsHoldoutInput = z
  .object({
    /** Shop-local days; default the last 90 days. */
    range: dayRangeInput.optional(),
  })
  .strict()
  .optional();

/** A point estimate with its 95% confidence interval. */
const estimate = z.object({ value: z.number(), low: z.number(), high: z.number() });

const group = z.object({
  customers: z.number().int(),
  buyers: z.number().int(),
  revenueMinor: z.number().int(),
  orders: z.number().int(),
  enoughData: z.boolean(),
  revenuePerCustomerMinor: estimate.nullable(),
  repeatRateBp: estimate.nullable(),
  ordersPerCustomer: estimate.nullable(),
});

export const memberVsHoldoutOutput = z.object({
  range: dayRangeOutput,
  currency: z.string(),
  minimumGroupSize: z.number().int(),
  enoughData: z.boolean(),
  /** Why there is no comparison, in words a merchant reads; null when there is one. */
  message: z.string().nullable(),
  members: group,
  holdout: group,
  comparison: z
    .object({
      revenuePerCustomerDiffMinor: estimate,
      incrementalRevenueMinor: estimate,
      revenueLiftBp: z.number().int().nullable(),
      repeatRateDiffBp: estimate,
      ordersPerCustomerDiff: estimate,
      significant: z.boolean(),
    })
    .nullable(),
});

/**
 * Members against the holdout group: revenue per customer, repeat rate and order frequency with
 * 95% confidence intervals, and the incremental revenue the programme is estimated to bring.
 */
export const memberVsHoldout = adminProcedure
  .input(memberVsHoldoutInput)
  .output(memberVsHoldoutOutput)
  .query(async ({ ctx, input }) => {
    const { shop, deps } = ctx;
    const range = input?.range ?? lastDays(deps.now(), shop.timezone, 90);
    const report = await memberVsHoldoutReport(deps.database.db, shop, range);
    return { range, currency: shop.currency, minimumGroupSize: MIN_GROUP_SIZE, ...report };
  });
