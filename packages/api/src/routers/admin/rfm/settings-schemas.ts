import { z } from "zod";
import { toIsoOrNull } from "../../../schemas";
import type { RfmSettingsView } from "../../../services/rfm/settings";

const ascending = (values: readonly number[]) => values.every((v, i) => i === 0 || v > values[i - 1]!);

const bandEdges = (min: number, max: number, what: string) =>
  z
    .array(z.number().int().min(min).max(max))
    .length(4, "four band edges")
    .refine(ascending, `${what} band edges must go strictly up`);

export const bandsSchema = z.object({
  /** Upper bounds in days, inclusive: ≤ e0 scores R5 … > e3 scores R1. */
  recencyDays: bandEdges(0, 3650, "Recency"),
  /** Upper bounds in orders, inclusive: ≤ e0 scores F1 … > e3 scores F5. */
  frequency: bandEdges(1, 100_000, "Frequency"),
  /** Net spend ÷ average order value, in basis points (5000 = 0.5×): < e0 scores M1 … ≥ e3 scores M5. */
  monetaryAovBp: bandEdges(1, 10_000_000, "Monetary"),
});

export const weightsSchema = z.object({
  rBp: z.number().int().min(0).max(10_000),
  fBp: z.number().int().min(0).max(10_000),
  mBp: z.number().int().min(0).max(10_000),
});

export const rfmModeSchema = z.enum(["bands", "quintile"]);
export const rfmPresetSchema = z.enum(["default", "subscription", "custom"]);

export const rfmSettingsOutput = z.object({
  mode: rfmModeSchema,
  preset: rfmPresetSchema,
  /** Days of order history measured; null = lifetime. */
  windowDays: z.number().int().nullable(),
  /** The band edges in force (the preset's own, or the custom ones). */
  bands: bandsSchema,
  /** The merchant's edited edges, used under the custom preset. */
  customBands: bandsSchema,
  weights: weightsSchema,
  /** True until the merchant first saves: the §11 defaults apply. */
  isDefault: z.boolean(),
  updatedAt: z.string().nullable(),
});

const mutableBands = (bands: RfmSettingsView["bands"]) => ({
  recencyDays: [...bands.recencyDays],
  frequency: [...bands.frequency],
  monetaryAovBp: [...bands.monetaryAovBp],
});

export const toSettingsOutput = (view: RfmSettingsView): z.infer<typeof rfmSettingsOutput> => ({
  mode: view.mode,
  preset: view.preset,
  windowDays: view.windowDays,
  bands: mutableBands(view.bands),
  customBands: mutableBands(view.customBands),
  weights: view.weights,
  isDefault: view.isDefault,
  updatedAt: toIsoOrNull(view.updatedAt),
});
