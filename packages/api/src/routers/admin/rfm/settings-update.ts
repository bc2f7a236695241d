import type { RfmBands } from "@loyalnest/domain";
import { z } from "zod";
import { writeAudit } from "../../../audit";
import { adminProcedure } from "../../../trpc";
import { updateRfmSettings } from "../../../services/rfm/settings";
import {
  bandsSchema,
  rfmModeSchema,
  rfmPresetSchema,
  rfmSettingsOutput,
  toSettingsOutput,
  weightsSchema,
} from "./settings-schemas";

export const settingsUpdateInput = z
  .object({
    mode: rfmModeSchema.optional(),
    preset: rfmPresetSchema.optional(),
    /** Days of order history measured (1–3650); null = lifetime. */
    windowDays: z.number().int().min(1).max(3650).nullable().optional(),
    /** Edited band edges; implies the custom preset. */
    bands: bandsSchema.optional(),
    weights: weightsSchema
      .refine((w) => w.rBp + w.fBp + w.mBp === 10_000, "The three weights must add up to 100% (10000 bp).")
      .optional(),
  })
  .strict()
  .refine((patch) => Object.values(patch).some((v) => v !== undefined), "Change at least one setting.");

export const settingsUpdateOutput = rfmSettingsOutput;

/**
 * Saves the shop's RFM settings (a patch; audited). They apply from the next RFM computation:
 * the nightly pass, or a customer's next order or refund.
 */
export const settingsUpdate = adminProcedure
  .input(settingsUpdateInput)
  .output(settingsUpdateOutput)
  .mutation(async ({ ctx, input }) => {
    const { shop, deps } = ctx;
    const bands = input.bands as RfmBands | undefined;
    const saved = await deps.database.db.transaction(async (tx) => {
      const result = await updateRfmSettings(tx, shop.id, { ...input, bands }, deps.now());
      await writeAudit(tx, ctx, {
        action: "rfm.settings.updated",
        entityType: "rfm_settings",
        entityId: shop.id,
        changes: result.changes,
      });
      return result.settings;
    });
    return toSettingsOutput(saved);
  });
