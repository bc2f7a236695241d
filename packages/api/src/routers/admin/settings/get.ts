import { schema } from "@loyalnest/db";
import { brandingSchema, languagesSchema, notificationsSchema, referralsSchema } from "@loyalnest/db/schema";
import { z } from "zod";
import { toIso } from "../../../schemas";
import { adminProcedure } from "../../../trpc";
import type { ShopRef } from "../../../trpc/shop-lookup";
import { loadProgrammeSettings, type ProgrammeSettings } from "../../../services/programme-settings";

export const getSettingsInput = z.strictObject({}).optional();

/** The programme settings as the admin edits them: typed columns flat, the JSON config by section. */
export const settingsOutput = z.object({
  /** The shop's own facts, shown read-only: earning is computed in its currency, days in its time zone. */
  shopDomain: z.string(),
  currency: z.string(),
  timezone: z.string(),
  programmeEnabled: z.boolean(),
  membershipMode: z.enum(schema.membershipMode.enumValues),
  pointsNameSingular: z.string(),
  pointsNamePlural: z.string(),
  earnPoints: z.number().int(),
  earnPerMinor: z.number().int(),
  includeShipping: z.boolean(),
  includeTaxes: z.boolean(),
  includeTips: z.boolean(),
  includeGiftCards: z.boolean(),
  perOrderPointsCap: z.number().int().nullable(),
  pendingDays: z.number().int(),
  expiryPolicy: z.enum(schema.expiryPolicy.enumValues),
  expiryInactivityDays: z.number().int(),
  expiryWarningDays: z.number().int(),
  tierMetric: z.enum(schema.tierMetric.enumValues),
  tierWindow: z.enum(schema.tierWindow.enumValues),
  tierRetentionDays: z.number().int(),
  releaseUnusedCodes: z.boolean(),
  referralReversalWindowDays: z.number().int(),
  referralMonthlyLimit: z.number().int(),
  holdoutBp: z.number().int(),
  config: z.object({
    branding: brandingSchema,
    languages: languagesSchema,
    notifications: notificationsSchema,
    referrals: referralsSchema,
  }),
  configVersion: z.number().int(),
  updatedAt: z.string(),
});

export type SettingsOutput = z.infer<typeof settingsOutput>;

export function toSettingsOutput(settings: ProgrammeSettings, shop: ShopRef): SettingsOutput {
  const { shopId: _shopId, updatedAt, widgetSyncedVersion: _synced, ...rest } = settings;
  return {
    ...rest,
    shopDomain: shop.domain,
    currency: shop.currency,
    timezone: shop.timezone,
    updatedAt: toIso(updatedAt),
  };
}

/** The shop's programme settings (earning, expiry, tiers, referrals, holdout) and its config sections. */
export const get = adminProcedure
  .input(getSettingsInput)
  .output(settingsOutput)
  .query(async ({ ctx }) => {
    const settings = await loadProgrammeSettings(ctx.deps.database.db, ctx.shop.id);
    return toSettingsOutput(settings, ctx.shop);
  });
