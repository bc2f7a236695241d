import { assertInteger } from "../money";

/** A negative available balance is a debt; a positive one owes nothing. */
export const debtOf = (availablePoints: number) => Math.max(0, -availablePoints);

export interface CreditSplit {
  /** Part of the credit that pays the customer's debt. */
  debtRepaid: number;
  /** Part of the credit the customer can spend. */
  spendable: number;
  availableAfter: number;
}

/**
 * Later earning pays the debt first: a credit to an available balance of −300 repays 300 before
 * any of it becomes spendable. The ledger still writes one row for the credit; this split is what
 * the shopper is told ("100 points earned, 100 repaid your balance").
 */
export function splitCredit(availablePoints: number, creditPoints: number): CreditSplit {
  assertInteger(availablePoints, "availablePoints");
  assertInteger(creditPoints, "creditPoints");
  if (creditPoints < 0) throw new RangeError("a credit must not be negative");
  const debtRepaid = Math.min(creditPoints, debtOf(availablePoints));
  return { debtRepaid, spendable: creditPoints - debtRepaid, availableAfter: availablePoints + creditPoints };
}

export interface ClawbackOutcome {
  availableAfter: number;
  /** Debt this clawback added (0 when the balance covered it). */
  debtCreated: number;
}

/** A clawback is taken in full even when it drives the available balance negative (a debt). */
export function applyClawback(availablePoints: number, clawbackPoints: number): ClawbackOutcome {
  assertInteger(availablePoints, "availablePoints");
  assertInteger(clawbackPoints, "clawbackPoints");
  if (clawbackPoints < 0) throw new RangeError("a clawback must not be negative");
  const availableAfter = availablePoints - clawbackPoints;
  return { availableAfter, debtCreated: debtOf(availableAfter) - debtOf(availablePoints) };
}
