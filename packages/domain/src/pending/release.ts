import { addDays } from "../time";
import type { PendingSettings } from "./pending-settings";
import { assertPendingSettings, DEFAULT_PENDING_SETTINGS } from "./pending-settings";

export type PendingStatus = "pending" | "available";

export interface PendingState {
  status: PendingStatus;
  /** When the points become (or became) available. */
  releaseAt: Date;
}

/**
 * Release instant: `pendingDays` × 24 h after the points were earned (the `orders/paid` time).
 * Counted in elapsed time rather than shop calendar days: a return window is a duration, and
 * the release job compares instants. With 0 days the points are available at once.
 */
export function pendingReleaseAt(earnedAt: Date, settings: PendingSettings = DEFAULT_PENDING_SETTINGS): Date {
  assertPendingSettings(settings);
  return addDays(earnedAt, settings.pendingDays);
}

/** Pending until the release instant, available from it on (inclusive). */
export function pendingStateAt(
  earnedAt: Date,
  now: Date,
  settings: PendingSettings = DEFAULT_PENDING_SETTINGS,
): PendingState {
  const releaseAt = pendingReleaseAt(earnedAt, settings);
  return { status: now.getTime() >= releaseAt.getTime() ? "available" : "pending", releaseAt };
}

export interface PendingEntry {
  entryId: string;
  points: number;
  releaseAt: Date;
}

/** The pending entries the release job should make available at `now` (oldest first). */
export function entriesDueForRelease<E extends PendingEntry>(entries: readonly E[], now: Date): E[] {
  return entries
    .filter((e) => e.releaseAt.getTime() <= now.getTime())
    .sort((a, b) => a.releaseAt.getTime() - b.releaseAt.getTime() || (a.entryId < b.entryId ? -1 : 1));
}

/** Idempotency key of the row that makes an entry available. */
export const pendingReleaseKey = (entryId: string) => `release:${entryId}`;
