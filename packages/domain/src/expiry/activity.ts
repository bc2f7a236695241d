/** Ledger row kinds (spec §3). */
export type LedgerKind = "earn" | "redeem" | "refund_clawback" | "expire" | "adjust" | "import" | "reversal";

/**
 * Only a customer's own activity resets the inactivity clock: earning (any `earn` row, pending or
 * not, including signup or birthday points) and redeeming. Staff adjustments, imports, clawbacks,
 * reversals of failed redemptions and the expiry itself do not; an import sets the first clock
 * through the member's imported last-activity date instead.
 */
export function resetsExpiryClock(kind: LedgerKind, points: number): boolean {
  if (kind === "earn") return points > 0;
  if (kind === "redeem") return points < 0;
  return false;
}

/** The customer's last activity after a new ledger row is written. */
export function lastActivityAfter(
  lastActivityAt: Date,
  entry: { kind: LedgerKind; points: number; createdAt: Date },
): Date {
  if (!resetsExpiryClock(entry.kind, entry.points)) return lastActivityAt;
  return entry.createdAt.getTime() > lastActivityAt.getTime() ? entry.createdAt : lastActivityAt;
}
