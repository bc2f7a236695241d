import { z } from "zod";
import { requestKey, rowId, shortText } from "../../schemas";
import { awardAtPos, MAX_POS_AWARD } from "../../services/pos-actions";
import { posWriteProcedure } from "../../trpc";

export const awardInput = z
  .object({
    customerId: rowId,
    points: z.number().int().positive().max(MAX_POS_AWARD),
    /** Why, e.g. "Brought a reusable bag" — stored on the ledger row and in the audit log. */
    reason: shortText(200),
    requestKey,
  })
  .strict();

export const awardOutput = z.object({
  /** `duplicate`: this request key was already credited; nothing changed. */
  outcome: z.enum(["applied", "duplicate"]),
  points: z.number().int(),
  balance: z.number().int(),
});

/**
 * Points an associate awards at the till for an in-store action: an `earn` (source `pos`, actor
 * `pos_staff`), audited; members only; idempotent on `requestKey`. See services/pos-actions.ts.
 */
export const award = posWriteProcedure
  .meta({
    openapi: {
      method: "POST",
      path: "/pos/award",
      tags: ["pos"],
      summary: "Award points to a customer for an in-store action",
      protect: true,
    },
  })
  .input(awardInput)
  .output(awardOutput)
  .mutation(async ({ ctx, input }) => {
    const result = await awardAtPos(ctx, input);
    return {
      outcome: result.outcome === "applied" ? "applied" : "duplicate",
      points: result.points,
      balance: result.balance,
    };
  });
