import {
  bigint,
  boolean,
  date,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
} from "drizzle-orm/pg-core";
import type { QuintileModel } from "@loyalnest/domain";
import { shopIdColumn, tenantRef, timestampTz, updatedAt } from "./columns";
import { cascadeWithShop } from "./shops";
import { cascadeWithCustomer } from "./customers";
import { rfmMode, rfmPreset, rfmSegment } from "./enums";

/**
 * A shop's RFM configuration. Band edges are ascending upper bounds: recency in days (score 5 for
 * the first band down to 1), frequency in orders (1 up to 5), monetary as multiples of the shop's
 * average order value in basis points (5000 = 0.5 × AOV). Weights are basis points summing to 10000.
 */
export const rfmSettings = pgTable(
  "rfm_settings",
  {
    shopId: shopIdColumn().primaryKey(),
    mode: rfmMode().notNull().default("bands"),
    preset: rfmPreset().notNull().default("default"),
    /** Null = lifetime. */
    windowDays: integer().default(365),
    recencyBandsDays: integer().array().notNull().default([7, 30, 60, 90]),
    frequencyBands: integer().array().notNull().default([1, 3, 5, 10]),
    monetaryBandsAovBp: integer().array().notNull().default([5000, 10000, 20000, 50000]),
    weightRBp: integer().notNull().default(4000),
    weightFBp: integer().notNull().default(3000),
    weightMBp: integer().notNull().default(3000),
    updatedAt: updatedAt(),
  },
  (t) => [cascadeWithShop(t.shopId)],
);

/**
 * The shop context a per-customer RFM recomputation scores against (§11): the AOV and quintile cut
 * points of the last nightly pass (`source` 'pass'), or — before a shop's first pass — the AOV
 * measured live from its orders (`source` 'live', refreshed when older than an hour). One row per
 * shop, so scoring a customer on each order reads one row instead of aggregating the whole shop.
 */
export const rfmShopContext = pgTable(
  "rfm_shop_context",
  {
    shopId: shopIdColumn().primaryKey(),
    source: text({ enum: ["pass", "live"] }).notNull(),
    aovMinor: bigint({ mode: "number" }).notNull(),
    /** `QuintileModel` of the pass (null for a live AOV: quintile mode scores 1 before a pass). */
    quintileModel: jsonb().$type<QuintileModel>(),
    computedAt: timestampTz().notNull(),
  },
  (t) => [cascadeWithShop(t.shopId)],
);

/** The latest RFM measurement of each customer (raw metrics and scores). */
export const rfmScores = pgTable(
  "rfm_scores",
  {
    shopId: shopIdColumn(),
    customerId: tenantRef().notNull(),
    recencyDays: integer(),
    frequency: integer().notNull(),
    monetaryMinor: bigint({ mode: "number" }).notNull(),
    r: smallint().notNull(),
    f: smallint().notNull(),
    m: smallint().notNull(),
    compositeX10: smallint().notNull(),
    segment: rfmSegment().notNull(),
    bigSpender: boolean().notNull(),
    computedAt: timestampTz().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.customerId] }),
    cascadeWithShop(t.shopId),
    cascadeWithCustomer(t.shopId, t.customerId),
  ],
);

/** One row per shop, day (shop time) and segment, so the admin can chart movement over time. */
export const rfmSegmentCounts = pgTable(
  "rfm_segment_counts",
  {
    shopId: shopIdColumn(),
    day: date({ mode: "string" }).notNull(),
    segment: rfmSegment().notNull(),
    customers: integer().notNull(),
    bigSpenders: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.shopId, t.day, t.segment] }), cascadeWithShop(t.shopId)],
);
