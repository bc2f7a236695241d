import { z } from "zod";
import { rowId } from "../../../schemas";
import { adminProcedure } from "../../../trpc";
import { archiveCampaign } from "../../../services/campaigns";
import { campaignOutput, toCampaignOutput } from "./campaign-schemas";

export const archiveCampaignInput = z.strictObject({ campaignId: rowId });

/** Ends a campaign for good (kept for the ledger's history; it no longer awards or shows). */
export const archive = adminProcedure
  .input(archiveCampaignInput)
  .output(campaignOutput)
  .mutation(async ({ ctx, input }) => {
    const at = ctx.deps.now();
    const row = await ctx.deps.database.db.transaction((tx) =>
      archiveCampaign(tx, ctx, input.campaignId, at),
    );
    return toCampaignOutput(row, at);
  });
