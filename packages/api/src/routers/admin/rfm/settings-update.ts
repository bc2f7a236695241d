import type { RfmBands } from "@loyalnest/domain";
import { sendRfmRescore } from "@loyalnest/queue";
import { sql } from "drizzle-orm";
import { fromDrizzle } from "pg-boss";
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
 * Saves the shop's RFM settings (a patch; audited) and, in the same transaction, asks the worker to
 * rescore the shop's customers now, so segments and their counts follow the new settings within
 * a minute instead of the next night (without a queue, as in some tests, they wait for the night).
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
      if (deps.boss) await sendRfmRescore(deps.boss, { shopId: shop.id }, { db: fromDrizzle(tx, sql) });
      return result.settings;
    });
    return toSettingsOutput(saved);
  });
