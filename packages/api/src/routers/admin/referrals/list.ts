import { listReferrals } from "../../../services/admin-referrals";
import { adminProcedure } from "../../../trpc";
import { pageInput, pageOutput } from "../../../schemas";
import { referralSchema, referralStatusSchema, toReferral } from "./referral-schemas";

export const listInput = pageInput.extend({ status: referralStatusSchema.optional() });
export const listOutput = pageOutput(referralSchema);

/** The shop's referrals, newest first, optionally of one status. */
export const list = adminProcedure
  .input(listInput)
  .output(listOutput)
  .query(async ({ ctx, input }) => {
    const result = await listReferrals(ctx.deps.database.db, ctx.shop.id, input);
    return { items: result.items.map(toReferral), nextCursor: result.nextCursor };
  });
