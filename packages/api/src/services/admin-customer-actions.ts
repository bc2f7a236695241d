import { adjustPoints, pinCustomerTier, schema, unpinCustomerTier, type Database } from "@loyalnest/db";
import { TierPinError, type ManualAdjustmentRefusal } from "@loyalnest/domain";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { notFound, requireShopCustomer } from "./admin-customers";

/**
 * Staff actions on one customer: a manual points adjustment and a tier pin / unpin. Each runs in
 * one transaction with the audit row the db service writes (it already audits, so we do not add a
 * second row). A refusal throws inside the transaction, so a refused action changes nothing.
 */

const { customers, vipTiers } = schema;

/** The staff id recorded on ledger, history and audit rows (the session token's `sub`). */
const staffIdOf = (staff: { userId: string | null }) => staff.userId ?? "unknown";

function refusalMessage(
  reason: ManualAdjustmentRefusal,
  available: number,
  requested: number | null,
): string {
  switch (reason) {
    case "reason_required":
      return "Enter a reason for the adjustment.";
    case "zero_points":
      return "Enter a number of points other than zero.";
    case "exceeds_available_balance":
      return `Cannot remove ${requested ?? "these"} points: the customer has only ${available} available. Nothing was changed.`;
  }
}

export interface AdjustInput {
  customerId: number;
  points: number;
  reason: string;
  requestKey: string;
}

/** A staff adjustment; replaying the same request key posts nothing more and returns the first result. */
export async function adjustCustomerPoints(
  db: Database,
  shopId: string,
  staff: { userId: string | null },
  input: AdjustInput,
  at: Date,
) {
  return db.transaction(async (tx) => {
    await requireShopCustomer(tx, shopId, input.customerId);
    const result = await adjustPoints(tx, shopId, {
      customerId: input.customerId,
      points: input.points,
      reason: input.reason,
      staffId: staffIdOf(staff),
      requestKey: input.requestKey,
      at,
    });
    if (result.outcome === "refused") {
      throw new TRPCError({
        code: result.reason === "exceeds_available_balance" ? "UNPROCESSABLE_CONTENT" : "BAD_REQUEST",
        message: refusalMessage(result.reason, result.available, result.requested),
      });
    }
    return {
      outcome: result.outcome,
      entryId: result.entry.id,
      points: result.entry.amount,
      balance: { available: result.balance.available, pending: result.balance.pending },
    };
  });
}

/** The customer's tier as it stands after an action. */
async function tierState(tx: Pick<Database, "select">, shopId: string, customerId: number) {
  const [row] = await tx
    .select({
      tierId: vipTiers.id,
      tierName: vipTiers.name,
      pinned: customers.tierPinned,
      pinnedUntil: customers.tierPinnedUntil,
    })
    .from(customers)
    .leftJoin(vipTiers, and(eq(vipTiers.shopId, customers.shopId), eq(vipTiers.id, customers.tierId)))
    .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)));
  return {
    tier: row!.tierId === null || row!.tierName === null ? null : { id: row!.tierId, name: row!.tierName },
    pinned: row!.pinned,
    pinnedUntil: row!.pinnedUntil,
  };
}

export interface PinInput {
  customerId: number;
  tierId: number | null;
  until: Date | null;
  reason: string | null;
  requestKey: string;
}

/** Pins a tier (or "no tier") to the customer, optionally until a date. */
export async function pinTierForCustomer(
  db: Database,
  shopId: string,
  staff: { userId: string | null },
  input: PinInput,
  at: Date,
) {
  return db.transaction(async (tx) => {
    await requireShopCustomer(tx, shopId, input.customerId);
    if (input.tierId !== null) {
      const [tier] = await tx
        .select({ active: vipTiers.active })
        .from(vipTiers)
        .where(and(eq(vipTiers.shopId, shopId), eq(vipTiers.id, input.tierId)));
      if (!tier) notFound("Tier not found.");
      if (!tier.active) throw new TRPCError({ code: "BAD_REQUEST", message: "This tier is not active." });
    }
    let change;
    try {
      change = await pinCustomerTier(tx, shopId, { ...input, staffId: staffIdOf(staff), at });
    } catch (error) {
      if (error instanceof TierPinError)
        throw new TRPCError({
          code: "BAD_REQUEST",
          message: "The pin's end date must be in the future.",
          cause: error,
        });
      throw error;
    }
    return {
      outcome: change ? ("changed" as const) : ("duplicate" as const),
      ...(await tierState(tx, shopId, input.customerId)),
    };
  });
}

export interface UnpinInput {
  customerId: number;
  reason: string | null;
  requestKey: string;
}

/** Removes the customer's pin: they move at once to the highest tier they qualify for. */
export async function unpinTierForCustomer(
  db: Database,
  shopId: string,
  staff: { userId: string | null },
  input: UnpinInput,
  at: Date,
) {
  return db.transaction(async (tx) => {
    await requireShopCustomer(tx, shopId, input.customerId);
    let change;
    try {
      change = await unpinCustomerTier(tx, shopId, { ...input, staffId: staffIdOf(staff), at });
    } catch (error) {
      if (error instanceof TierPinError)
        throw new TRPCError({
          code: "PRECONDITION_FAILED",
          message: "This customer's tier is not pinned.",
          cause: error,
        });
      throw error;
    }
    return {
      outcome: change ? ("changed" as const) : ("duplicate" as const),
      ...(await tierState(tx, shopId, input.customerId)),
    };
  });
}
