import {
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import {
  createdAt,
  shopIdColumn,
  shopifyId,
  tenantRef,
  tenantRowId,
  timestampTz,
  updatedAt,
} from "./columns";
import { cascadeWithShop } from "./shops";
import { cascadeWithCustomer } from "./customers";
import { referralStatus } from "./enums";

/** Each member's short share code: unique in the shop, one per customer, no look-alike characters. */
export const referralCodes = pgTable(
  "referral_codes",
  {
    shopId: shopIdColumn(),
    id: tenantRowId(),
    customerId: tenantRef().notNull(),
    code: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    cascadeWithShop(t.shopId),
    cascadeWithCustomer(t.shopId, t.customerId),
    uniqueIndex("referral_codes_code_key").on(t.shopId, t.code),
    uniqueIndex("referral_codes_customer_key").on(t.shopId, t.customerId),
  ],
);

/** A visit through `?ref=CODE`. IP and user agent are stored only as keyed hashes. */
export const referralVisits = pgTable(
  "referral_visits",
  {
    shopId: shopIdColumn(),
    id: tenantRowId(),
    referralCodeId: tenantRef().notNull(),
    visitorToken: text().notNull(),
    ipHash: text(),
    userAgentHash: text(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    cascadeWithShop(t.shopId),
    foreignKey({
      columns: [t.shopId, t.referralCodeId],
      foreignColumns: [referralCodes.shopId, referralCodes.id],
    }).onDelete("cascade"),
    index("referral_visits_code_idx").on(t.shopId, t.referralCodeId, t.createdAt),
    index("referral_visits_visitor_idx").on(t.shopId, t.visitorToken),
  ],
);

/**
 * A referral: pending → completed | flagged → approved | rejected; completed → reversed.
 * Flagged referrals wait for the merchant's review with their fraud score and reasons.
 */
export const referrals = pgTable(
  "referrals",
  {
    shopId: shopIdColumn(),
    id: tenantRowId(),
    referralCodeId: tenantRef().notNull(),
    advocateCustomerId: tenantRef().notNull(),
    friendCustomerId: tenantRef(),
    friendEmailHash: text(),
    visitId: tenantRef(),
    status: referralStatus().notNull().default("pending"),
    fraudScore: smallint().notNull().default(0),
    fraudReasons: text().array().notNull().default([]),
    firstOrderId: shopifyId(),
    firstOrderPaidAt: timestampTz(),
    completedAt: timestampTz(),
    reviewedBy: text(),
    reviewedAt: timestampTz(),
    reversedAt: timestampTz(),
    reversalReason: text(),
    friendRedemptionId: tenantRef(),
    advocatePointsAwarded: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    cascadeWithShop(t.shopId),
    cascadeWithCustomer(t.shopId, t.advocateCustomerId),
    foreignKey({
      columns: [t.shopId, t.referralCodeId],
      foreignColumns: [referralCodes.shopId, referralCodes.id],
    }).onDelete("cascade"),
    uniqueIndex("referrals_friend_key").on(t.shopId, t.friendCustomerId),
    index("referrals_advocate_idx").on(t.shopId, t.advocateCustomerId, t.createdAt),
    index("referrals_status_idx").on(t.shopId, t.status),
    // Every paid order asks whether a referral is its own or its friend's (by order, by e-mail).
    index("referrals_first_order_idx").on(t.shopId, t.firstOrderId),
    index("referrals_friend_email_idx").on(t.shopId, t.friendEmailHash),
  ],
);
