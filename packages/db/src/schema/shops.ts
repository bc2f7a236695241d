import {
  type AnyPgColumn,
  boolean,
  char,
  date,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { createdAt, shopIdColumn, timestampTz, updatedAt } from "./columns";
import { expiryPolicy, membershipMode, planName, shopStatus, tierMetric, tierWindow } from "./enums";
import type { ShopConfig } from "./shop-config";

/** The tenant root. Every other tenant row references a shop and is deleted with it (shop/redact). */
export const shops = pgTable(
  "shops",
  {
    id: uuid().primaryKey().defaultRandom(),
    domain: text().notNull(),
    name: text().notNull(),
    /** ISO 4217 code of the shop currency; all earning is computed in it. */
    currency: char({ length: 3 }).notNull(),
    /** IANA zone; "daily", "monthly" and "birthday" rules are evaluated in it. */
    timezone: text().notNull(),
    primaryLocale: text().notNull().default("en"),
    countryCode: char({ length: 2 }),
    /** Shopify plan name, which sets the Admin API restore rate. */
    shopifyPlan: text().notNull().default("basic"),
    status: shopStatus().notNull().default("active"),
    plan: planName().notNull().default("free"),
    subscriptionId: text(),
    subscriptionStatus: text(),
    installedAt: createdAt(),
    uninstalledAt: timestampTz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("shops_domain_key").on(t.domain)],
);

/** Every tenant table references its shop and is erased with it (`shop/redact` deletes the shop row). */
export const cascadeWithShop = (shopId: AnyPgColumn) =>
  foreignKey({ columns: [shopId], foreignColumns: [shops.id] }).onDelete("cascade");

/**
 * Shopify access tokens (offline and online). Tokens are encrypted by the application; the
 * refresh fields support expiring offline tokens with refresh-token rotation: `token_version`
 * is bumped on every rotation so a racing refresher can detect it lost (compare-and-set).
 */
export const shopifySessions = pgTable(
  "shopify_sessions",
  {
    shopId: shopIdColumn(),
    id: text().notNull(),
    isOnline: boolean().notNull().default(false),
    scope: text(),
    accessTokenEnc: text().notNull(),
    accessTokenExpiresAt: timestampTz(),
    refreshTokenEnc: text(),
    refreshTokenExpiresAt: timestampTz(),
    tokenVersion: integer().notNull().default(1),
    /** A lease: a process refreshing the token sets this so others wait instead of racing. */
    refreshLeaseUntil: timestampTz(),
    /** For online sessions: the staff member. */
    userId: text(),
    revokedAt: timestampTz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.id] }), cascadeWithShop(t.shopId)],
);

/**
 * One row per shop. Typed columns hold the rules the engine reads on every event; the rest
 * (branding, languages, notifications, referral rewards) is JSON validated by `shopConfigSchema`.
 */
export const shopSettings = pgTable(
  "shop_settings",
  {
    shopId: shopIdColumn().primaryKey(),
    programmeEnabled: boolean().notNull().default(true),
    membershipMode: membershipMode().notNull().default("automatic"),
    pointsNameSingular: text().notNull().default("point"),
    pointsNamePlural: text().notNull().default("points"),
    /** Earning rate as an exact ratio: `earn_points` points per `earn_per_minor` minor units (10 per 100 = 10/unit). */
    earnPoints: integer().notNull().default(10),
    earnPerMinor: integer().notNull().default(100),
    includeShipping: boolean().notNull().default(false),
    includeTaxes: boolean().notNull().default(false),
    includeTips: boolean().notNull().default(false),
    includeGiftCards: boolean().notNull().default(false),
    /** Optional cap on points from one order, applied after multipliers. */
    perOrderPointsCap: integer(),
    pendingDays: integer().notNull().default(0),
    expiryPolicy: expiryPolicy().notNull().default("none"),
    expiryInactivityDays: integer().notNull().default(365),
    expiryWarningDays: integer().notNull().default(30),
    tierMetric: tierMetric().notNull().default("points_earned"),
    tierWindow: tierWindow().notNull().default("lifetime"),
    tierRetentionDays: integer().notNull().default(365),
    releaseUnusedCodes: boolean().notNull().default(true),
    referralReversalWindowDays: integer().notNull().default(30),
    referralMonthlyLimit: integer().notNull().default(20),
    /** Holdout share in basis points (500 = 5%), stable per customer. */
    holdoutBp: integer().notNull().default(0),
    config: jsonb().$type<ShopConfig>().notNull(),
    configVersion: integer().notNull().default(1),
    /**
     * The `config_version` last pushed to the storefront (the app-data metafield the theme app
     * extension reads); behind `config_version` means the worker has a push to do.
     */
    widgetSyncedVersion: integer().notNull().default(0),
    updatedAt: updatedAt(),
  },
  (t) => [cascadeWithShop(t.shopId)],
);

/** Orders counted against the plan per billing period; crossing a limit never stops earning. */
export const planUsage = pgTable(
  "plan_usage",
  {
    shopId: shopIdColumn(),
    periodStart: date({ mode: "string" }).notNull(),
    plan: planName().notNull(),
    ordersCount: integer().notNull().default(0),
    orderLimit: integer(),
    limitReachedAt: timestampTz(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.periodStart] }), cascadeWithShop(t.shopId)],
);
