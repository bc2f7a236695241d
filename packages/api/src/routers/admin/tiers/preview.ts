import { z } from "zod";
import { adminProcedure } from "../../../trpc";
import { previewLadder } from "../../../services/tier-ladder";
import { ladderInput } from "./tier-schemas";

export const previewTiersInput = z.strictObject({ tiers: ladderInput });

const moves = { up: z.number().int(), down: z.number().int(), stay: z.number().int() };

export const previewTiersOutput = z.object({
  ...moves,
  /** Pinned customers (counted in `stay`: a pin holds whatever the thresholds). */
  pinned: z.number().int(),
  /** Moves by the tier held today (null = no tier), lowest first. */
  byCurrentTier: z.array(
    z.object({
      tierId: z.number().int().nullable(),
      name: z.string().nullable(),
      customers: z.number().int(),
      ...moves,
    }),
  ),
  /** How many customers each proposed tier would hold: `index` in the proposed list (null = no tier). */
  byNewTier: z.array(
    z.object({
      index: z.number().int().nullable(),
      tierId: z.number().int().nullable(),
      name: z.string().nullable(),
      customers: z.number().int(),
    }),
  ),
});

/**
 * §8 the threshold-change preview: how many customers would move up, down or stay if the proposed
 * ladder were saved. Reads only; points are never involved.
 */
export const preview = adminProcedure
  .input(previewTiersInput)
  .output(previewTiersOutput)
  .query(({ ctx, input }) =>
    ctx.deps.database.db.transaction((tx) => previewLadder(tx, ctx.shop.id, input.tiers, ctx.deps.now()), {
      accessMode: "read only",
    }),
  );
