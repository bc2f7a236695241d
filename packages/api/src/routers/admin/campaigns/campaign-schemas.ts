import { schema } from "@loyalnest/db";
import { z } from "zod";
import { positivePoints, rowId, shortText, toIso, toIsoOrNull } from "../../../schemas";
import {
  campaignProblems,
  campaignStatus,
  type CampaignFields,
  type CampaignRow,
} from "../../../services/campaigns";

/** Shared by the campaign procedures: field schemas, the output shape and its mapper. */

const INT4_MAX = 2_147_483_647;

const uniqueList = <T extends z.ZodType>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((items) => new Set(items).size === items.length, "each value once");

export const campaignName = shortText(120);
export const campaignType = z.enum(schema.campaignType.enumValues);
/** Basis points above ×1: 20000 = ×2. */
export const multiplierBp = z.number().int().min(10_001).max(100_000);
export const bonusPoints = positivePoints.max(1_000_000);
/** The order's purchase basis must reach this (shop minor units). */
export const campaignMinOrder = z.number().int().min(0).max(INT4_MAX);
/** An instant with its offset (the admin converts shop time to it); stored UTC. */
export const campaignInstant = z.iso
  .datetime({ offset: true, error: "an ISO 8601 date-time like 2026-11-27T00:00:00-05:00" })
  .transform((value) => new Date(value))
  .refine(
    (date) => date.getUTCFullYear() >= 2000 && date.getUTCFullYear() <= 2100,
    "a date between 2000 and 2100",
  );

export const campaignTargetInput = z.strictObject({
  tierIds: uniqueList(rowId, 50).optional(),
  segments: uniqueList(z.enum(schema.rfmSegment.enumValues), schema.rfmSegment.enumValues.length).optional(),
  countries: uniqueList(
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, "an ISO 3166-1 country code like US"),
    250,
  ).optional(),
  customerTags: uniqueList(shortText(255), 50).optional(),
});

/** Adds each problem of a complete campaign to the zod context, under its field. */
export function refineCampaign(fields: CampaignFields, ctx: z.RefinementCtx) {
  for (const problem of campaignProblems(fields)) {
    ctx.addIssue({ code: "custom", path: [problem.path], message: problem.message });
  }
}

export const campaignOutput = z.object({
  id: z.number().int(),
  name: z.string(),
  type: campaignType,
  multiplierBp: z.number().int().nullable(),
  bonusPoints: z.number().int().nullable(),
  minOrderMinor: z.number().int().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  target: z.object({
    tierIds: z.array(z.number().int()),
    segments: z.array(z.string()),
    countries: z.array(z.string()),
    customerTags: z.array(z.string()),
  }),
  active: z.boolean(),
  status: z.enum(["active", "upcoming", "ended", "paused", "archived"]),
  currentVersion: z.number().int(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function toCampaignOutput(row: CampaignRow, at: Date): z.infer<typeof campaignOutput> {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    multiplierBp: row.multiplierBp,
    bonusPoints: row.bonusPoints,
    minOrderMinor: row.minOrderMinor,
    startsAt: toIso(row.startsAt),
    endsAt: toIso(row.endsAt),
    target: {
      tierIds: row.target.tierIds ?? [],
      segments: row.target.segments ?? [],
      countries: row.target.countries ?? [],
      customerTags: row.target.customerTags ?? [],
    },
    active: row.active,
    status: campaignStatus(row, at),
    currentVersion: row.currentVersion,
    archivedAt: toIsoOrNull(row.archivedAt),
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}
