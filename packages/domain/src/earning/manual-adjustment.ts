import { assertInteger } from "../money";
import type { EarnDecision } from "./decision";
import { noAward } from "./decision";
import { adjustmentKey } from "./idempotency-keys";

export interface ManualAdjustmentInput {
  customerId: string;
  /** Signed: staff may add or remove points. */
  points: number;
  reason: string;
  staffMemberId: string;
  /** The admin form's request id, so a double-click or retry posts one row. */
  requestId: string;
  availablePoints: number;
}

export interface ManualAdjustment {
  outcome: "award";
  points: number;
  idempotencyKey: string;
  /** Trimmed; stored on the ledger row and in the audit log. */
  reason: string;
  staffMemberId: string;
  customerId: string;
}

export type ManualAdjustmentRefusal = "reason_required" | "zero_points" | "exceeds_available_balance";

/**
 * A staff adjustment needs a non-empty reason (audit-logged with the staff member). A deduction
 * may not exceed the available balance: only clawbacks create debt, so a typo cannot put a
 * customer into debt (staff who really mean it deduct the balance and note the rest).
 */
export function decideManualAdjustment(
  input: ManualAdjustmentInput,
): EarnDecision<ManualAdjustmentRefusal, ManualAdjustment> {
  assertInteger(input.points, "points");
  assertInteger(input.availablePoints, "availablePoints");
  const reason = input.reason.trim();
  if (reason === "") return noAward("reason_required");
  if (input.points === 0) return noAward("zero_points");
  if (input.points < 0 && -input.points > Math.max(0, input.availablePoints)) {
    return noAward("exceeds_available_balance");
  }
  return {
    outcome: "award",
    points: input.points,
    idempotencyKey: adjustmentKey(input.requestId),
    reason,
    staffMemberId: input.staffMemberId,
    customerId: input.customerId,
  };
}
