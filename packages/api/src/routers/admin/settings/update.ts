import { schema } from "@loyalnest/db";
import { supportedLocales } from "@loyalnest/db/schema";
import { z } from "zod";
import { positivePoints, rowId, shortText } from "../../../schemas";
import { adminProcedure } from "../../../trpc";
import { updateProgrammeSettings } from "../../../services/programme-settings";
import { settingsOutput, toSettingsOutput } from "./get";

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour like #1a2b3c");
const days = (max: number) => z.number().int().min(0).max(max);
const overrideKey = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_.-]+$/, "a string key like widget.title");
const localeOverrides = z
  .record(overrideKey, z.string().max(500))
  .refine((strings) => Object.keys(strings).length <= 300, "at most 300 overridden strings per language");

const configPatch = z.strictObject({
  branding: z
    .strictObject({
      primaryColor: hexColor,
      accentColor: hexColor,
      launcherText: shortText(40),
      launcherPosition: z.enum(["bottom_right", "bottom_left"]),
    })
    .partial()
    .optional(),
  languages: z
    .strictObject({
      enabled: z
        .array(z.enum(supportedLocales))
        .min(1, "enable at least one language")
        .max(supportedLocales.length)
        .refine((locales) => new Set(locales).size === locales.length, "each language once"),
      /** Each locale sent replaces that locale's overrides; `{}` clears them. */
      overrides: z.partialRecord(z.enum(supportedLocales), localeOverrides),
    })
    .partial()
    .optional(),
  notifications: z
    .strictObject({
      pointsEarned: z.boolean(),
      rewardIssued: z.boolean(),
      tierUp: z.boolean(),
      expiryWarning: z.boolean(),
      referralCompleted: z.boolean(),
      /** null removes the custom sender name. */
      senderName: shortText(100).nullable(),
    })
    .partial()
    .optional(),
  referrals: z
    .strictObject({
      enabled: z.boolean(),
      advocateReward: z.discriminatedUnion("type", [
        z.strictObject({ type: z.literal("points"), points: positivePoints.max(1_000_000) }),
        z.strictObject({ type: z.literal("reward"), rewardId: rowId }),
      ]),
      friendRewardId: rowId.nullable(),
      fraudScoreThreshold: z.number().int().min(0).max(100),
    })
    .partial()
    .optional(),
});

export const updateSettingsInput = z.strictObject({
  /** The `configVersion` the form was loaded with; a stale one is refused (CONFLICT). */
  expectedConfigVersion: z.number().int().min(1).max(2_147_483_647).optional(),
  programmeEnabled: z.boolean().optional(),
  membershipMode: z.enum(schema.membershipMode.enumValues).optional(),
  pointsNameSingular: shortText(40).optional(),
  pointsNamePlural: shortText(40).optional(),
  /** Earn rate: `earnPoints` points per `earnPerMinor` minor units (10 per 100 = 10 points per unit). */
  earnPoints: z.number().int().min(0).max(100_000).optional(),
  earnPerMinor: z.number().int().min(1).max(1_000_000).optional(),
  includeShipping: z.boolean().optional(),
  includeTaxes: z.boolean().optional(),
  includeTips: z.boolean().optional(),
  includeGiftCards: z.boolean().optional(),
  /** null removes the cap. */
  perOrderPointsCap: positivePoints.nullable().optional(),
  pendingDays: days(365).optional(),
  expiryPolicy: z.enum(schema.expiryPolicy.enumValues).optional(),
  expiryInactivityDays: days(3650).min(1).optional(),
  expiryWarningDays: days(365).optional(),
  tierMetric: z.enum(schema.tierMetric.enumValues).optional(),
  tierWindow: z.enum(schema.tierWindow.enumValues).optional(),
  tierRetentionDays: days(3650).optional(),
  releaseUnusedCodes: z.boolean().optional(),
  referralReversalWindowDays: days(365).optional(),
  referralMonthlyLimit: z.number().int().min(1).max(10_000).optional(),
  /** Holdout share in basis points: 0..5000 (at most half the customers). */
  holdoutBp: z.number().int().min(0).max(5000).optional(),
  config: configPatch.optional(),
});

export const updateSettingsOutput = z.object({
  settings: settingsOutput,
  /** The fields that changed (empty when the update changed nothing). */
  changed: z.array(z.string()),
});

/**
 * A partial update of the programme settings: validated as a whole after merging, `configVersion`
 * bumped, one audit row naming every changed field. See `services/programme-settings.ts`.
 */
export const update = adminProcedure
  .input(updateSettingsInput)
  .output(updateSettingsOutput)
  .mutation(async ({ ctx, input }) => {
    const { settings, changed } = await ctx.deps.database.db.transaction((tx) =>
      updateProgrammeSettings(tx, ctx, input, ctx.deps.now()),
    );
    return { settings: toSettingsOutput(settings, ctx.shop), changed };
  });
