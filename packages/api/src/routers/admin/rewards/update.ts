import { z } from "zod";
import { rowId } from "../../../schemas";
import { adminProcedure } from "../../../trpc";
import { updateReward } from "../../../services/rewards-catalogue";
import { rewardFieldSchemas as f, rewardOutput, toRewardOutput } from "./reward-schemas";

/** Only the fields sent change (null clears an optional one); the type cannot change. */
export const updateRewardInput = z.strictObject({
  rewardId: rowId,
  name: f.name.optional(),
  pointsCost: f.pointsCost.optional(),
  valueMinor: f.valueMinor.optional(),
  maxShippingMinor: f.maxShippingMinor.optional(),
  percentBp: f.percentBp.optional(),
  productVariantId: f.productVariantId.optional(),
  pointsForMoney: f.pointsForMoney.optional(),
  valuesByCurrency: f.valuesByCurrency.optional(),
  minOrderMinor: f.minOrderMinor.optional(),
  codeExpiryDays: f.codeExpiryDays.optional(),
  combinesWith: f.combinesWith.optional(),
  perCustomerLimit: f.perCustomerLimit.optional(),
  minTierId: f.minTierId.optional(),
  channels: f.channels.optional(),
  active: z.boolean().optional(),
});

export const updateRewardOutput = z.object({
  reward: rewardOutput,
  /** False when nothing changed. */
  changed: z.boolean(),
});

/** Edits a reward; past redemptions keep the snapshot they were made with. */
export const update = adminProcedure
  .input(updateRewardInput)
  .output(updateRewardOutput)
  .mutation(async ({ ctx, input }) => {
    const { rewardId, ...patch } = input;
    const { reward, changed } = await ctx.deps.database.db.transaction((tx) =>
      updateReward(tx, ctx, rewardId, patch, ctx.deps.now()),
    );
    return { reward: toRewardOutput(reward), changed };
  });
