import { z } from "zod";
import { adminProcedure } from "../../../trpc";
import { saveLadder } from "../../../services/tier-ladder";
import { listTiersOutput, loadLadderView } from "./list";
import { ladderInput } from "./tier-schemas";

export const saveTiersInput = z.strictObject({
  /** The whole new ladder: tiers with an id are kept, without one created; active tiers left out are deactivated. */
  tiers: ladderInput,
});

export const saveTiersOutput = listTiersOutput.extend({
  changed: z.boolean(),
  /** Consequences the merchant should fix (e.g. a reward limited to a tier now inactive). */
  warnings: z.array(z.string()),
});

/**
 * Replaces the VIP ladder in one audited transaction. Points are never touched; customers move on
 * their next earning or the nightly evaluation (see `services/tier-ladder.ts`).
 */
export const save = adminProcedure
  .input(saveTiersInput)
  .output(saveTiersOutput)
  .mutation(async ({ ctx, input }) => {
    const { db } = ctx.deps.database;
    const { changed, warnings } = await db.transaction((tx) =>
      saveLadder(tx, ctx, input.tiers, ctx.deps.now()),
    );
    return { changed, warnings, ...(await loadLadderView(db, ctx.shop.id)) };
  });
