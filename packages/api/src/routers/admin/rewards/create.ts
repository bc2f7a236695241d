import { schema } from "@loyalnest/db";
import { z } from "zod";
import { adminProcedure } from "../../../trpc";
import { createReward, type RewardFields } from "../../../services/rewards-catalogue";
import { rewardFieldSchemas as f, rewardOutput, toRewardOutput } from "./reward-schemas";

/** Common fields plus the ones of its type (see `reward-schemas.ts`); fields of another type are refused. */
export const createRewardInput = z
  .strictObject({
    name: f.name,
    type: z.enum(schema.rewardType.enumValues),
    pointsCost: f.pointsCost.optional(),
    valueMinor: f.valueMinor.optional(),
    maxShippingMinor: f.maxShippingMinor.optional(),
    percentBp: f.percentBp.optional(),
    productVariantId: f.productVariantId.optional(),
    pointsForMoney: f.pointsForMoney.optional(),
    valuesByCurrency: f.valuesByCurrency.optional(),
    minOrderMinor: f.minOrderMinor.default(null),
    codeExpiryDays: f.codeExpiryDays.default(30),
    combinesWith: f.combinesWith.default({
      orderDiscounts: false,
      productDiscounts: false,
      shippingDiscounts: true,
    }),
    perCustomerLimit: f.perCustomerLimit.default(null),
    minTierId: f.minTierId.default(null),
    channels: f.channels.default(["online", "pos"]),
    active: z.boolean().default(true),
  })
  .transform((input): RewardFields => ({
    ...input,
    pointsCost: input.pointsCost ?? null,
    valueMinor: input.valueMinor ?? null,
    maxShippingMinor: input.maxShippingMinor ?? null,
    percentBp: input.percentBp ?? null,
    productVariantId: input.productVariantId ?? null,
    pointsForMoney: input.pointsForMoney ?? null,
    valuesByCurrency: input.valuesByCurrency ?? null,
  }));

/** Adds a reward to the catalogue, validated exactly as the redemption engine will read it. */
export const create = adminProcedure
  .input(createRewardInput)
  .output(rewardOutput)
  .mutation(async ({ ctx, input }) => {
    const row = await ctx.deps.database.db.transaction((tx) => createReward(tx, ctx, input, ctx.deps.now()));
    return toRewardOutput(row);
  });
