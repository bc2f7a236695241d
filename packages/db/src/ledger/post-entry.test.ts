import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, pointsLedger } from "../schema";
import {
  balanceOf as fixtureBalanceOf,
  createTestDatabase,
  insertTestCustomer,
  insertTestShop,
  type TestDatabase,
} from "../testing";
import { IdempotencyConflictError, InsufficientPointsError } from "./errors";
import { findBalanceMismatches } from "./invariants";
import { releasePendingEntry, voidPendingEntry } from "./pending";
import { postLedgerEntry, requireEntry, type LedgerEntryInput } from "./post-entry";

let test: TestDatabase;
let shopId: string;
beforeAll(async () => {
  test = await createTestDatabase("ledger_service");
  shopId = (await insertTestShop(test.db)).id;
});
afterAll(() => test.drop());

const at = new Date("2026-06-01T12:00:00Z");
const entry = (
  customerId: number,
  key: string,
  fields: Partial<LedgerEntryInput> = {},
): LedgerEntryInput => ({
  customerId,
  kind: "earn",
  amount: 100,
  status: "available",
  sourceType: "order",
  sourceId: key,
  idempotencyKey: key,
  occurredAt: at,
  ...fields,
});
const post = (input: LedgerEntryInput) => test.db.transaction((tx) => postLedgerEntry(tx, shopId, input));
const balanceOf = (customerId: number) => fixtureBalanceOf(test.db, shopId, customerId);
const newCustomer = async () => (await insertTestCustomer(test.db, shopId)).id;

