import { z } from "zod";
import { rowId, toIso } from "../../../schemas";
import { adminProcedure } from "../../../trpc";
import { campaignVersionsOf, getCampaign } from "../../../services/campaigns";
import { campaignOutput, toCampaignOutput } from "./campaign-schemas";

export const getCampaignInput = z.strictObject({ campaignId: rowId });

export const getCampaignOutput = z.object({
  campaign: campaignOutput,
  /** The latest 50 versions, newest first: each the whole campaign as it was saved. */
  versions: z.array(
    z.object({
      version: z.number().int(),
      snapshot: z.record(z.string(), z.unknown()),
      createdBy: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});

/** One campaign with its version history. */
export const get = adminProcedure
  .input(getCampaignInput)
  .output(getCampaignOutput)
  .query(async ({ ctx, input }) => {
    const { db } = ctx.deps.database;
    const row = await getCampaign(db, ctx.shop.id, input.campaignId);
    const versions = await campaignVersionsOf(db, ctx.shop.id, row.id);
    return {
      campaign: toCampaignOutput(row, ctx.deps.now()),
      versions: versions.map((v) => ({
        version: v.version,
        snapshot: v.snapshot && typeof v.snapshot === "object" ? (v.snapshot as Record<string, unknown>) : {},
        createdBy: v.createdBy,
        createdAt: toIso(v.createdAt),
      })),
    };
  });
