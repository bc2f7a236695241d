import { z } from "zod";
import { adminProcedure } from "../../../trpc";
import { getRfmSettings } from "../../../services/rfm/settings";
import { rfmSettingsOutput, toSettingsOutput } from "./settings-schemas";

export const settingsGetInput = z.object({}).strict().optional();
export const settingsGetOutput = rfmSettingsOutput;

/** The shop's RFM settings, or the §11 defaults until the merchant saves some. */
export const settingsGet = adminProcedure
  .input(settingsGetInput)
  .output(settingsGetOutput)
  .query(async ({ ctx }) => toSettingsOutput(await getRfmSettings(ctx.deps.database.db, ctx.shop.id)));
