import type { ReferralStatus } from "./types";

/**
 * §9 "States: `pending` → `completed` | `flagged` → `approved` | `rejected`; `completed` → `reversed`."
 * Rule added: an `approved` referral (a flagged one the merchant let through) was rewarded exactly
 * like a completed one, so it can be reversed too. `rejected` and `reversed` are final.
 */
export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  pending: ["completed", "flagged"],
  flagged: ["approved", "rejected"],
  completed: ["reversed"],
  approved: ["reversed"],
  rejected: [],
  reversed: [],
};

export class IllegalReferralTransitionError extends Error {
  constructor(
    readonly from: ReferralStatus,
    readonly to: ReferralStatus,
  ) {
    super(`a referral cannot go from ${from} to ${to}`);
    this.name = "IllegalReferralTransitionError";
  }
}

export const canTransitionReferral = (from: ReferralStatus, to: ReferralStatus) =>
  REFERRAL_TRANSITIONS[from].includes(to);

/** Returns `to`, or throws `IllegalReferralTransitionError`. */
export function transitionReferral(from: ReferralStatus, to: ReferralStatus): ReferralStatus {
  if (!canTransitionReferral(from, to)) throw new IllegalReferralTransitionError(from, to);
  return to;
}

/** Statuses in which the advocate has been rewarded (and which count toward the monthly limit). */
export const isRewardedReferralStatus = (s: ReferralStatus) => s === "completed" || s === "approved";
