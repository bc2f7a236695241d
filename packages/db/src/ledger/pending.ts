import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Transaction } from "../client";
import { pointBalances, pointsLedger } from "../schema";
import { lockBalance } from "./balance-lock";
import { LedgerEntryNotFoundError } from "./errors";

type Outcome = { changed: boolean };

/**
 * Pending points become available (their release date has come). Idempotent: a second call, or
 * a call after the entry was voided, changes nothing. The balance lock is taken before the
 * entry is touched — always balance first, then ledger — so no two paths can deadlock.
 */
export function releasePendingEntry(
  tx: Transaction,
  shopId: string,
  entryId: number,
  at: Date,
): Promise<Outcome> {
  return settlePending(tx, shopId, entryId, "available", at);
}

/** Pending points are cancelled (a refund or cancellation inside the pending period). Idempotent. */
export function voidPendingEntry(
  tx: Transaction,
  shopId: string,
  entryId: number,
  at: Date,
): Promise<Outcome> {
  return settlePending(tx, shopId, entryId, "void", at);
}

async function settlePending(
  tx: Transaction,
  shopId: string,
  entryId: number,
  to: "available" | "void",
  at: Date,
): Promise<Outcome> {
  const [entry] = await tx
    .select({ customerId: pointsLedger.customerId })
    .from(pointsLedger)
    .where(and(eq(pointsLedger.shopId, shopId), eq(pointsLedger.id, entryId)));
  if (!entry) throw new LedgerEntryNotFoundError(entryId);
  await lockBalance(tx, shopId, entry.customerId);

  const [settled] = await tx
    .update(pointsLedger)
    .set(to === "available" ? { status: "available", releasedAt: at } : { status: "void", voidedAt: at })
    .where(
      and(eq(pointsLedger.shopId, shopId), eq(pointsLedger.id, entryId), eq(pointsLedger.status, "pending")),
    )
    .returning({ amount: pointsLedger.amount, kind: pointsLedger.kind });
  if (!settled) return { changed: false };

  const earned = settled.kind === "earn" || settled.kind === "import";
  await tx
    .update(pointBalances)
    .set({
      pending: sql`${pointBalances.pending} - ${settled.amount}`,
      available: to === "available" ? sql`${pointBalances.available} + ${settled.amount}` : undefined,
      lifetimeEarned:
        to === "void" && earned ? sql`${pointBalances.lifetimeEarned} - ${settled.amount}` : undefined,
      lastLedgerId: entryId,
      updatedAt: sql`now()`,
    })
    .where(and(eq(pointBalances.shopId, shopId), eq(pointBalances.customerId, entry.customerId)));
  return { changed: true };
}

/** Ids of a shop's pending entries due by `now`, oldest first (the release schedule works through them). */
export async function duePendingEntryIds(tx: Transaction, shopId: string, now: Date, limit = 500) {
  const rows = await tx
    .select({ id: pointsLedger.id })
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.shopId, shopId),
        eq(pointsLedger.status, "pending"),
        lte(pointsLedger.availableAt, now),
      ),
    )
    .orderBy(asc(pointsLedger.availableAt))
    .limit(limit);
  return rows.map((row) => row.id);
}
