import { z } from "zod";
import { adjustCustomerPoints } from "../../../services/admin-customer-actions";
import { adminProcedure } from "../../../trpc";
import { storedText } from "./customer-schemas";
import { pointsAmount, requestKey, rowId } from "../../../schemas";

export const adjustPointsInput = z.object({
  customerId: rowId,
  /** Signed: positive adds points, negative removes them (never below the available balance). */
  points: pointsAmount.refine((points) => points !== 0, "Enter a number of points other than zero."),
  reason: storedText(500),
  requestKey,
});

export const adjustPointsOutput = z.object({
  /** `duplicate`: this request key was already applied; nothing more was posted. */
  outcome: z.enum(["applied", "duplicate"]),
  entryId: z.number().int(),
  points: z.number().int(),
  balance: z.object({ available: z.number().int(), pending: z.number().int() }),
});

/**
 * A manual adjustment with a required reason, posted to the ledger under the client's request key
 * and audited (by the ledger service, in the same transaction). A deduction beyond the available
 * balance is refused with a 422 and changes nothing.
 */
export const adjustPoints = adminProcedure
  .input(adjustPointsInput)
  .output(adjustPointsOutput)
  .mutation(({ ctx, input }) =>
    adjustCustomerPoints(ctx.deps.database.db, ctx.shop.id, ctx.staff, input, ctx.deps.now()),
  );
