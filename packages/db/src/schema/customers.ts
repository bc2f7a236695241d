import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  char,
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
import { marketingConsent, membershipStatus, rfmSegment } from "./enums";

/**
 * A shopper of one shop. Personal data (`*_enc`) is encrypted by the application (AES-256-GCM with a
 * key id); `email_hash` is a keyed blind index for exact look-ups. After `customers/redact` the row
 * stays as an anonymous tombstone (PII nulled, `is_tombstone`) so the ledger still adds up.
 */
export const customers = pgTable(
  "customers",
  {
    shopId: shopIdColumn(),
    id: tenantRowId(),
    /** Null for a member created before Shopify knows them (e.g. an import row). */
    shopifyCustomerId: shopifyId(),
    emailEnc: text(),
    emailHash: text(),
    firstNameEnc: text(),
    lastNameEnc: text(),
    phoneEnc: text(),
    /** Full birth date (YYYY-MM-DD), encrypted; month and day are kept apart for the birthday schedule. */
    birthdayEnc: text(),
    birthdayMonth: smallint(),
    birthdayDay: smallint(),
    birthdaySetAt: timestampTz(),
    /** Keyed hash of the default shipping address (referral fraud checks); never the address itself. */
    shippingAddressHash: text(),
    countryCode: char({ length: 2 }),
    tags: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    locale: text(),
    marketingConsent: marketingConsent().notNull().default("not_subscribed"),
    marketingConsentUpdatedAt: timestampTz(),
    membershipStatus: membershipStatus().notNull().default("member"),
    joinedAt: timestampTz(),
    /** Held out of the programme for measurement (stable random X%). */
    holdout: boolean().notNull().default(false),
    tierId: tenantRef(),
    tierAchievedAt: timestampTz(),
    /** A staff pin overrides evaluation until `tier_pinned_until` (null = indefinitely). */
    tierPinned: boolean().notNull().default(false),
    tierPinnedUntil: timestampTz(),
    rfmSegment: rfmSegment(),
    rfmRecencyScore: smallint(),
    rfmFrequencyScore: smallint(),
    rfmMonetaryScore: smallint(),
    /** Composite score × 10 (one decimal, exact). */
    rfmCompositeX10: smallint(),
    rfmBigSpender: boolean().notNull().default(false),
    /** Last earn or redeem: the expiry-by-inactivity clock. */
    lastActivityAt: timestampTz(),
    expiryWarnedAt: timestampTz(),
    isTombstone: boolean().notNull().default(false),
    redactedAt: timestampTz(),
    deletedInShopifyAt: timestampTz(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    cascadeWithShop(t.shopId),
    uniqueIndex("customers_shopify_id_key").on(t.shopId, t.shopifyCustomerId),
    index("customers_email_hash_idx").on(t.shopId, t.emailHash),
    index("customers_tier_idx").on(t.shopId, t.tierId),
    index("customers_segment_idx").on(t.shopId, t.rfmSegment),
    index("customers_birthday_idx").on(t.shopId, t.birthdayMonth, t.birthdayDay),
    index("customers_activity_idx").on(t.shopId, t.lastActivityAt),
  ],
);

/**
 * The balance kept beside the ledger, updated in the same transaction as every ledger row:
 * `available + pending = sum(ledger amounts not void)` holds at every commit. `available` may be
 * negative only through a clawback (a debt). The row is also the per-customer lock for redemptions.
 */
export const pointBalances = pgTable(
  "point_balances",
  {
    shopId: shopIdColumn(),
    customerId: tenantRef().notNull(),
    available: integer().notNull().default(0),
    pending: integer().notNull().default(0),
    lifetimeEarned: integer().notNull().default(0),
    lifetimeRedeemed: integer().notNull().default(0),
    lastLedgerId: tenantRef(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.customerId] }),
    cascadeWithShop(t.shopId),
    cascadeWithCustomer(t.shopId, t.customerId),
    index("point_balances_available_idx").on(t.shopId, t.available),
  ],
);

/** A row that belongs to one customer of the same shop, erased with them (composite key: no cross-shop reference). */
export const cascadeWithCustomer = (shopId: AnyPgColumn, customerId: AnyPgColumn) =>
  foreignKey({ columns: [shopId, customerId], foreignColumns: [customers.shopId, customers.id] }).onDelete(
    "cascade",
  );
