import { z } from "zod";
import { reviewReferral } from "../../../services/admin-referrals";
import { adminProcedure } from "../../../trpc";
import { rowId } from "../../../schemas";
import { referralSchema, toReferral } from "./referral-schemas";

export const reviewInput = z.object({
  referralId: rowId,
  decision: z.enum(["approve", "reject"]),
});

export const reviewOutput = z.object({
  /** `duplicate`: the referral already had this decision; nothing changed. */
  outcome: z.enum(["approved", "rejected", "duplicate"]),
  referral: referralSchema,
  /** When the advocate reward is a catalogue reward rather than points: the reward still to issue. */
  advocateRewardId: z.number().int().nullable(),
});

/**
 * The merchant approves (the advocate is rewarded as on completion) or rejects (no one is) a
 * flagged referral. Audited; repeating the same decision is a no-op; other states are a 409.
 */
export const review = adminProcedure
  .input(reviewInput)
  .output(reviewOutput)
  .mutation(async ({ ctx, input }) => {
    const result = await reviewReferral(ctx.deps.database.db, ctx.shop.id, ctx.staff, input, ctx.deps.now());
    return { ...result, referral: toReferral(result.referral) };
  });
