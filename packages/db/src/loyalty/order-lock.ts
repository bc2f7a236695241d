import { sql } from "drizzle-orm";
import type { Transaction } from "../client";

/**
 * Serializes every event of one order (paid, refunded, cancelled, claimed by a new account) for
 * the rest of the transaction, whatever order Shopify delivers them in. Lock order everywhere:
 * the order first, then the customer's balance, then rows — so no two flows can deadlock.
 */
export async function lockOrderEvents(
  tx: Transaction,
  shopId: string,
  shopifyOrderId: number,
): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`${shopId}:order:${shopifyOrderId}`}, 0))`,
  );
}
