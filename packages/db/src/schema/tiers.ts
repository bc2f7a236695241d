import {
  boolean,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { createdAt, shopIdColumn, tenantRef, tenantRowId, timestampTz, updatedAt } from "./columns";
import { cascadeWithShop } from "./shops";
import { cascadeWithCustomer } from "./customers";
import { actorType, tierChangeReason } from "./enums";
import { rewards } from "./rewards";

/** VIP tiers, ordered by threshold (points earned or minor units spent, per the shop's tier metric). */
export const vipTiers = pgTable(
  "vip_tiers",
  {
    shopId: shopIdColumn(),
    id: tenantRowId(),
    name: text().notNull(),
    threshold: integer().notNull(),
    /** Earn multiplier in basis points (15000 = ×1.5). */
    earnMultiplierBp: integer().notNull().default(10000),
    entryRewardPoints: integer().notNull().default(0),
    entryRewardId: tenantRef(),
    benefits: text().array().notNull().default([]),
    active: boolean().notNull().default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    cascadeWithShop(t.shopId),
    uniqueIndex("vip_tiers_threshold_key").on(t.shopId, t.threshold),
    foreignKey({ columns: [t.shopId, t.entryRewardId], foreignColumns: [rewards.shopId, rewards.id] }),
  ],
);

/** Every tier change, kept forever (also the record of which entry rewards were granted). */
export const tierHistory = pgTable(
  "tier_history",
  {
    shopId: shopIdColumn(),
    id: tenantRowId(),
    customerId: tenantRef().notNull(),
    fromTierId: tenantRef(),
    toTierId: tenantRef(),
    reason: tierChangeReason().notNull(),
    /** The qualifying metric's value when the change was decided. */
    metricValue: integer(),
    pinnedUntil: timestampTz(),
    note: text(),
    actorType: actorType().notNull().default("system"),
    actorId: text(),
    idempotencyKey: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    cascadeWithShop(t.shopId),
    cascadeWithCustomer(t.shopId, t.customerId),
    uniqueIndex("tier_history_idempotency_key").on(t.shopId, t.idempotencyKey),
    index("tier_history_customer_idx").on(t.shopId, t.customerId, t.createdAt),
  ],
);
