import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../time";
import { lastActivityAfter } from "./activity";
import { decideExpiry, decideExpiryWarning } from "./decision";
import type { ExpiryPolicy } from "./policy";
import { expiryDueAt, warningDueAt } from "./schedule";

const yearly: ExpiryPolicy = { kind: "inactivity", inactivityDays: 365 };
const last = new Date("2025-06-01T10:00:00Z");
const balance = { customerId: "c1", availablePoints: 1200, pendingPoints: 300 };

describe("expiry", () => {
  it('"Per-shop policy: none (default)"', () => {
    expect(expiryDueAt(last, { kind: "none" })).toBeNull();
    expect(decideExpiry(balance, last, addDays(last, 5000), { kind: "none" })).toEqual({
      outcome: "keep",
      reason: "policy_none",
    });
  });

  it('"when a customer has neither earned nor redeemed for N days (e.g. 365), the whole available balance expires as one expire row"', () => {
    expect(expiryDueAt(last, yearly)?.toISOString()).toBe("2026-06-01T10:00:00.000Z");
    expect(decideExpiry(balance, last, new Date("2026-06-01T09:59:59Z"), yearly)).toEqual({
      outcome: "keep",
      reason: "not_due",
    });
    expect(decideExpiry(balance, last, new Date("2026-06-01T10:00:00Z"), yearly)).toEqual({
      outcome: "expire",
      points: 1200,
      dueAt: new Date("2026-06-01T10:00:00Z"),
      idempotencyKey: "expire:c1:2025-06-01T10:00:00.000Z",
    });
  });

  it('"A warning notification goes out 30 days before"', () => {
    expect(warningDueAt(last, yearly)?.toISOString()).toBe("2026-05-02T10:00:00.000Z");
    expect(decideExpiryWarning(balance, last, new Date("2026-05-02T09:59:59Z"), yearly)).toMatchObject({
      reason: "not_due",
    });
    expect(decideExpiryWarning(balance, last, new Date("2026-05-02T10:00:00Z"), yearly)).toEqual({
      outcome: "warn",
      points: 1200,
      expiresAt: new Date("2026-06-01T10:00:00Z"),
      idempotencyKey: "expiry-warning:c1:2025-06-01T10:00:00.000Z",
    });
    expect(warningDueAt(last, { ...yearly, warningDaysBefore: 7 })?.toISOString()).toBe(
      "2026-05-25T10:00:00.000Z",
    );
  });

  it('"any earning or redemption in between resets the clock"', () => {
    const earned = lastActivityAfter(last, {
      kind: "earn",
      points: 50,
      createdAt: new Date("2026-05-10T00:00:00Z"),
    });
    expect(earned.toISOString()).toBe("2026-05-10T00:00:00.000Z");
    expect(decideExpiry(balance, earned, new Date("2026-06-01T10:00:00Z"), yearly)).toMatchObject({
      reason: "not_due",
    });
    const redeemed = lastActivityAfter(last, {
      kind: "redeem",
      points: -500,
      createdAt: new Date("2026-05-10T00:00:00Z"),
    });
    expect(redeemed).toEqual(earned);
    // A clawback, a staff adjustment or a returned reservation is not the customer's activity.
    for (const kind of ["refund_clawback", "adjust", "reversal", "expire", "import"] as const) {
      expect(lastActivityAfter(last, { kind, points: 10, createdAt: new Date("2026-05-10T00:00:00Z") })).toBe(
        last,
      );
    }
  });

  it('"Pending points and debts never expire"', () => {
    const onlyPending = { customerId: "c1", availablePoints: 0, pendingPoints: 800 };
    expect(decideExpiry(onlyPending, last, addDays(last, 400), yearly)).toEqual({
      outcome: "keep",
      reason: "nothing_available",
    });
    const inDebt = { customerId: "c1", availablePoints: -250, pendingPoints: 100 };
    expect(decideExpiry(inDebt, last, addDays(last, 400), yearly)).toEqual({
      outcome: "keep",
      reason: "in_debt",
    });
    expect(decideExpiryWarning(inDebt, last, addDays(last, 340), yearly)).toMatchObject({
      reason: "in_debt",
    });
  });

  it("expires exactly the available balance, never pending points, never more than there is", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10_000, max: 1_000_000 }),
        fc.nat(1_000_000),
        fc.integer({ min: 1, max: 2000 }),
        fc.nat(4000),
        (available, pending, days, elapsed) => {
          const policy: ExpiryPolicy = { kind: "inactivity", inactivityDays: days };
          const d = decideExpiry(
            { customerId: "c", availablePoints: available, pendingPoints: pending },
            last,
            addDays(last, elapsed),
            policy,
          );
          if (d.outcome === "expire") {
            expect(d.points).toBe(available);
            expect(d.points).toBeGreaterThan(0);
            expect(elapsed).toBeGreaterThanOrEqual(days);
          } else {
            expect(available <= 0 || elapsed < days).toBe(true);
          }
        },
      ),
    );
  });
});
