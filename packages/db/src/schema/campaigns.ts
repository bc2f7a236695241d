import { boolean, foreignKey, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt, shopIdColumn, tenantRef, tenantRowId, timestampTz, updatedAt } from "./columns";
import { cascadeWithShop } from "./shops";
import { campaignType, earningRuleKind } from "./enums";

/**
 * A way to earn (purchase, signup, birthday, …). Its settings live in versions: an edit writes a
 * new `earning_rule_versions` row and bumps `current_version`; each ledger row records the rule
 * version that produced it, so a past award can always be explained.
 */
export const earningRules = pgTable(
  "earning_rules",
  {
    shopId: shopIdColumn(),
    id: tenantRowId(),
    kind: earningRuleKind().notNull(),
    /** Distinguishes several rules of one kind, e.g. the social network ("instagram"). */
    variant: text().notNull().default(""),
    active: boolean().notNull().default(true),
    currentVersion: integer().notNull().default(1),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    cascadeWithShop(t.shopId),
    index("earning_rules_kind_idx").on(t.shopId, t.kind),
  ],
);

export const earningRuleVersions = pgTable(
  "earning_rule_versions",
  {
    shopId: shopIdColumn(),
    ruleId: tenantRef().notNull(),
    version: integer().notNull(),
    /** Points, limits and filters (minimum amount, excluded tags / collections, channels); zod-validated. */
    config: jsonb().notNull(),
    createdBy: text(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.ruleId, t.version] }),
    cascadeWithShop(t.shopId),
    foreignKey({
      columns: [t.shopId, t.ruleId],
      foreignColumns: [earningRules.shopId, earningRules.id],
    }).onDelete("cascade"),
  ],
);

/**
 * A bonus campaign: a window (stored UTC, entered in shop time), a multiplier (basis points) or a
 * fixed bonus, and a target (everyone, tiers, RFM segments, countries, customer tags). Versioned like rules.
 */
export const campaigns = pgTable(
  "campaigns",
  {
    shopId: shopIdColumn(),
    id: tenantRowId(),
    name: text().notNull(),
    type: campaignType().notNull(),
    multiplierBp: integer(),
    bonusPoints: integer(),
    minOrderMinor: integer(),
    startsAt: timestampTz().notNull(),
    endsAt: timestampTz().notNull(),
    target: jsonb()
      .$type<{ tierIds?: number[]; segments?: string[]; countries?: string[]; customerTags?: string[] }>()
      .notNull()
      .default({}),
    active: boolean().notNull().default(true),
    currentVersion: integer().notNull().default(1),
    archivedAt: timestampTz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    cascadeWithShop(t.shopId),
    index("campaigns_window_idx").on(t.shopId, t.startsAt, t.endsAt),
  ],
);

export const campaignVersions = pgTable(
  "campaign_versions",
  {
    shopId: shopIdColumn(),
    campaignId: tenantRef().notNull(),
    version: integer().notNull(),
    /** The whole campaign as of this version. */
    snapshot: jsonb().notNull(),
    createdBy: text(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.campaignId, t.version] }),
    cascadeWithShop(t.shopId),
    foreignKey({
      columns: [t.shopId, t.campaignId],
      foreignColumns: [campaigns.shopId, campaigns.id],
    }).onDelete("cascade"),
  ],
);
