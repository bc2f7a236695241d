import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findBalanceMismatches, IdempotencyConflictError, postLedgerEntry, requireEntry } from "../ledger";
import { auditLog, ledgerRefusals, pointBalances, pointsLedger } from "../schema";
import { createTestDatabase, insertTestCustomer, insertTestShop, type TestDatabase } from "../testing";
import { adjustPoints, type AdjustPointsInput } from "./adjustments";
import { UnknownCustomerError } from "./redemptions";

let test: TestDatabase;
let shopId: string;
beforeAll(async () => {
  test = await createTestDatabase("loyalty_adjustments");
  shopId = (await insertTestShop(test.db)).id;
});
afterEach(async () => {
  expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
});
afterAll(() => test.drop());

const at = new Date("2026-06-01T12:00:00Z");

let requestCounter = 0;
const adjustment = (customerId: number, fields: Partial<AdjustPointsInput> = {}): AdjustPointsInput => ({
  customerId,
  points: 250,
  reason: "goodwill for a late parcel",
  staffId: "staff-42",
  requestKey: `form-${++requestCounter}`,
  at,
  ...fields,
});
const adjust = (input: AdjustPointsInput) => test.db.transaction((tx) => adjustPoints(tx, shopId, input));

const newCustomer = async () => (await insertTestCustomer(test.db, shopId)).id;
const post = (customerId: number, kind: "earn" | "refund_clawback", amount: number, key: string) =>
  test.db.transaction(async (tx) =>
    requireEntry(
      await postLedgerEntry(tx, shopId, {
        customerId,
        kind,
        amount,
        status: "available",
        sourceType: kind === "earn" ? "order" : "refund",
        idempotencyKey: key,
        occurredAt: at,
      }),
    ),
  );
const balanceOf = async (customerId: number) =>
  (await test.db.select().from(pointBalances).where(eq(pointBalances.customerId, customerId)))[0]!;
const ledgerOf = (customerId: number) =>
  test.db.select().from(pointsLedger).where(eq(pointsLedger.customerId, customerId)).orderBy(pointsLedger.id);
const auditOf = (customerId: number) =>
  test.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.entityId, String(customerId)))
    .orderBy(auditLog.id);

describe("manual adjustments", () => {
  it('"staff adjustment with a required reason, audit-logged"', async () => {
    const c = await newCustomer();
    const result = await adjust(
      adjustment(c, { reason: "  goodwill for a late parcel  ", requestKey: "f-1" }),
    );

    expect(result).toMatchObject({ outcome: "applied", balance: { available: 250 } });
    const [entry] = await ledgerOf(c);
    expect(entry).toMatchObject({
      kind: "adjust",
      amount: 250,
      status: "available",
      sourceType: "staff",
      sourceId: "staff-42",
      actorType: "staff",
      actorId: "staff-42",
      reason: "goodwill for a late parcel",
      idempotencyKey: "adjust:f-1",
      occurredAt: at,
    });
    expect(await auditOf(c)).toEqual([
      expect.objectContaining({
        actorType: "staff",
        actorId: "staff-42",
        action: "points.adjust",
        entityType: "customer",
        entityId: String(c),
        reason: "goodwill for a late parcel",
        changes: { points: 250, balanceAfter: 250, ledgerEntryId: entry!.id },
        createdAt: at,
      }),
    ]);
  });

  it('"Replaying any input must be a no-op": no second row, no second audit entry', async () => {
    const c = await newCustomer();
    const input = adjustment(c);
    const first = await adjust(input);
    const replay = await adjust(input);

    expect(replay.outcome).toBe("duplicate");
    if (first.outcome === "refused" || replay.outcome === "refused") throw new Error("unexpected refusal");
    expect(replay.entry.id).toBe(first.entry.id);
    expect(await ledgerOf(c)).toHaveLength(1);
    expect(await auditOf(c)).toHaveLength(1);
    expect((await balanceOf(c)).available).toBe(250);
  });

  it('"with a required reason": an empty or blank reason is refused and nothing is written', async () => {
    const c = await newCustomer();
    for (const reason of ["", "   "]) {
      expect(await adjust(adjustment(c, { reason }))).toEqual({
        outcome: "refused",
        reason: "reason_required",
        available: 0,
        requested: null,
      });
    }
    expect(await adjust(adjustment(c, { points: 0 }))).toMatchObject({
      outcome: "refused",
      reason: "zero_points",
    });
    expect(await ledgerOf(c)).toEqual([]);
    expect(await auditOf(c)).toEqual([]);
  });

  it("deducts points within the available balance", async () => {
    const c = await newCustomer();
    await post(c, "earn", 400, `order:${c}:earn`);
    const input = adjustment(c, { points: -400, reason: "duplicate account merge" });

    expect(await adjust(input)).toMatchObject({ outcome: "applied", balance: { available: 0 } });
    // Replayed after the balance it left is zero: still the same deduction, not a refusal.
    expect((await adjust(input)).outcome).toBe("duplicate");
    expect((await auditOf(c))[0]?.changes).toEqual(
      expect.objectContaining({ points: -400, balanceAfter: 0 }),
    );
  });

  it('"A redemption never drives the available balance below zero. A clawback may": a deduction beyond the balance is refused, no debt', async () => {
    const c = await newCustomer();
    await post(c, "earn", 100, `order:${c}:earn`);
    const input = adjustment(c, { points: -150 });

    expect(await adjust(input)).toEqual({
      outcome: "refused",
      reason: "exceeds_available_balance",
      available: 100,
      requested: 150,
    });
    expect(await test.db.select().from(ledgerRefusals).where(eq(ledgerRefusals.customerId, c))).toHaveLength(
      1,
    );
    // Exactly once applies to the refusal too: the retried form stays refused.
    await post(c, "earn", 500, `order:${c}:earn:2`);
    expect(await adjust(input)).toMatchObject({ outcome: "refused", available: 100 });
    expect(await auditOf(c)).toEqual([]);
    expect((await balanceOf(c)).available).toBe(600);
  });

  it("a customer in debt cannot be deducted further", async () => {
    const c = await newCustomer();
    await post(c, "earn", 100, `order:${c}:earn`);
    await post(c, "refund_clawback", -300, `refund:${c}:clawback`);
    expect(await adjust(adjustment(c, { points: -1 }))).toMatchObject({
      outcome: "refused",
      reason: "exceeds_available_balance",
    });
    // Adding points is always possible; they pay the debt first.
    expect(await adjust(adjustment(c, { points: 250 }))).toMatchObject({
      outcome: "applied",
      balance: { available: 50 },
    });
  });

  it("refuses a request key reused for a different adjustment", async () => {
    const c = await newCustomer();
    const input = adjustment(c);
    await adjust(input);
    await expect(adjust({ ...input, points: 999 })).rejects.toBeInstanceOf(IdempotencyConflictError);
    expect(await auditOf(c)).toHaveLength(1);
  });

  it("refuses a customer of another shop", async () => {
    const other = await insertTestShop(test.db);
    const stranger = (await insertTestCustomer(test.db, other.id)).id;
    await expect(adjust(adjustment(stranger))).rejects.toBeInstanceOf(UnknownCustomerError);
  });
});
