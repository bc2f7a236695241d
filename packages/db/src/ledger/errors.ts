/** A debit that would take the available balance below zero (only clawbacks may create a debt). */
export class InsufficientPointsError extends Error {
  override name = "InsufficientPointsError";
  constructor(
    readonly available: number,
    readonly requested: number,
  ) {
    super(`Not enough points: ${available} available, ${requested} needed`);
  }
}

/** An idempotency key reused for a different operation: a caller bug, never silently accepted. */
export class IdempotencyConflictError extends Error {
  override name = "IdempotencyConflictError";
  constructor(readonly idempotencyKey: string) {
    super(`Idempotency key "${idempotencyKey}" was already used for a different ledger entry`);
  }
}

export class LedgerEntryNotFoundError extends Error {
  override name = "LedgerEntryNotFoundError";
  constructor(readonly entryId: number) {
    super(`Ledger entry ${entryId} does not exist in this shop`);
  }
}
