import type { ReferralStatus } from "./types";

/** The referral fields attribution reads. */
export interface ReferralCandidate {
  id: number;
  status: ReferralStatus;
  advocateCustomerId: number;
  friendCustomerId: number | null;
  friendEmailHash: string | null;
  createdAt: Date;
}

export interface PaidOrderForAttribution {
  orderId: number;
  /** Null for a guest checkout. */
  customerId: number | null;
  /** Keyed hash of the order's e-mail. */
  emailHash: string | null;
  cancelled: boolean;
}

/**
 * §9 "The referral completes when the friend's first paid order arrives". Which referral an order
 * completes — rules chosen:
 * - only a `pending` referral can be completed, so only the first paid order after the referral
 *   matches (whether the friend had bought *before* being referred is a fraud signal, not a filter);
 * - a cancelled order completes nothing;
 * - a referral tied to the order's customer wins over one matched only by e-mail hash (a friend who
 *   checked out as a guest);
 * - among several, the earliest referral wins (the advocate who brought the friend first), then the lowest id.
 */
export function attributeReferral(
  order: PaidOrderForAttribution,
  candidates: readonly ReferralCandidate[],
): ReferralCandidate | null {
  if (order.cancelled) return null;
  const rank = (r: ReferralCandidate): number | null => {
    if (r.status !== "pending") return null;
    if (order.customerId !== null && r.friendCustomerId === order.customerId) return 0;
    if (order.emailHash !== null && r.friendEmailHash === order.emailHash) return 1;
    return null;
  };
  let best: { r: ReferralCandidate; rank: number } | null = null;
  for (const r of candidates) {
    const k = rank(r);
    if (k === null) continue;
    if (
      !best ||
      k < best.rank ||
      (k === best.rank &&
        (r.createdAt.getTime() < best.r.createdAt.getTime() ||
          (r.createdAt.getTime() === best.r.createdAt.getTime() && r.id < best.r.id)))
    ) {
      best = { r, rank: k };
    }
  }
  return best?.r ?? null;
}
