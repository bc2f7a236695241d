import { z } from "zod";
import { searchCustomers } from "../../../services/admin-customers";
import { adminProcedure } from "../../../trpc";
import { pageInput, pageOutput, pointsAmount, rowId } from "../../../schemas";
import { customerSummarySchema, membershipStatusSchema, segmentSchema } from "./customer-schemas";

export const searchInput = pageInput
  .extend({
    /** Exact e-mail (case and surrounding spaces ignored), matched through the blind index. */
    email: z.string().trim().min(3).max(254).optional(),
    tierId: rowId.optional(),
    segment: segmentSchema.optional(),
    membershipStatus: membershipStatusSchema.optional(),
    balanceMin: pointsAmount.optional(),
    balanceMax: pointsAmount.optional(),
  })
  .refine((f) => f.balanceMin === undefined || f.balanceMax === undefined || f.balanceMin <= f.balanceMax, {
    message: "The minimum balance must not be above the maximum.",
    path: ["balanceMin"],
  });

export const searchOutput = pageOutput(customerSummarySchema);

/**
 * Finds the shop's customers: one exact e-mail, or any mix of tier, RFM segment, membership status
 * and balance range. Newest first; `nextCursor` fetches the next page.
 */
export const search = adminProcedure
  .input(searchInput)
  .output(searchOutput)
  .query(({ ctx, input }) => searchCustomers(ctx.deps.database.db, ctx.deps.keyring, ctx.shop.id, input));
