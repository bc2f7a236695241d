import { and, eq, sql } from "drizzle-orm";
import type { Transaction } from "../client";
import { customers, ledgerRefusals, pointBalances, pointsLedger } from "../schema";
import { lockBalance, type BalanceRow } from "./balance-lock";
import { IdempotencyConflictError, InsufficientPointsError } from "./errors";

export type LedgerEntry = typeof pointsLedger.$inferSelect;
type LedgerKind = LedgerEntry["kind"];

export interface LedgerEntryInput {
  customerId: number;
  kind: LedgerKind;
  /** Signed and non-zero: credits positive, debits negative. */
  amount: number;
  status: "pending" | "available";
  /** For pending entries: when they become available. */
  availableAt?: Date | null;
  sourceType: LedgerEntry["sourceType"];
  sourceId?: string | null;
  idempotencyKey: string;
  earningRuleId?: number | null;
  earningRuleVersion?: number | null;
  campaignId?: number | null;
  campaignVersion?: number | null;
  relatedEntryId?: number | null;
  reason?: string | null;
  actorType?: LedgerEntry["actorType"];
  actorId?: string | null;
  occurredAt: Date;
}

/**
 * - `applied`: the entry was written and the balance moved.
 * - `duplicate`: the key was already applied; the original entry is returned, nothing changed.
 * - `refused`: a debit the available balance cannot cover. The refusal is recorded under the
 *   key, so a replay is refused again even if the balance has grown since.
 */
export type PostResult =
  | { outcome: "applied" | "duplicate"; entry: LedgerEntry; balance: BalanceRow }
  | { outcome: "refused"; available: number; requested: number; balance: BalanceRow };

/** Kinds that may take the available balance below zero: the debt is paid by later earning. */
const MAY_CREATE_DEBT: ReadonlySet<LedgerKind> = new Set(["refund_clawback", "reversal"]);
/**
 * Entries that move "points earned" (tier qualification, lifetime figures): earnings and imports,
 * and whatever takes earned points back — clawbacks, and reversals of an order's or a referral's
 * points. A reversal that returns a redemption's points is not earning.
 */
export function countsAsEarned(entry: Pick<LedgerEntryInput, "kind" | "sourceType">): boolean {
  if (entry.kind === "earn" || entry.kind === "import" || entry.kind === "refund_clawback") return true;
  return entry.kind === "reversal" && (entry.sourceType === "order" || entry.sourceType === "referral");
}
/** Kinds that reset the expiry-by-inactivity clock ("neither earned nor redeemed"). */
const IS_ACTIVITY: ReadonlySet<LedgerKind> = new Set(["earn", "redeem"]);

/**
 * Writes one ledger entry and moves the balance beside it, in the caller's transaction.
 * Exactly once: a replay with the same idempotency key returns the original entry and changes
 * nothing. The balance row is locked first, so concurrent writes for one customer serialize.
 */
export async function postLedgerEntry(
  tx: Transaction,
  shopId: string,
  input: LedgerEntryInput,
): Promise<PostResult> {
  if (!Number.isSafeInteger(input.amount) || input.amount === 0) {
    throw new RangeError(`a ledger amount must be a non-zero integer, got ${input.amount}`);
  }
  const balance = await lockBalance(tx, shopId, input.customerId);
  if (input.amount > 0) return postCredit(tx, shopId, input, balance);

  const earlier = await findEarlierOutcome(tx, shopId, input, balance);
  if (earlier) return earlier;

  const needsCover = input.status === "available" && !MAY_CREATE_DEBT.has(input.kind);
  if (needsCover && balance.available + input.amount < 0) {
    await tx.insert(ledgerRefusals).values({
      shopId,
      idempotencyKey: input.idempotencyKey,
      customerId: input.customerId,
      kind: input.kind,
      amount: input.amount,
      availableAtRefusal: balance.available,
    });
    return { outcome: "refused", available: balance.available, requested: -input.amount, balance };
  }

  const [entry] = await tx
    .insert(pointsLedger)
    .values({ ...input, shopId, availableAt: input.availableAt ?? null })
    .returning();
  return applied(tx, shopId, input, entry!);
}

/**
 * A credit is never refused, so its key is checked by inserting first: the unique key turns a
 * replay into no row, and only then is the earlier entry read (one statement on the usual path
 * instead of two look-ups and an insert). Only debits are refused, so a credit's key is matched
 * against the ledger, not against `ledger_refusals`.
 */
