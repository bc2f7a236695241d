import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { shopIdColumn, tenantRef, timestampTz } from "./columns";
import { cascadeWithCustomer } from "./customers";
import { cascadeWithShop } from "./shops";

/**
 * Customers whose loyalty metafields (balance, tier, next reward) are stale in Shopify. A trigger
 * (migration 0004) upserts a row in the same transaction as every balance or tier change, so the
 * need to sync is as durable as the change; one row per customer coalesces any number of changes.
 * The worker pushes the current state and deletes the row only if `changed_at` is still the value
 * it read (a change during the push leaves the row for the next round).
 */
export const customerMetafieldSync = pgTable(
  "customer_metafield_sync",
  {
    shopId: shopIdColumn(),
    customerId: tenantRef().notNull(),
    changedAt: timestampTz().notNull().defaultNow(),
    /** Failed pushes back off: not tried again before this. */
    notBefore: timestampTz().notNull().defaultNow(),
    attempts: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.customerId] }),
    cascadeWithShop(t.shopId),
    // No index on `not_before` alone (every index leads with shop_id): the table holds only the
    // customers changed since the last push, so the worker's scan over it stays small.
    cascadeWithCustomer(t.shopId, t.customerId),
  ],
);
