import { z } from "zod";
import { pageInput, pageOutput } from "../../../schemas";
import { adminProcedure } from "../../../trpc";
import { listCampaigns } from "../../../services/campaigns";
import { campaignOutput, toCampaignOutput } from "./campaign-schemas";

export const listCampaignsInput = pageInput
  .extend({
    /** `all` = every campaign not archived; `active` = running now. */
    status: z.enum(["all", "active", "upcoming", "ended", "paused", "archived"]).default("all"),
  })
  .strict()
  .optional();

export const listCampaignsOutput = pageOutput(campaignOutput);

/** The shop's campaigns, newest first, filtered by status (active / upcoming / ended / paused / archived). */
export const list = adminProcedure
  .input(listCampaignsInput)
  .output(listCampaignsOutput)
  .query(async ({ ctx, input }) => {
    const at = ctx.deps.now();
    const page = await listCampaigns(
      ctx.deps.database.db,
      ctx.shop.id,
      { status: input?.status ?? "all", cursor: input?.cursor, limit: input?.limit ?? 25 },
      at,
    );
    return { items: page.items.map((row) => toCampaignOutput(row, at)), nextCursor: page.nextCursor };
  });
