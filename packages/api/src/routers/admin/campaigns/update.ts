import { z } from "zod";
import { rowId } from "../../../schemas";
import { adminProcedure } from "../../../trpc";
import { updateCampaign } from "../../../services/campaigns";
import {
  bonusPoints,
  campaignInstant,
  campaignMinOrder,
  campaignName,
  campaignOutput,
  campaignTargetInput,
  campaignType,
  multiplierBp,
  toCampaignOutput,
} from "./campaign-schemas";

/** Only the fields sent change; null clears an optional one. The merged campaign is validated whole. */
export const updateCampaignInput = z.strictObject({
  campaignId: rowId,
  name: campaignName.optional(),
  type: campaignType.optional(),
  multiplierBp: multiplierBp.nullable().optional(),
  bonusPoints: bonusPoints.nullable().optional(),
  minOrderMinor: campaignMinOrder.nullable().optional(),
  startsAt: campaignInstant.optional(),
  endsAt: campaignInstant.optional(),
  target: campaignTargetInput.optional(),
  /** false pauses the campaign, true resumes it. */
  active: z.boolean().optional(),
});

export const updateCampaignOutput = z.object({
  campaign: campaignOutput,
  /** False when nothing changed (no new version written). */
  changed: z.boolean(),
});

/** Edits a campaign: the result is saved as its next version; earlier versions stay. */
export const update = adminProcedure
  .input(updateCampaignInput)
  .output(updateCampaignOutput)
  .mutation(async ({ ctx, input }) => {
    const at = ctx.deps.now();
    const { campaignId, ...patch } = input;
    const { campaign, changed } = await ctx.deps.database.db.transaction((tx) =>
      updateCampaign(tx, ctx, campaignId, patch, at),
    );
    return { campaign: toCampaignOutput(campaign, at), changed };
  });
