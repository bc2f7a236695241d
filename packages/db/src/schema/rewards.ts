import { sql } from "drizzle-orm";
import {
  boolean,
  char,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { createdAt, shopIdColumn, tenantRef, tenantRowId, timestampTz, updatedAt } from "./columns";
import { cascadeWithShop } from "./shops";
import { cascadeWithCustomer } from "./customers";
import { redemptionStatus, rewardType, salesChannel } from "./enums";

/**
 * A reward in the shop's catalogue. Which value columns apply depends on `type`:
 * fixed_amount / store_credit → `value_minor`; percentage → `percent_bp`; free_product →
 * `product_variant_id`; points_for_money → the `pfm_*` columns (points per step, value per step,
 * minimum and maximum points). `values_by_currency` holds merchant-set values per presentment currency.
 */
export const rewards = pgTable(
  "rewards",
  {
    shopId: shopIdColumn(),
    id: tenantRowId(),
    name: text().notNull(),
    type: rewardType().notNull(),
    pointsCost: integer().notNull(),
    valueMinor: integer(),
    currency: char({ length: 3 }),
    valuesByCurrency: jsonb().$type<Record<string, number>>(),
    percentBp: integer(),
    productVariantId: text(),
    pfmStepPoints: integer(),
    pfmStepValueMinor: integer(),
    pfmMinPoints: integer(),
    pfmMaxPoints: integer(),
    minOrderMinor: integer(),
    codeExpiryDays: integer().notNull().default(30),
    combinesWithOrder: boolean().notNull().default(false),
    combinesWithProduct: boolean().notNull().default(false),
    combinesWithShipping: boolean().notNull().default(true),
    perCustomerLimit: integer(),
    /** Lowest tier allowed to redeem (null = everyone). */
    minTierId: tenantRef(),
    channels: salesChannel()
      .array()
      .notNull()
      .default(sql`'{online,pos}'::sales_channel[]`),
    active: boolean().notNull().default(true),
    archivedAt: timestampTz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    cascadeWithShop(t.shopId),
    index("rewards_active_idx").on(t.shopId, t.active),
  ],
);

/**
 * A redemption is a reservation: points are debited with the row in `reserved`, the Shopify side
 * (discount code or store credit) makes it `issued`, an order using the code makes it `used`, and
 * a failure or an unused expired code makes it `released` with the points returned by a reversal.
 */
export const redemptions = pgTable(
  "redemptions",
  {
    shopId: shopIdColumn(),
    id: tenantRowId(),
    customerId: tenantRef().notNull(),
    rewardId: tenantRef().notNull(),
    /** The reward as it was when redeemed, so later edits never change a past redemption. */
    rewardSnapshot: jsonb().notNull(),
    status: redemptionStatus().notNull().default("reserved"),
    pointsSpent: integer().notNull(),
    valueMinor: integer(),
    currency: char({ length: 3 }),
    /** The client's request key: redeeming twice with one key returns the first redemption. */
    idempotencyKey: text().notNull(),
    channel: salesChannel().notNull().default("online"),
    discountCode: text(),
    shopifyDiscountId: text(),
    storeCreditTransactionId: text(),
    expiresAt: timestampTz(),
    issuedAt: timestampTz(),
    usedAt: timestampTz(),
    usedOrderId: text(),
    releasedAt: timestampTz(),
    releaseReason: text(),
    lastError: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    cascadeWithShop(t.shopId),
    cascadeWithCustomer(t.shopId, t.customerId),
    foreignKey({ columns: [t.shopId, t.rewardId], foreignColumns: [rewards.shopId, rewards.id] }),
    uniqueIndex("redemptions_idempotency_key").on(t.shopId, t.idempotencyKey),
    uniqueIndex("redemptions_discount_code_key")
      .on(t.shopId, t.discountCode)
      .where(sql`${t.discountCode} is not null`),
    index("redemptions_customer_idx").on(t.shopId, t.customerId, t.createdAt),
    index("redemptions_expiry_idx")
      .on(t.shopId, t.expiresAt)
      .where(sql`${t.status} = 'issued'`),
  ],
);
