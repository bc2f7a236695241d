import { and, eq } from "drizzle-orm";
import type { Transaction } from "../client";
import { pointBalances } from "../schema";

export type BalanceRow = typeof pointBalances.$inferSelect;

/**
 * Locks the customer's balance row for the rest of the transaction (creating it on first use).
 * Every ledger write takes this lock first, so operations on one customer serialize: two
 * redemptions at once cannot both spend the same points, and no update is lost. The row nearly
 * always exists, so the lock is tried first and the insert only runs for a new customer — one
 * round trip on the hot path instead of two.
 */
export async function lockBalance(tx: Transaction, shopId: string, customerId: number): Promise<BalanceRow> {
  const existing = await selectForUpdate(tx, shopId, customerId);
  if (existing) return existing;
  await tx.insert(pointBalances).values({ shopId, customerId }).onConflictDoNothing();
  return (await selectForUpdate(tx, shopId, customerId))!;
}

/**
 * The balance row, locked, if the customer has one — it can only exist for an existing customer
 * (foreign key), so finding it also proves the customer is there without another look-up.
 */
export async function lockBalanceIfPresent(tx: Transaction, shopId: string, customerId: number) {
  return selectForUpdate(tx, shopId, customerId);
}

async function selectForUpdate(tx: Transaction, shopId: string, customerId: number) {
  const [row] = await tx
    .select()
    .from(pointBalances)
    .where(and(eq(pointBalances.shopId, shopId), eq(pointBalances.customerId, customerId)))
    .for("update");
  return row;
}
