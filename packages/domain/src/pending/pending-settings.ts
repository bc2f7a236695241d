import { assertInteger } from "../money";

/**
 * How long points from an order wait before they can be spent. Matching the shop's return
 * window means a return inside it voids the points instead of clawing them back.
 */
export interface PendingSettings {
  pendingDays: number;
}

export const DEFAULT_PENDING_SETTINGS: PendingSettings = { pendingDays: 0 };

export function assertPendingSettings(settings: PendingSettings): void {
  assertInteger(settings.pendingDays, "pendingDays");
  if (settings.pendingDays < 0) throw new RangeError("pendingDays must not be negative");
}
