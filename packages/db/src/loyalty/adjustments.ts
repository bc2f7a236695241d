import { adjustmentKey, decideManualAdjustment, type ManualAdjustmentRefusal } from "@loyalnest/domain";
import { and, eq } from "drizzle-orm";
import type { Transaction } from "../client";
import { lockBalance, postLedgerEntry, type BalanceRow, type LedgerEntry } from "../ledger";
import { auditLog, customers } from "../schema";
import { UnknownCustomerError } from "./redemptions";

export interface AdjustPointsInput {
  customerId: number;
  /** Signed and non-zero: staff may add or remove points. */
  points: number;
  /** Required, non-empty (trimmed); stored on the ledger row and in the audit log. */
  reason: string;
  /** The staff member (Shopify staff id) making the adjustment. */
  staffId: string;
  /** The admin form's request id: a double-click or retry posts one row. */
  requestKey: string;
  at: Date;
}

export type AdjustPointsResult =
  | { outcome: "applied" | "duplicate"; entry: LedgerEntry; balance: BalanceRow }
  | {
      outcome: "refused";
      reason: ManualAdjustmentRefusal;
      available: number;
      /** The points a refused deduction asked for; null for a refusal of the input itself. */
      requested: number | null;
    };

/**
 * A staff adjustment with a required reason, audit-logged: one `adjust` row (source and actor
 * staff) and one `audit_log` row, in the caller's transaction.
 *
 * A deduction beyond the available balance is refused — only clawbacks create debt. That refusal
 * is the ledger's, recorded under the request key like any refused debit, so a retried request
 * gets the same answer (and a retry of an applied deduction is a duplicate, not a refusal judged
 * on the balance it left). A replay writes nothing, in particular no second audit row.
 */
export async function adjustPoints(
  tx: Transaction,
  shopId: string,
  input: AdjustPointsInput,
): Promise<AdjustPointsResult> {
  await assertCustomerExists(tx, shopId, input.customerId);
  const balance = await lockBalance(tx, shopId, input.customerId);
  const decision = decideManualAdjustment({
    customerId: String(input.customerId),
    points: input.points,
    reason: input.reason,
    staffMemberId: input.staffId,
    requestId: input.requestKey,
    availablePoints: balance.available,
  });
  if (decision.outcome === "no_award" && decision.reason !== "exceeds_available_balance") {
    return { outcome: "refused", reason: decision.reason, available: balance.available, requested: null };
  }

  const reason = input.reason.trim();
  const posted = await postLedgerEntry(tx, shopId, {
    customerId: input.customerId,
    kind: "adjust",
    amount: input.points,
    status: "available",
    sourceType: "staff",
    sourceId: input.staffId,
    idempotencyKey: adjustmentKey(input.requestKey),
    reason,
    actorType: "staff",
    actorId: input.staffId,
    occurredAt: input.at,
  });
  if (posted.outcome === "refused") {
    return {
      outcome: "refused",
      reason: "exceeds_available_balance",
      available: posted.available,
      requested: posted.requested,
    };
  }
  if (posted.outcome === "applied")
    await recordAudit(tx, shopId, input, reason, posted.entry, posted.balance);
  return posted;
}

/** Who adjusted whose points, by how much and why; never PII (ids and numbers only). */
async function recordAudit(
  tx: Transaction,
  shopId: string,
  input: AdjustPointsInput,
  reason: string,
  entry: LedgerEntry,
  balance: BalanceRow,
): Promise<void> {
  await tx.insert(auditLog).values({
    shopId,
    actorType: "staff",
    actorId: input.staffId,
    action: "points.adjust",
    entityType: "customer",
    entityId: String(input.customerId),
    reason,
    changes: { points: input.points, balanceAfter: balance.available, ledgerEntryId: entry.id },
    createdAt: input.at,
  });
}

async function assertCustomerExists(tx: Transaction, shopId: string, customerId: number): Promise<void> {
  const [row] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)));
  if (!row) throw new UnknownCustomerError(customerId);
}
