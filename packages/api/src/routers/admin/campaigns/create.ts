import { z } from "zod";
import { adminProcedure } from "../../../trpc";
import { createCampaign, type CampaignFields } from "../../../services/campaigns";
import {
  bonusPoints,
  campaignInstant,
  campaignMinOrder,
  campaignName,
  campaignOutput,
  campaignTargetInput,
  campaignType,
  multiplierBp,
  refineCampaign,
  toCampaignOutput,
} from "./campaign-schemas";

export const createCampaignInput = z
  .strictObject({
    name: campaignName,
    type: campaignType,
    /** Multiplier campaigns: 10001–100000 (20000 = ×2). */
    multiplierBp: multiplierBp.optional(),
    /** Fixed-bonus campaigns: the points added to each qualifying order. */
    bonusPoints: bonusPoints.optional(),
    /** Fixed-bonus campaigns: the order's purchase basis must reach this (minor units). */
    minOrderMinor: campaignMinOrder.optional(),
    startsAt: campaignInstant,
    endsAt: campaignInstant,
    /** Empty = everyone; otherwise one audience kind. */
    target: campaignTargetInput.default({}),
    active: z.boolean().default(true),
  })
  .transform((input): CampaignFields => ({
    ...input,
    multiplierBp: input.multiplierBp ?? null,
    bonusPoints: input.bonusPoints ?? null,
    minOrderMinor: input.minOrderMinor ?? null,
  }))
  .superRefine(refineCampaign);

/** A new bonus campaign, saved as its version 1. */
export const create = adminProcedure
  .input(createCampaignInput)
  .output(campaignOutput)
  .mutation(async ({ ctx, input }) => {
    const at = ctx.deps.now();
    const row = await ctx.deps.database.db.transaction((tx) => createCampaign(tx, ctx, input, at));
    return toCampaignOutput(row, at);
  });
