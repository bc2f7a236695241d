import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyClawback, splitCredit } from "./debt";

describe("debt", () => {
  it('"A clawback may (a debt)": it can drive the available balance below zero', () => {
    expect(applyClawback(100, 400)).toEqual({ availableAfter: -300, debtCreated: 300 });
    expect(applyClawback(-50, 20)).toEqual({ availableAfter: -70, debtCreated: 20 });
    expect(applyClawback(500, 400)).toEqual({ availableAfter: 100, debtCreated: 0 });
  });

  it('"later earning pays the debt first"', () => {
    expect(splitCredit(-300, 200)).toEqual({ debtRepaid: 200, spendable: 0, availableAfter: -100 });
    expect(splitCredit(-300, 500)).toEqual({ debtRepaid: 300, spendable: 200, availableAfter: 200 });
    expect(splitCredit(50, 100)).toEqual({ debtRepaid: 0, spendable: 100, availableAfter: 150 });
  });

  it("a credit is fully accounted for: repaid + spendable = credit", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.nat(1_000_000), (balance, credit) => {
        const split = splitCredit(balance, credit);
        expect(split.debtRepaid + split.spendable).toBe(credit);
        expect(split.availableAfter).toBe(balance + credit);
        expect(split.spendable).toBe(Math.max(0, split.availableAfter) - Math.max(0, balance));
      }),
    );
  });
});
