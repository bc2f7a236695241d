import { BP_ONE } from "../money";
import {
  RfmConfigError,
  type BandEdges,
  type RfmBands,
  type RfmConfig,
  type RfmPreset,
  type RfmWeights,
} from "./types";

/** §11 "the last 365 days". */
export const DEFAULT_RFM_WINDOW_DAYS = 365;

/** §11 default bands: R ≤7 / 8–30 / 31–60 / 61–90 / >90 days; F 1 / 2–3 / 4–5 / 6–10 / >10; M 0.5 / 1 / 2 / 5 × AOV. */
export const DEFAULT_RFM_BANDS: RfmBands = {
  recencyDays: [7, 30, 60, 90],
  frequency: [1, 3, 5, 10],
  monetaryAovBp: [5_000, 10_000, 20_000, 50_000],
};

/**
 * §11 "A subscription-store preset uses slower recency bands (5 = ≤14 days, 1 = >180)". The middle
 * bands are our choice: ≤14 / 15–45 / 46–90 / 91–180 / >180 days. 45 days lets a monthly subscriber
 * skip one delivery and still score 4; 90 is a quarterly cycle; 180 two missed quarters. Frequency
 * and monetary bands stay the defaults.
 */
export const SUBSCRIPTION_RFM_BANDS: RfmBands = {
  ...DEFAULT_RFM_BANDS,
  recencyDays: [14, 45, 90, 180],
};

/** §11 "Composite score = 0.4·R + 0.3·F + 0.3·M". */
export const DEFAULT_RFM_WEIGHTS: RfmWeights = { rBp: 4_000, fBp: 3_000, mBp: 3_000 };

export const DEFAULT_RFM_CONFIG: RfmConfig = {
  mode: "bands",
  preset: "default",
  windowDays: DEFAULT_RFM_WINDOW_DAYS,
  bands: DEFAULT_RFM_BANDS,
  weights: DEFAULT_RFM_WEIGHTS,
};

/** The bands of a preset; `custom` has none of its own (the merchant's edited bands apply). */
export function rfmPresetBands(preset: Exclude<RfmPreset, "custom">): RfmBands {
  return preset === "subscription" ? SUBSCRIPTION_RFM_BANDS : DEFAULT_RFM_BANDS;
}

/** Four strictly ascending integers ≥ `min`, from an `integer[]` column. */
export function toBandEdges(values: readonly number[], what: string, min: number): BandEdges {
  if (values.length !== 4) throw new RfmConfigError(`${what}: 4 band edges expected, got ${values.length}`);
  values.forEach((v, i) => {
    if (!Number.isSafeInteger(v) || v < min)
      throw new RfmConfigError(`${what}: edge ${v} must be an integer ≥ ${min}`);
    if (i > 0 && v <= values[i - 1]!) throw new RfmConfigError(`${what}: edges must be strictly ascending`);
  });
  return [values[0]!, values[1]!, values[2]!, values[3]!];
}

/**
 * A config from an `rfm_settings` row, validated: bands ascending (recency ≥ 0 days, frequency ≥ 1
 * order, monetary > 0 bp), weights non-negative integers with a positive sum, window ≥ 1 day or
 * null. A named preset's bands override the stored ones, so switching preset is one column.
 */
export function rfmConfigFromSettings(row: {
  mode: RfmConfig["mode"];
  preset: RfmPreset;
  windowDays: number | null;
  recencyBandsDays: readonly number[];
  frequencyBands: readonly number[];
  monetaryBandsAovBp: readonly number[];
  weightRBp: number;
  weightFBp: number;
  weightMBp: number;
}): RfmConfig {
  if (row.windowDays !== null && (!Number.isSafeInteger(row.windowDays) || row.windowDays < 1)) {
    throw new RfmConfigError(`window must be at least one day, got ${row.windowDays}`);
  }
  const weights = { rBp: row.weightRBp, fBp: row.weightFBp, mBp: row.weightMBp };
  for (const w of Object.values(weights)) {
    if (!Number.isSafeInteger(w) || w < 0 || w > BP_ONE)
      throw new RfmConfigError(`weight ${w} must be 0–10000 bp`);
  }
  if (weights.rBp + weights.fBp + weights.mBp === 0) throw new RfmConfigError("weights cannot all be zero");
  const bands: RfmBands =
    row.preset === "custom"
      ? {
          recencyDays: toBandEdges(row.recencyBandsDays, "recency", 0),
          frequency: toBandEdges(row.frequencyBands, "frequency", 1),
          monetaryAovBp: toBandEdges(row.monetaryBandsAovBp, "monetary", 1),
        }
      : rfmPresetBands(row.preset);
  return { mode: row.mode, preset: row.preset, windowDays: row.windowDays, bands, weights };
}
