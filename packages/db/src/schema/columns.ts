import { bigint, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * Column helpers shared by every tenant table.
 *
 * Tenancy rule: every tenant table carries `shop_id`, and every primary key, unique key and index
 * that serves a tenant query leads with it (ready for distribution by `shop_id`).
 */
export const shopIdColumn = () => uuid().notNull();

/** Row id inside a shop. The table's primary key is (shop_id, id). */
export const tenantRowId = () => bigint({ mode: "number" }).generatedAlwaysAsIdentity();

/** A reference to another row of the same shop, e.g. `customer_id`. */
export const tenantRef = () => bigint({ mode: "number" });

/** Shopify's numeric resource ids (customers, orders, refunds) fit below 2^53. */
export const shopifyId = () => bigint({ mode: "number" });

export const createdAt = () => timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow();
export const updatedAt = () => timestamp({ withTimezone: true, mode: "date" }).notNull().defaultNow();
export const timestampTz = () => timestamp({ withTimezone: true, mode: "date" });
