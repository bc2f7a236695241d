import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, shopIdColumn, tenantRef, tenantRowId, timestampTz } from "./columns";
import { cascadeWithShop } from "./shops";
import { cascadeWithCustomer } from "./customers";
import { actorType, ledgerKind, ledgerSourceType, ledgerStatus } from "./enums";

/**
 * The points ledger: one row per change of a balance. Append-only — a trigger (migration
 * 0001) refuses to change the amount, kind, customer or key of a row and refuses deletes except
 * during a shop erasure; only `status` moves (pending → available | void) with its timestamps.
 * Corrections are new rows. `idempotency_key` is unique per shop, so replaying an input is a no-op.
 */
export const pointsLedger = pgTable(
  "points_ledger",
  {
    shopId: shopIdColumn(),
    id: tenantRowId(),
    customerId: tenantRef().notNull(),
    kind: ledgerKind().notNull(),
    /** Signed: positive credits, negative debits. */
    amount: integer().notNull(),
    status: ledgerStatus().notNull(),
    /** For pending rows: when they become available. */
    availableAt: timestampTz(),
    releasedAt: timestampTz(),
    voidedAt: timestampTz(),
    sourceType: ledgerSourceType().notNull(),
    /** The source's own id (Shopify order id, redemption id, referral id, import row, …). */
    sourceId: text(),
    earningRuleId: tenantRef(),
    earningRuleVersion: integer(),
    campaignId: tenantRef(),
    campaignVersion: integer(),
    /** The row this one corrects (a reversal, clawback or void). */
    relatedEntryId: tenantRef(),
    idempotencyKey: text().notNull(),
    reason: text(),
    actorType: actorType().notNull().default("system"),
    actorId: text(),
    occurredAt: timestampTz().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    cascadeWithShop(t.shopId),
    cascadeWithCustomer(t.shopId, t.customerId),
    uniqueIndex("points_ledger_idempotency_key").on(t.shopId, t.idempotencyKey),
    index("points_ledger_customer_idx").on(t.shopId, t.customerId, t.createdAt),
    index("points_ledger_source_idx").on(t.shopId, t.sourceType, t.sourceId),
    index("points_ledger_pending_idx")
      .on(t.shopId, t.availableAt)
      .where(sql`${t.status} = 'pending'`),
  ],
);

/**
 * Debits refused for want of points, remembered under their idempotency key so that replaying
 * the same request gives the same answer (exactly once applies to refusals too): a shopper who
 * wants to try again after earning more sends a new request key.
 */
export const ledgerRefusals = pgTable(
  "ledger_refusals",
  {
    shopId: shopIdColumn(),
    idempotencyKey: text().notNull(),
    customerId: tenantRef().notNull(),
    kind: ledgerKind().notNull(),
    amount: integer().notNull(),
    availableAtRefusal: integer().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.idempotencyKey] }),
    cascadeWithShop(t.shopId),
    cascadeWithCustomer(t.shopId, t.customerId),
  ],
);
