/**
 * A redemption is a reservation, never a burn: `reserved` (points debited) → `issued` (the
 * Shopify code or store credit exists) → `used` (an order used the code), or → `released`
 * (points returned by a `reversal` row): when Shopify fails, when the code expires unused, or
 * when staff cancel an unused code. `used` and `released` are final.
 */
export type RedemptionState = "reserved" | "issued" | "used" | "released";

export type RedemptionEvent =
  /** The discount code / store credit was created in Shopify. */
  | "shopify_succeeded"
  /** Creating it failed: the shopper sees an error and gets the points back. */
  | "shopify_failed"
  /** An `orders/paid` webhook shows the code used. */
  | "code_used"
  /** The code expired unused (and the shop returns points for that, the default). */
  | "code_expired"
  /** Staff cancelled an issued, unused code. */
  | "cancelled";

const TRANSITIONS: Record<RedemptionState, Partial<Record<RedemptionEvent, RedemptionState>>> = {
  reserved: { shopify_succeeded: "issued", shopify_failed: "released" },
  issued: { code_used: "used", code_expired: "released", cancelled: "released" },
  used: {},
  released: {},
};

/** Events whose replay on the state they led to is a harmless no-op (a redelivered webhook). */
const REPLAYS: Record<RedemptionState, readonly RedemptionEvent[]> = {
  reserved: [],
  issued: ["shopify_succeeded"],
  used: ["code_used"],
  released: ["shopify_failed", "code_expired", "cancelled"],
};

export class IllegalRedemptionTransitionError extends Error {
  override readonly name = "IllegalRedemptionTransitionError";
  constructor(
    readonly from: RedemptionState,
    readonly event: RedemptionEvent,
  ) {
    super(`a ${from} redemption cannot take "${event}"`);
  }
}

export interface RedemptionTransition {
  state: RedemptionState;
  /** False for a replayed event: nothing to write. */
  changed: boolean;
  /** True when this transition must return the reserved points (a `reversal` row). */
  returnsPoints: boolean;
}

/**
 * The next state, or IllegalRedemptionTransitionError. Notably `used` never becomes `released`:
 * a refunded order whose reward code was used does not get the reward's points back. A Shopify
 * success arriving after the redemption was released is illegal too; the caller must then
 * delete the stray code.
 */
export function transitionRedemption(from: RedemptionState, event: RedemptionEvent): RedemptionTransition {
  const to = TRANSITIONS[from][event];
  if (to) return { state: to, changed: true, returnsPoints: to === "released" };
  if (REPLAYS[from].includes(event)) return { state: from, changed: false, returnsPoints: false };
  throw new IllegalRedemptionTransitionError(from, event);
}

export interface UnusedCodeExpirySettings {
  /** Return the points of a code that expires unused (per shop, default on). */
  returnPointsOnExpiry: boolean;
}

export const DEFAULT_UNUSED_CODE_EXPIRY_SETTINGS: UnusedCodeExpirySettings = { returnPointsOnExpiry: true };

export type UnusedCodeExpiryAction =
  | { action: "none"; reason: "not_issued" | "not_expired" | "never_expires" }
  /** Delete the code in Shopify and release the redemption (points returned). */
  | { action: "delete_code_and_release" }
  /**
   * Delete the code; the points stay spent because the shop turned the return off. The
   * redemption stays `issued` (nothing was used or returned), so the caller records the
   * deletion (e.g. a code_deleted_at column) and the sweep skips it from then on.
   */
  | { action: "delete_code_only" };

/** What the daily sweep does with a redemption whose code may have expired unused. */
export function decideUnusedCodeExpiry(
  redemption: { state: RedemptionState; codeExpiresAt: Date | null },
  now: Date,
  settings: UnusedCodeExpirySettings = DEFAULT_UNUSED_CODE_EXPIRY_SETTINGS,
): UnusedCodeExpiryAction {
  if (redemption.state !== "issued") return { action: "none", reason: "not_issued" };
  if (redemption.codeExpiresAt === null) return { action: "none", reason: "never_expires" };
  if (now.getTime() < redemption.codeExpiresAt.getTime()) return { action: "none", reason: "not_expired" };
  return settings.returnPointsOnExpiry
    ? { action: "delete_code_and_release" }
    : { action: "delete_code_only" };
}
