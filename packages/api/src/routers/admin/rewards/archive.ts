import { z } from "zod";
import { rowId } from "../../../schemas";
import { adminProcedure } from "../../../trpc";
import { archiveReward } from "../../../services/rewards-catalogue";
import { rewardOutput, toRewardOutput } from "./reward-schemas";

export const archiveRewardInput = z.strictObject({ rewardId: rowId });

/**
 * Takes a reward out of the catalogue for good. Soft: redemptions reference it, so the row stays
 * (archived, inactive); codes already issued stay valid.
 */
export const archive = adminProcedure
  .input(archiveRewardInput)
  .output(rewardOutput)
  .mutation(async ({ ctx, input }) => {
    const row = await ctx.deps.database.db.transaction((tx) =>
      archiveReward(tx, ctx, input.rewardId, ctx.deps.now()),
    );
    return toRewardOutput(row);
  });