async function postCredit(
  tx: Transaction,
  shopId: string,
  input: LedgerEntryInput,
  balance: BalanceRow,
): Promise<PostResult> {
  const [entry] = await tx
    .insert(pointsLedger)
    .values({ ...input, shopId, availableAt: input.availableAt ?? null })
    .onConflictDoNothing({ target: [pointsLedger.shopId, pointsLedger.idempotencyKey] })
    .returning();
  if (entry) return applied(tx, shopId, input, entry);
  const earlier = await findEarlierOutcome(tx, shopId, input, balance);
  if (!earlier) throw new Error(`ledger key ${input.idempotencyKey} conflicted but no entry holds it`);
  return earlier;
}

async function applied(
  tx: Transaction,
  shopId: string,
  input: LedgerEntryInput,
  entry: LedgerEntry,
): Promise<PostResult> {
  const updated = await applyToBalance(tx, shopId, input, entry.id);
  if (IS_ACTIVITY.has(input.kind)) await markActivity(tx, shopId, input.customerId, input.occurredAt);
  return { outcome: "applied", entry, balance: updated };
}

/** The entry to return as written, or throws InsufficientPointsError for a refusal (rolling back the caller). */
export function requireEntry(result: PostResult): LedgerEntry {
  if (result.outcome === "refused") throw new InsufficientPointsError(result.available, result.requested);
  return result.entry;
}

/** What this idempotency key already produced: an entry, a refusal, or nothing yet. */
async function findEarlierOutcome(
  tx: Transaction,
  shopId: string,
  input: LedgerEntryInput,
  balance: BalanceRow,
): Promise<PostResult | undefined> {
  const key = input.idempotencyKey;
  const [entry] = await tx
    .select()
    .from(pointsLedger)
    .where(and(eq(pointsLedger.shopId, shopId), eq(pointsLedger.idempotencyKey, key)));
  const [refusal] = entry
    ? []
    : await tx
        .select()
        .from(ledgerRefusals)
        .where(and(eq(ledgerRefusals.shopId, shopId), eq(ledgerRefusals.idempotencyKey, key)));
  const earlier = entry ?? refusal;
  if (!earlier) return undefined;
  if (
    earlier.customerId !== input.customerId ||
    earlier.kind !== input.kind ||
    earlier.amount !== input.amount
  ) {
    throw new IdempotencyConflictError(key);
  }
  return entry
    ? { outcome: "duplicate", entry, balance }
    : { outcome: "refused", available: refusal!.availableAtRefusal, requested: -refusal!.amount, balance };
}

async function applyToBalance(tx: Transaction, shopId: string, input: LedgerEntryInput, entryId: number) {
  const { amount, status } = input;
  const [row] = await tx
    .update(pointBalances)
    .set({
      available: status === "available" ? sql`${pointBalances.available} + ${amount}` : undefined,
      pending: status === "pending" ? sql`${pointBalances.pending} + ${amount}` : undefined,
      lifetimeEarned: countsAsEarned(input) ? sql`${pointBalances.lifetimeEarned} + ${amount}` : undefined,
      lifetimeRedeemed: redeemedDelta(input)
        ? sql`${pointBalances.lifetimeRedeemed} + ${redeemedDelta(input)}`
        : undefined,
      lastLedgerId: entryId,
      updatedAt: sql`now()`,
    })
    .where(and(eq(pointBalances.shopId, shopId), eq(pointBalances.customerId, input.customerId)))
    .returning();
  return row!;
}

/** Redeemed points, net of redemptions whose points were returned. */
function redeemedDelta(input: LedgerEntryInput): number {
  if (input.kind === "redeem") return -input.amount;
  if (input.kind === "reversal" && input.sourceType === "redemption") return -input.amount;
  return 0;
}

/**
 * Moves the expiry clock forward (never back: a late, backdated delivery must not shorten it).
 * The expiry warning is re-armed only when the clock actually moves, so a backdated entry cannot
 * cause a second warning in the same inactivity period.
 */
async function markActivity(tx: Transaction, shopId: string, customerId: number, at: Date) {
  const moves = sql`(${customers.lastActivityAt} is null or ${customers.lastActivityAt} < ${at.toISOString()}::timestamptz)`;
  await tx
    .update(customers)
    .set({
      lastActivityAt: sql`greatest(${customers.lastActivityAt}, ${at.toISOString()}::timestamptz)`,
      expiryWarnedAt: sql`case when ${moves} then null else ${customers.expiryWarnedAt} end`,
    })
    .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)));
}
