import { schema, type Executor, type Transaction } from "@loyalnest/db";
import {
  DEFAULT_RFM_CONFIG,
  rfmConfigFromSettings,
  RfmConfigError,
  type RfmBands,
  type RfmMode,
  type RfmPreset,
  type RfmWeights,
} from "@loyalnest/domain";
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";

/**
 * The shop's RFM settings (§11): mode (bands or quintile), preset, window, band edges and weights,
 * stored in `rfm_settings` (one row per shop, absent until first saved: the §11 defaults apply).
 *
 * Rules chosen where the spec is silent:
 * - `bands` are the edges in force: a named preset's own bands (default or subscription), or the
 *   merchant's edited ones under `custom`; `customBands` are the stored edited ones (kept while a
 *   named preset is chosen, so switching back to custom restores them).
 * - An update is a patch. Sending bands without a preset means `custom`; sending bands with a
 *   named preset is refused (that preset's bands would silently win).
 * - Weights must add up to 100% (10000 bp), so the composite stays on the 1–5 scale.
 * - Saved settings apply from the next RFM computation (the nightly pass, or a customer's next
 *   order or refund); they do not rescore the shop inside the request.
 */
export interface RfmSettingsView {
  mode: RfmMode;
  preset: RfmPreset;
  windowDays: number | null;
  bands: RfmBands;
  customBands: RfmBands;
  weights: RfmWeights;
  isDefault: boolean;
  updatedAt: Date | null;
}

export interface RfmSettingsPatch {
  mode?: RfmMode | undefined;
  preset?: RfmPreset | undefined;
  windowDays?: number | null | undefined;
  bands?: RfmBands | undefined;
  weights?: RfmWeights | undefined;
}

type Row = typeof schema.rfmSettings.$inferSelect;
type StoredFields = Omit<Row, "shopId" | "updatedAt">;

const DEFAULT_ROW: StoredFields = {
  mode: DEFAULT_RFM_CONFIG.mode,
  preset: DEFAULT_RFM_CONFIG.preset,
  windowDays: DEFAULT_RFM_CONFIG.windowDays,
  recencyBandsDays: [...DEFAULT_RFM_CONFIG.bands.recencyDays],
  frequencyBands: [...DEFAULT_RFM_CONFIG.bands.frequency],
  monetaryBandsAovBp: [...DEFAULT_RFM_CONFIG.bands.monetaryAovBp],
  weightRBp: DEFAULT_RFM_CONFIG.weights.rBp,
  weightFBp: DEFAULT_RFM_CONFIG.weights.fBp,
  weightMBp: DEFAULT_RFM_CONFIG.weights.mBp,
};

const edges = (values: readonly number[]) => [values[0]!, values[1]!, values[2]!, values[3]!] as const;

function view(fields: StoredFields, updatedAt: Date | null): RfmSettingsView {
  const config = validated(fields);
  return {
    mode: config.mode,
    preset: config.preset,
    windowDays: config.windowDays,
    bands: config.bands,
    customBands: {
      recencyDays: edges(fields.recencyBandsDays),
      frequency: edges(fields.frequencyBands),
      monetaryAovBp: edges(fields.monetaryBandsAovBp),
    },
    weights: config.weights,
    isDefault: updatedAt === null,
    updatedAt,
  };
}

/** The domain's own validation, as a 400 the merchant can read. */
function validated(fields: StoredFields) {
  try {
    return rfmConfigFromSettings(fields);
  } catch (error) {
    if (error instanceof RfmConfigError) throw new TRPCError({ code: "BAD_REQUEST", message: error.message });
    throw error;
  }
}

async function loadRow(db: Executor, shopId: string, lock = false) {
  const query = db.select().from(schema.rfmSettings).where(eq(schema.rfmSettings.shopId, shopId));
  const [row] = lock ? await query.for("update") : await query;
  return row ?? null;
}

const storedFields = (row: Row): StoredFields => {
  const { shopId: _shopId, updatedAt: _updatedAt, ...fields } = row;
  return fields;
};

export async function getRfmSettings(db: Executor, shopId: string): Promise<RfmSettingsView> {
  const row = await loadRow(db, shopId);
  return row ? view(storedFields(row), row.updatedAt) : view(DEFAULT_ROW, null);
}

export interface RfmSettingsUpdate {
  settings: RfmSettingsView;
  /** Field → { from, to } of what changed (no personal data): the audit row's `changes`. */
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** Applies a patch to the shop's settings (creating the row on first save), in the caller's transaction. */
export async function updateRfmSettings(
  tx: Transaction,
  shopId: string,
  patch: RfmSettingsPatch,
  now: Date,
): Promise<RfmSettingsUpdate> {
  const existing = await loadRow(tx, shopId, true);
  const before = existing ? storedFields(existing) : DEFAULT_ROW;
  if (patch.bands && patch.preset !== undefined && patch.preset !== "custom") {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "Band edges can only be edited with the custom preset.",
    });
  }
  const preset = patch.preset ?? (patch.bands ? "custom" : before.preset);
  const after: StoredFields = {
    mode: patch.mode ?? before.mode,
    preset,
    windowDays: patch.windowDays === undefined ? before.windowDays : patch.windowDays,
    recencyBandsDays: patch.bands ? [...patch.bands.recencyDays] : before.recencyBandsDays,
    frequencyBands: patch.bands ? [...patch.bands.frequency] : before.frequencyBands,
    monetaryBandsAovBp: patch.bands ? [...patch.bands.monetaryAovBp] : before.monetaryBandsAovBp,
    weightRBp: patch.weights?.rBp ?? before.weightRBp,
    weightFBp: patch.weights?.fBp ?? before.weightFBp,
    weightMBp: patch.weights?.mBp ?? before.weightMBp,
  };
  validated(after);

  const changes: RfmSettingsUpdate["changes"] = {};
  for (const key of Object.keys(after) as (keyof StoredFields)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      changes[key] = { from: before[key], to: after[key] };
  }
  const [saved] = await tx
    .insert(schema.rfmSettings)
    .values({ shopId, ...after, updatedAt: now })
    .onConflictDoUpdate({ target: schema.rfmSettings.shopId, set: { ...after, updatedAt: now } })
    .returning();
  return { settings: view(storedFields(saved!), saved!.updatedAt), changes };
}
