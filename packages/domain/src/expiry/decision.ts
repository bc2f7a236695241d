import { assertInteger } from "../money";
import type { ExpiryPolicy } from "./policy";
import { expiryDueAt, warningDueAt } from "./schedule";

export interface ExpiryBalance {
  customerId: string;
  /** May be negative (a debt). */
  availablePoints: number;
  pendingPoints: number;
}

export type KeepReason = "policy_none" | "not_due" | "nothing_available" | "in_debt";

export type ExpiryDecision =
  | {
      outcome: "expire";
      /** The whole available balance, written as one `expire` row of −points. */
      points: number;
      dueAt: Date;
      idempotencyKey: string;
    }
  | { outcome: "keep"; reason: KeepReason };

/**
 * Keyed by customer and the activity instant that started the inactivity period: the nightly job
 * can run any number of times for one period and expire once, while a new period (after new
 * activity) gets a new key.
 */
export const expiryKey = (customerId: string, lastActivityAt: Date) =>
  `expire:${customerId}:${lastActivityAt.toISOString()}`;
export const expiryWarningKey = (customerId: string, lastActivityAt: Date) =>
  `expiry-warning:${customerId}:${lastActivityAt.toISOString()}`;

/**
 * Whether the customer's available balance expires at `now`. Pending points never expire (they
 * are not the customer's to spend yet), and neither does a debt: a negative balance is kept.
 */
export function decideExpiry(
  balance: ExpiryBalance,
  lastActivityAt: Date,
  now: Date,
  policy: ExpiryPolicy,
): ExpiryDecision {
  assertInteger(balance.availablePoints, "availablePoints");
  const dueAt = expiryDueAt(lastActivityAt, policy);
  if (!dueAt) return { outcome: "keep", reason: "policy_none" };
  if (now.getTime() < dueAt.getTime()) return { outcome: "keep", reason: "not_due" };
  if (balance.availablePoints < 0) return { outcome: "keep", reason: "in_debt" };
  if (balance.availablePoints === 0) return { outcome: "keep", reason: "nothing_available" };
  return {
    outcome: "expire",
    points: balance.availablePoints,
    dueAt,
    idempotencyKey: expiryKey(balance.customerId, lastActivityAt),
  };
}

export type WarningDecision =
  | { outcome: "warn"; points: number; expiresAt: Date; idempotencyKey: string }
  | { outcome: "skip"; reason: KeepReason | "expiry_passed" };

/**
 * Whether to send the "points about to expire" e-mail at `now`: inside the warning window and
 * only when there is a positive available balance to lose. Once expiry is due the expiry itself
 * runs instead of a warning.
 */
export function decideExpiryWarning(
  balance: ExpiryBalance,
  lastActivityAt: Date,
  now: Date,
  policy: ExpiryPolicy,
): WarningDecision {
  const expiresAt = expiryDueAt(lastActivityAt, policy);
  const warnAt = warningDueAt(lastActivityAt, policy);
  if (!expiresAt || !warnAt) return { outcome: "skip", reason: "policy_none" };
  if (now.getTime() < warnAt.getTime()) return { outcome: "skip", reason: "not_due" };
  if (now.getTime() >= expiresAt.getTime()) return { outcome: "skip", reason: "expiry_passed" };
  if (balance.availablePoints < 0) return { outcome: "skip", reason: "in_debt" };
  if (balance.availablePoints === 0) return { outcome: "skip", reason: "nothing_available" };
  return {
    outcome: "warn",
    points: balance.availablePoints,
    expiresAt,
    idempotencyKey: expiryWarningKey(balance.customerId, lastActivityAt),
  };
}
