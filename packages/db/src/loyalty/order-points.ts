import type { OrderPoints, ReversalPlan } from "@loyalnest/domain";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Transaction } from "../client";
import { postLedgerEntry, requireEntry, voidPendingEntry } from "../ledger";
import { pointsLedger } from "../schema";

/**
 * An order's points as the ledger records them. The order's own earn entries have no related
 * entry; a "remainder" entry (related to a voided one) re-credits the part of a pending entry a
 * partial refund did not take, because ledger amounts never change.
 */
export async function loadOrderPoints(
  tx: Transaction,
  shopId: string,
  shopifyOrderId: number,
  basisMinor: number,
): Promise<OrderPoints & { originalEntryIds: number[] }> {
  const earns = await tx
    .select({
      id: pointsLedger.id,
      amount: pointsLedger.amount,
      status: pointsLedger.status,
      relatedEntryId: pointsLedger.relatedEntryId,
    })
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.shopId, shopId),
        eq(pointsLedger.sourceType, "order"),
        eq(pointsLedger.sourceId, String(shopifyOrderId)),
        eq(pointsLedger.kind, "earn"),
      ),
    );
  const originals = earns.filter((e) => e.relatedEntryId === null);
  const remainders = earns.filter((e) => e.relatedEntryId !== null);
  const sum = (rows: { amount: number }[]) => rows.reduce((total, row) => total + row.amount, 0);
  const voidedNet = sum(earns.filter((e) => e.status === "void")) - sum(remainders);
  const originalEntryIds = originals.map((e) => e.id);
  return {
    orderId: String(shopifyOrderId),
    basisMinor,
    earnedPoints: sum(originals),
    reversedPoints: voidedNet + (await clawedBack(tx, shopId, originalEntryIds)),
    pending: earns
      .filter((e) => e.status === "pending")
      .map((e) => ({ entryId: String(e.id), points: e.amount })),
    originalEntryIds,
  };
}

async function clawedBack(tx: Transaction, shopId: string, entryIds: number[]): Promise<number> {
  if (entryIds.length === 0) return 0;
  const [row] = await tx
    .select({ total: sql<number>`coalesce(-sum(${pointsLedger.amount}), 0)::int` })
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.shopId, shopId),
        inArray(pointsLedger.relatedEntryId, entryIds),
        inArray(pointsLedger.kind, ["refund_clawback", "reversal"]),
      ),
    );
  return row?.total ?? 0;
}

export interface ReversalSource {
  customerId: number;
  kind: "refund_clawback" | "reversal";
  sourceType: "refund" | "order";
  sourceId: string;
  /** The order's first earn entry: clawbacks point at it so they can be found again. */
  relatedEntryId: number;
  at: Date;
}

/**
 * Writes a domain reversal plan: pending points are voided (a partly reversed pending entry is
 * voided whole and its remainder re-credited as pending, keeping its release date), and the rest
 * is clawed back from the available balance, which may go negative.
 */
export async function applyReversalPlan(
  tx: Transaction,
  shopId: string,
  plan: ReversalPlan,
  source: ReversalSource,
) {
  for (const part of plan.voidPending) {
    await voidPendingPart(tx, shopId, Number(part.entryId), part.points, plan.idempotencyKey, source);
  }
  if (plan.clawbackAvailable > 0) {
    await postLedgerEntry(tx, shopId, {
      customerId: source.customerId,
      kind: source.kind,
      amount: -plan.clawbackAvailable,
      status: "available",
      sourceType: source.sourceType,
      sourceId: source.sourceId,
      relatedEntryId: source.relatedEntryId,
      idempotencyKey: plan.idempotencyKey,
      occurredAt: source.at,
    });
  }
}

async function voidPendingPart(
  tx: Transaction,
  shopId: string,
  entryId: number,
  points: number,
  planKey: string,
  source: ReversalSource,
) {
  const [entry] = await tx
    .select()
    .from(pointsLedger)
    .where(and(eq(pointsLedger.shopId, shopId), eq(pointsLedger.id, entryId)));
  if (!entry || entry.status !== "pending") return;
  await voidPendingEntry(tx, shopId, entryId, source.at);
  const remainder = entry.amount - points;
  if (remainder <= 0) return;
  requireEntry(
    await postLedgerEntry(tx, shopId, {
      customerId: entry.customerId,
      kind: "earn",
      amount: remainder,
      status: "pending",
      availableAt: entry.availableAt,
      sourceType: "order",
      sourceId: entry.sourceId,
      relatedEntryId: entryId,
      earningRuleId: entry.earningRuleId,
      earningRuleVersion: entry.earningRuleVersion,
      campaignId: entry.campaignId,
      campaignVersion: entry.campaignVersion,
      idempotencyKey: `${planKey}:remainder:${entryId}`,
      occurredAt: source.at,
    }),
  );
}
