import { schema } from "@loyalnest/db";
import { z } from "zod";
import { pageInput, pageOutput } from "../../../schemas";
import { adminProcedure } from "../../../trpc";
import { listRewards } from "../../../services/rewards-catalogue";
import { rewardOutput, toRewardOutput } from "./reward-schemas";

export const listRewardsInput = pageInput
  .extend({
    /** Archived rewards are hidden unless asked for. */
    archived: z.enum(["exclude", "include", "only"]).default("exclude"),
    type: z.enum(schema.rewardType.enumValues).optional(),
  })
  .strict()
  .optional();

export const listRewardsOutput = pageOutput(rewardOutput);

/** The reward catalogue, oldest first. */
export const list = adminProcedure
  .input(listRewardsInput)
  .output(listRewardsOutput)
  .query(async ({ ctx, input }) => {
    const page = await listRewards(ctx.deps.database.db, ctx.shop.id, {
      archived: input?.archived ?? "exclude",
      type: input?.type,
      cursor: input?.cursor,
      limit: input?.limit ?? 25,
    });
    return { items: page.items.map(toRewardOutput), nextCursor: page.nextCursor };
  });
