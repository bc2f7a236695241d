import { addDays } from "../time";
import type { ExpiryPolicy } from "./policy";
import { assertExpiryPolicy, DEFAULT_EXPIRY_WARNING_DAYS } from "./policy";

/**
 * When the available balance expires: `inactivityDays` × 24 h after the last earning or
 * redemption (elapsed time, like the pending window). Null when the shop's policy is `none`.
 */
export function expiryDueAt(lastActivityAt: Date, policy: ExpiryPolicy): Date | null {
  assertExpiryPolicy(policy);
  if (policy.kind === "none") return null;
  return addDays(lastActivityAt, policy.inactivityDays);
}

/**
 * When the "points about to expire" warning goes out: `warningDaysBefore` (30) days before expiry,
 * but never before the last activity itself (a warning longer than the inactivity period is sent
 * straight away).
 */
export function warningDueAt(lastActivityAt: Date, policy: ExpiryPolicy): Date | null {
  const due = expiryDueAt(lastActivityAt, policy);
  if (!due || policy.kind === "none") return null;
  const warning = addDays(due, -(policy.warningDaysBefore ?? DEFAULT_EXPIRY_WARNING_DAYS));
  return warning.getTime() < lastActivityAt.getTime() ? lastActivityAt : warning;
}
