import { z } from "zod";
import { rowId } from "../../../schemas";
import { adminProcedure } from "../../../trpc";
import { getReward } from "../../../services/rewards-catalogue";
import { rewardOutput, toRewardOutput } from "./reward-schemas";

export const getRewardInput = z.strictObject({ rewardId: rowId });

/** One reward of the catalogue (archived ones included). */
export const get = adminProcedure
  .input(getRewardInput)
  .output(rewardOutput)
  .query(async ({ ctx, input }) =>
    toRewardOutput(await getReward(ctx.deps.database.db, ctx.shop.id, input.rewardId)),
  );
