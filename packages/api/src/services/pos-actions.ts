import { applyTierAfterEarning, postLedgerEntry, schema, type Database } from "@loyalnest/db";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { writeAudit } from "../audit";
import type { StaffActor } from "../trpc/auth/admin-session";
import { toTrpcError } from "../trpc/errors";
import {
  availablePoints,
  issueRedemption,
  RedemptionRefusedError,
  redemptionView,
} from "./redemption-issuing";
import type { AdminGraphqlClient } from "@loyalnest/shopify";

/**
 * Store-associate actions at the till (product.md §1: "award and redeem points at the till, online
 * or offline").
 *
 * An associate's **award** is an `earn` row with source `pos` (it counts as earned points, so it
 * can lift the customer into a tier, like any earning), actor `pos_staff` with the staff id, a
 * required reason, and an `audit_log` row (actor `pos_staff`). It is not a manual adjustment: those
 * are the admin's (they can remove points and do not count as earned). Only members earn, only
 * positive amounts, at most {@link MAX_POS_AWARD} per action. Keyed `pos:<requestKey>:earn`, so a
 * retried or re-synced action is credited once.
 *
 * A **redeem** goes through the same issuing service as the storefront, channel `pos`, judged
 * against the cart subtotal, and audited in the reservation's transaction.
 */
export const MAX_POS_AWARD = 100_000;
/** Offline actions older than this are refused at sync (a lost till, not a short outage). */
export const OFFLINE_MAX_AGE_MS = 30 * 24 * 3_600_000;
const CLOCK_SKEW_MS = 5 * 60_000;

export interface PosContext {
  deps: { database: { db: Database }; shopifyAdmin: AdminGraphqlClient; now: () => Date };
  shop: { id: string; domain: string; currency: string };
  staff: StaffActor;
}

export const posEarnKey = (requestKey: string) => `pos:${requestKey}:earn`;

export interface PosAwardInput {
  customerId: number;
  points: number;
  reason: string;
  requestKey: string;
  /** When the associate recorded it (offline actions: at the till, earlier than the sync). */
  recordedAt?: Date;
}

export async function awardAtPos(ctx: PosContext, input: PosAwardInput) {
  const at = input.recordedAt ?? ctx.deps.now();
  const shopId = ctx.shop.id;
  return ctx.deps.database.db.transaction(async (tx) => {
    const [customer] = await tx
      .select({
        membershipStatus: schema.customers.membershipStatus,
        holdout: schema.customers.holdout,
        isTombstone: schema.customers.isTombstone,
      })
      .from(schema.customers)
      .where(and(eq(schema.customers.shopId, shopId), eq(schema.customers.id, input.customerId)));
    if (!customer) throw new TRPCError({ code: "NOT_FOUND", message: "That customer does not exist." });
    const key = posEarnKey(input.requestKey);
    // A replay of an earlier award stays a duplicate even if the customer has left the programme since.
    const [earlier] = await tx
      .select({ id: schema.pointsLedger.id })
      .from(schema.pointsLedger)
      .where(and(eq(schema.pointsLedger.shopId, shopId), eq(schema.pointsLedger.idempotencyKey, key)));
    if (!earlier && (customer.membershipStatus !== "member" || customer.holdout || customer.isTombstone))
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: "This customer is not a member of the rewards programme.",
      });
    const posted = await postLedgerEntry(tx, shopId, {
      customerId: input.customerId,
      kind: "earn",
      amount: input.points,
      status: "available",
      sourceType: "pos",
      sourceId: ctx.staff.userId,
      idempotencyKey: key,
      reason: input.reason,
      actorType: "pos_staff",
      actorId: ctx.staff.userId,
      occurredAt: at,
    });
    if (posted.outcome === "refused") throw new Error("an earn is never refused");
    if (posted.outcome === "applied") {
      await applyTierAfterEarning(tx, shopId, input.customerId, at, key);
      await writeAudit(
        tx,
        ctx,
        {
          action: "points.pos_award",
          entityType: "customer",
          entityId: input.customerId,
          reason: input.reason,
          changes: { points: input.points, ledgerEntryId: posted.entry.id },
        },
        "pos_staff",
      );
    }
    return {
      outcome: posted.outcome,
      points: input.points,
      balance: await availablePoints(tx, shopId, input.customerId),
    };
  });
}

export interface PosRedeemInput {
  customerId: number;
  rewardId: number;
  requestKey: string;
  cartSubtotalMinor: number | null;
  chosenPoints?: number | undefined;
}