describe("the ledger service", () => {
  it('"Replaying any input must be a no-op"', async () => {
    const c = await newCustomer();
    const first = await post(entry(c, "order:1:earn", { amount: 250 }));
    const replay = await post(entry(c, "order:1:earn", { amount: 250 }));
    expect(first.outcome).toBe("applied");
    expect(replay.outcome).toBe("duplicate");
    expect(requireEntry(replay).id).toBe(requireEntry(first).id);
    expect(await balanceOf(c)).toMatchObject({ available: 250, pending: 0, lifetimeEarned: 250 });
  });

  it("refuses an idempotency key reused for a different entry", async () => {
    const c = await newCustomer();
    await post(entry(c, "order:2:earn", { amount: 100 }));
    await expect(post(entry(c, "order:2:earn", { amount: 999 }))).rejects.toBeInstanceOf(
      IdempotencyConflictError,
    );
    expect((await balanceOf(c)).available).toBe(100);
  });

  it('"A redemption never drives the available balance below zero"', async () => {
    const c = await newCustomer();
    await post(entry(c, "order:3:earn", { amount: 300 }));
    const redeem = entry(c, "redeem:3", { kind: "redeem", amount: -500, sourceType: "redemption" });
    expect(await post(redeem)).toMatchObject({ outcome: "refused", available: 300, requested: 500 });
    const rows = await test.db.select().from(pointsLedger).where(eq(pointsLedger.customerId, c));
    expect(rows).toHaveLength(1);
    expect(await balanceOf(c)).toMatchObject({ available: 300, lifetimeRedeemed: 0 });
  });

  it("answers a replayed refused redemption with the same refusal, even after more points arrive", async () => {
    const c = await newCustomer();
    const redeem = entry(c, "redeem:10", { kind: "redeem", amount: -200, sourceType: "redemption" });
    expect((await post(redeem)).outcome).toBe("refused");
    await post(entry(c, "order:10:earn", { amount: 1000 }));
    expect(await post(redeem)).toMatchObject({ outcome: "refused", available: 0, requested: 200 });
    expect((await post({ ...redeem, idempotencyKey: "redeem:10:retry" })).outcome).toBe("applied");
    expect((await balanceOf(c)).available).toBe(800);
  });

  it("throws InsufficientPointsError from requireEntry for callers that want the whole transaction undone", async () => {
    const c = await newCustomer();
    const redeem = entry(c, "redeem:11", { kind: "redeem", amount: -1, sourceType: "redemption" });
    await expect(
      test.db.transaction(async (tx) => requireEntry(await postLedgerEntry(tx, shopId, redeem))),
    ).rejects.toBeInstanceOf(InsufficientPointsError);
  });

  it('"A clawback may (a debt), and later earning pays the debt first"', async () => {
    const c = await newCustomer();
    await post(entry(c, "order:4:earn", { amount: 500 }));
    await post(entry(c, "redeem:4", { kind: "redeem", amount: -400, sourceType: "redemption" }));
    await post(
      entry(c, "refund:4:clawback", { kind: "refund_clawback", amount: -300, sourceType: "refund" }),
    );
    expect((await balanceOf(c)).available).toBe(-200);
    await post(entry(c, "order:5:earn", { amount: 250 }));
    expect(await balanceOf(c)).toMatchObject({ available: 50, lifetimeEarned: 450, lifetimeRedeemed: 400 });
    // the debt also blocks redemptions until it is paid
    const blocked = await post(
      entry(c, "redeem:5", { kind: "redeem", amount: -60, sourceType: "redemption" }),
    );
    expect(blocked.outcome).toBe("refused");
  });

  it("returned redemption points count as no longer redeemed", async () => {
    const c = await newCustomer();
    await post(entry(c, "order:6:earn", { amount: 500 }));
    await post(
      entry(c, "redeem:6", { kind: "redeem", amount: -500, sourceType: "redemption", sourceId: "r6" }),
    );
    await post(
      entry(c, "redeem:6:reversal", {
        kind: "reversal",
        amount: 500,
        sourceType: "redemption",
        sourceId: "r6",
      }),
    );
    expect(await balanceOf(c)).toMatchObject({ available: 500, lifetimeRedeemed: 0 });
  });

  it('"Pending points: points from an order may wait N days before becoming available"', async () => {
    const c = await newCustomer();
    const release = new Date("2026-06-15T12:00:00Z");
    const pending = requireEntry(
      await post(entry(c, "order:7:earn", { status: "pending", availableAt: release })),
    );
    expect(await balanceOf(c)).toMatchObject({ available: 0, pending: 100 });
    const released = await test.db.transaction((tx) => releasePendingEntry(tx, shopId, pending.id, release));
    const again = await test.db.transaction((tx) => releasePendingEntry(tx, shopId, pending.id, release));
    expect([released.changed, again.changed]).toEqual([true, false]);
    expect(await balanceOf(c)).toMatchObject({ available: 100, pending: 0 });
  });

  it('"Pending points are voided rather than clawed back"', async () => {
    const c = await newCustomer();
    const pending = requireEntry(
      await post(entry(c, "order:8:earn", { status: "pending", availableAt: at })),
    );
    await test.db.transaction((tx) => voidPendingEntry(tx, shopId, pending.id, at));
    // a voided entry can no longer be released
    const late = await test.db.transaction((tx) => releasePendingEntry(tx, shopId, pending.id, at));
    expect(late.changed).toBe(false);
    expect(await balanceOf(c)).toMatchObject({ available: 0, pending: 0, lifetimeEarned: 0 });
    expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
  });

  it("restarts the expiry clock on earning and redeeming, not on adjustments", async () => {
    const c = await newCustomer();
    await post(entry(c, "order:9:earn", { occurredAt: new Date("2026-01-01T00:00:00Z") }));
    await post(
      entry(c, "adjust:9", {
        kind: "adjust",
        amount: 5,
        sourceType: "staff",
        reason: "goodwill",
        occurredAt: new Date("2026-03-01T00:00:00Z"),
      }),
    );
    const [row] = await test.db.select().from(customers).where(eq(customers.id, c));
    expect(row!.lastActivityAt?.toISOString()).toBe("2026-01-01T00:00:00.000Z");
  });

  it("refuses a zero or fractional amount", async () => {
    const c = await newCustomer();
    await expect(post(entry(c, "bad:1", { amount: 0 }))).rejects.toThrow(RangeError);
    await expect(post(entry(c, "bad:2", { amount: 1.5 }))).rejects.toThrow(RangeError);
  });
});
