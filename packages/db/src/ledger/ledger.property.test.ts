import { and, count, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pointBalances, pointsLedger } from "../schema";
import { createTestDatabase, insertTestCustomer, insertTestShop, type TestDatabase } from "../testing";
import { findBalanceMismatches } from "./invariants";
import { releasePendingEntry, voidPendingEntry } from "./pending";
import { postLedgerEntry, requireEntry } from "./post-entry";

let test: TestDatabase;
let shopId: string;
beforeAll(async () => {
  test = await createTestDatabase("ledger_property");
  shopId = (await insertTestShop(test.db)).id;
});
afterAll(() => test.drop());

type Op =
  | { t: "earn"; amount: number; pending: boolean }
  | { t: "redeem"; amount: number }
  | { t: "clawback"; amount: number }
  | { t: "settle"; target: number; to: "release" | "void" };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    t: fc.constant("earn" as const),
    amount: fc.integer({ min: 1, max: 500 }),
    pending: fc.boolean(),
  }),
  fc.record({ t: fc.constant("redeem" as const), amount: fc.integer({ min: 1, max: 400 }) }),
  fc.record({ t: fc.constant("clawback" as const), amount: fc.integer({ min: 1, max: 200 }) }),
  fc.record({
    t: fc.constant("settle" as const),
    target: fc.nat(30),
    to: fc.constantFrom("release" as const, "void" as const),
  }),
);

const at = new Date("2026-05-01T00:00:00Z");

/** Applies the sequence; returns the ids of the pending entries it created, in order. */
async function run(customerId: number, ops: Op[]): Promise<void> {
  const pendingIds: number[] = [];
  for (const [i, o] of ops.entries()) {
    const key = `c${customerId}:op${i}`;
    await test.db.transaction(async (tx) => {
      if (o.t === "settle") {
        const id = pendingIds[o.target % Math.max(1, pendingIds.length)];
        if (id === undefined) return;
        await (o.to === "release" ? releasePendingEntry : voidPendingEntry)(tx, shopId, id, at);
        return;
      }
      const base = { customerId, idempotencyKey: key, occurredAt: at, sourceId: key };
      const result = await postLedgerEntry(
        tx,
        shopId,
        o.t === "earn"
          ? {
              ...base,
              kind: "earn",
              amount: o.amount,
              status: o.pending ? "pending" : "available",
              sourceType: "order",
            }
          : o.t === "redeem"
            ? { ...base, kind: "redeem", amount: -o.amount, status: "available", sourceType: "redemption" }
            : {
                ...base,
                kind: "refund_clawback",
                amount: -o.amount,
                status: "available",
                sourceType: "refund",
              },
      );
      if (o.t === "earn" && o.pending) pendingIds.push(requireEntry(result).id);
      if (o.t === "redeem" && result.outcome === "applied")
        expect(result.balance.available).toBeGreaterThanOrEqual(0);
    });
  }
}

async function state(customerId: number) {
  const [rows] = await test.db
    .select({ n: count() })
    .from(pointsLedger)
    .where(eq(pointsLedger.customerId, customerId));
  const [balance] = await test.db
    .select({ available: pointBalances.available, pending: pointBalances.pending })
    .from(pointBalances)
    .where(and(eq(pointBalances.shopId, shopId), eq(pointBalances.customerId, customerId)));
  return { rows: rows!.n, balance };
}

describe("ledger invariants under any sequence of operations", () => {
  it('"the invariant balance = sum(ledger) holds at every commit", and a replayed sequence changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), async (ops) => {
        const customer = await insertTestCustomer(test.db, shopId);
        await run(customer.id, ops);
        expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
        const before = await state(customer.id);
        await run(customer.id, ops);
        expect(await state(customer.id)).toEqual(before);
        expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });
});
