import { sql } from "drizzle-orm";
import { char, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt, shopIdColumn, shopifyId, tenantRef, timestampTz, updatedAt } from "./columns";
import { salesChannel } from "./enums";
import { cascadeWithShop } from "./shops";

/**
 * What LoyalNest keeps of each Shopify order: the amounts earning, refunds, RFM and referrals need,
 * all in the shop currency's minor units. A guest order keeps only the keyed hash of its e-mail, so
 * it can be credited if an account with the same verified e-mail appears within 30 days.
 */
export const orderSummaries = pgTable(
  "order_summaries",
  {
    shopId: shopIdColumn(),
    shopifyOrderId: shopifyId().notNull(),
    orderName: text(),
    customerId: tenantRef(),
    guestEmailHash: text(),
    currency: char({ length: 3 }).notNull(),
    presentmentCurrency: char({ length: 3 }),
    subtotalMinor: integer().notNull(),
    discountMinor: integer().notNull().default(0),
    shippingMinor: integer().notNull().default(0),
    taxMinor: integer().notNull().default(0),
    tipMinor: integer().notNull().default(0),
    giftCardMinor: integer().notNull().default(0),
    totalMinor: integer().notNull(),
    /** The purchase basis points were computed on (after the shop's inclusion settings). */
    earningBasisMinor: integer().notNull().default(0),
    refundedMinor: integer().notNull().default(0),
    refundedBasisMinor: integer().notNull().default(0),
    pointsEarned: integer().notNull().default(0),
    /** The tier the customer held when the order was placed (earning uses it). */
    tierIdAtOrder: tenantRef(),
    channel: salesChannel().notNull().default("online"),
    countryCode: char({ length: 2 }),
    discountCodes: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    referralCode: text(),
    shippingAddressHash: text(),
    financialStatus: text(),
    placedAt: timestampTz().notNull(),
    paidAt: timestampTz(),
    cancelledAt: timestampTz(),
    /** Shopify's `updated_at`: a late, older delivery never overwrites a newer one. */
    shopifyUpdatedAt: timestampTz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.shopifyOrderId] }),
    cascadeWithShop(t.shopId),
    index("order_summaries_customer_idx").on(t.shopId, t.customerId, t.paidAt),
    index("order_summaries_guest_idx")
      .on(t.shopId, t.guestEmailHash)
      .where(sql`${t.customerId} is null`),
    index("order_summaries_paid_idx").on(t.shopId, t.paidAt),
  ],
);

/** Each refund applied to an order, so a clawback is computed once and never exceeds the earning. */
export const orderRefunds = pgTable(
  "order_refunds",
  {
    shopId: shopIdColumn(),
    shopifyRefundId: shopifyId().notNull(),
    shopifyOrderId: shopifyId().notNull(),
    refundedMinor: integer().notNull(),
    refundedBasisMinor: integer().notNull(),
    pointsClawedBack: integer().notNull().default(0),
    refundedAt: timestampTz().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.shopifyRefundId] }),
    cascadeWithShop(t.shopId),
    index("order_refunds_order_idx").on(t.shopId, t.shopifyOrderId),
  ],
);
