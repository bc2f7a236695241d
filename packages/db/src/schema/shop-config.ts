import { z } from "zod";

/**
 * The cold part of a shop's settings: stored as JSON in `shop_settings.config`, validated with this
 * schema on every read and write. Hot rules the engine reads on every order are typed columns instead.
 */
const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour like #1a2b3c");

export const brandingSchema = z.object({
  primaryColor: hexColor.default("#5c6ac4"),
  accentColor: hexColor.default("#ffffff"),
  launcherText: z.string().min(1).max(40).default("Rewards"),
  launcherPosition: z.enum(["bottom_right", "bottom_left"]).default("bottom_right"),
});

export const supportedLocales = ["en", "fr", "de", "es", "ar", "he"] as const;

export const languagesSchema = z.object({
  enabled: z.array(z.enum(supportedLocales)).min(1).default(["en"]),
  /** locale → string key → merchant's override text */
  overrides: z.record(z.string(), z.record(z.string(), z.string().max(500))).default({}),
});

export const notificationsSchema = z.object({
  pointsEarned: z.boolean().default(true),
  rewardIssued: z.boolean().default(true),
  tierUp: z.boolean().default(true),
  expiryWarning: z.boolean().default(true),
  referralCompleted: z.boolean().default(true),
  senderName: z.string().max(100).optional(),
});

const referralAdvocateReward = z.discriminatedUnion("type", [
  z.object({ type: z.literal("points"), points: z.number().int().positive() }),
  z.object({ type: z.literal("reward"), rewardId: z.number().int().positive() }),
]);

export const referralsSchema = z.object({
  enabled: z.boolean().default(true),
  advocateReward: referralAdvocateReward.default({ type: "points", points: 500 }),
  /** The reward offered to the friend (e.g. 10% off the first order); null = none configured yet. */
  friendRewardId: z.number().int().positive().nullable().default(null),
  fraudScoreThreshold: z.number().int().min(0).max(100).default(50),
});

export const shopConfigSchema = z.object({
  branding: brandingSchema.default(brandingSchema.parse({})),
  languages: languagesSchema.default(languagesSchema.parse({})),
  notifications: notificationsSchema.default(notificationsSchema.parse({})),
  referrals: referralsSchema.default(referralsSchema.parse({})),
});

export type ShopConfig = z.infer<typeof shopConfigSchema>;

export const defaultShopConfig = (): ShopConfig => shopConfigSchema.parse({});
