import { referralReviewQueue } from "../../../services/admin-referrals";
import { adminProcedure } from "../../../trpc";
import { pageInput, pageOutput } from "../../../schemas";
import { referralSchema, toReferral } from "./referral-schemas";

export const reviewQueueInput = pageInput;
export const reviewQueueOutput = pageOutput(referralSchema);

/** Referrals flagged by the fraud rules, with their score and reasons, oldest first. */
export const reviewQueue = adminProcedure
  .input(reviewQueueInput)
  .output(reviewQueueOutput)
  .query(async ({ ctx, input }) => {
    const result = await referralReviewQueue(ctx.deps.database.db, ctx.shop.id, input);
    return { items: result.items.map(toReferral), nextCursor: result.nextCursor };
  });