export async function redeemAtPos(ctx: PosContext, input: PosRedeemInput) {
  const result = await issueRedemption(
    { db: ctx.deps.database.db, shopifyAdmin: ctx.deps.shopifyAdmin, now: ctx.deps.now },
    ctx.shop,
    {
      ...input,
      channel: "pos",
      onReserved: (tx, redemption) =>
        writeAudit(
          tx,
          ctx,
          {
            action: "redemption.pos_redeem",
            entityType: "redemption",
            entityId: redemption.id,
            changes: {
              customerId: input.customerId,
              rewardId: input.rewardId,
              pointsSpent: redemption.pointsSpent,
            },
          },
          "pos_staff",
        ),
    },
  );
  return {
    redemption: redemptionView(result.redemption),
    balance: result.availablePoints,
    replayed: result.replayed,
  };
}

// ---------------------------------------------------------------------------------------------
// Offline batches

export type OfflineAction =
  | { type: "earn"; key: string; recordedAt: string; customerId: number; points: number; reason: string }
  | {
      type: "redeem";
      key: string;
      recordedAt: string;
      customerId: number;
      rewardId: number;
      cartSubtotalMinor?: number | null | undefined;
      chosenPoints?: number | undefined;
    };

export interface OfflineResult {
  key: string;
  type: OfflineAction["type"];
  /** applied now; duplicate: applied by an earlier sync (nothing changed); refused: see reason. */
  status: "applied" | "duplicate" | "refused";
  /** Machine-readable, e.g. `insufficient_points`, `not_found`, `shopify_failed`, `too_old`. */
  reason: string | null;
  /** What to tell the customer or associate. */
  message: string | null;
  /** Points moved by this action (signed; 0 when nothing moved now). */
  pointsDelta: number;
  discountCode: string | null;
  /** The customer's available points after the action, when known. */
  balance: number | null;
}

/**
 * Applies a batch recorded while the till was offline, in the order given, each action on its own
 * (its own transaction and idempotency key): one refusal never stops or undoes the others, and
 * every action gets a result. Balance is judged at sync time, so a redeem the customer can no
 * longer afford is `refused` with `insufficient_points` (the ledger records that refusal under the
 * key, so a replay answers the same). Replaying a batch changes nothing: applied actions come back
 * `duplicate`, refused ones `refused` again. Unexpected server failures fail the whole call (the
 * till retries the batch; what was applied comes back as duplicates).
 */
export async function syncOfflineBatch(ctx: PosContext, actions: OfflineAction[]): Promise<OfflineResult[]> {
  const results: OfflineResult[] = [];
  for (const action of actions) results.push(await applyOfflineAction(ctx, action));
  return results;
}

async function applyOfflineAction(ctx: PosContext, action: OfflineAction): Promise<OfflineResult> {
  const base = { key: action.key, type: action.type, reason: null, message: null, discountCode: null };
  const recordedAt = new Date(action.recordedAt);
  const now = ctx.deps.now().getTime();
  try {
    if (recordedAt.getTime() > now + CLOCK_SKEW_MS)
      return refused(
        action,
        "recorded_in_future",
        "The till's clock is ahead: this action is dated in the future.",
      );
    if (recordedAt.getTime() < now - OFFLINE_MAX_AGE_MS)
      return refused(
        action,
        "too_old",
        "This action was recorded more than 30 days ago and was not applied.",
      );
    if (action.type === "earn") {
      const result = await awardAtPos(ctx, {
        customerId: action.customerId,
        points: action.points,
        reason: action.reason,
        requestKey: action.key,
        recordedAt,
      });
      const applied = result.outcome === "applied";
      return {
        ...base,
        status: applied ? "applied" : "duplicate",
        pointsDelta: applied ? result.points : 0,
        balance: result.balance,
      };
    }
    const result = await redeemAtPos(ctx, {
      customerId: action.customerId,
      rewardId: action.rewardId,
      requestKey: action.key,
      cartSubtotalMinor: action.cartSubtotalMinor ?? null,
      chosenPoints: action.chosenPoints,
    });
    return {
      ...base,
      status: result.replayed ? "duplicate" : "applied",
      pointsDelta: result.replayed ? 0 : -result.redemption.pointsSpent,
      discountCode: result.redemption.discountCode,
      balance: result.balance,
    };
  } catch (error) {
    const mapped = toTrpcError(error);
    if (mapped.code === "INTERNAL_SERVER_ERROR") throw error;
    const reason =
      error instanceof RedemptionRefusedError
        ? error.reasons.join(",")
        : mapped.code === "BAD_GATEWAY"
          ? "shopify_failed"
          : mapped.code.toLowerCase();
    return refused(action, reason, mapped.message);
  }
}

function refused(action: OfflineAction, reason: string, message: string): OfflineResult {
  return {
    key: action.key,
    type: action.type,
    status: "refused",
    reason,
    message,
    pointsDelta: 0,
    discountCode: null,
    balance: null,
  };
}
