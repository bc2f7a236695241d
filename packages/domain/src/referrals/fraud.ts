import { DAY_MS, toLocalDate } from "../time";
import { DEFAULT_FRAUD_SCORE_THRESHOLD, DEFAULT_REFERRAL_MONTHLY_LIMIT } from "./types";

/** §9's fraud rules, one reason each (stored in `referrals.fraud_reasons`). */
export type ReferralFraudReason =
  | "friend_is_advocate"
  | "same_email_as_advocate"
  | "same_shipping_address_as_advocate"
  | "friend_not_new_customer"
  | "same_fingerprint_as_advocate_within_24h"
  | "advocate_monthly_limit_exceeded";

/**
 * Points each reason adds to the 0–100 score (capped at 100). Rule chosen: every rule alone reaches
 * the default review threshold (50), so by default any hit sends the referral to review — the spec
 * lists them all as fraud signals. Stronger evidence weighs more, so a merchant who raises the
 * threshold (e.g. to tolerate households sharing an IP) still catches the certain cases.
 */
export const FRAUD_REASON_WEIGHTS: Readonly<Record<ReferralFraudReason, number>> = {
  friend_is_advocate: 100,
  same_email_as_advocate: 90,
  same_shipping_address_as_advocate: 70,
  friend_not_new_customer: 60,
  same_fingerprint_as_advocate_within_24h: 50,
  advocate_monthly_limit_exceeded: 50,
};

/** A hashed device/IP sighting (a referral visit, or the advocate's own storefront session). */
export interface Fingerprint {
  ipHash: string | null;
  userAgentHash: string | null;
  at: Date;
}

export interface ReferralParty {
  customerId: number | null;
  emailHash: string | null;
  shippingAddressHash: string | null;
  fingerprints: readonly Fingerprint[];
}

export interface ReferralFraudInput {
  advocate: ReferralParty & { customerId: number };
  friend: ReferralParty;
  /** Paid (not cancelled) orders the friend placed before the one completing the referral. */
  friendPriorPaidOrders: number;
  /** The advocate's referrals already completed (or approved) in the shop-time calendar month of this one. */
  advocateCompletedThisMonth: number;
  monthlyLimit?: number;
}

export interface ReferralFraudAssessment {
  /** 0–100. */
  score: number;
  reasons: ReferralFraudReason[];
}

const FINGERPRINT_WINDOW_MS = DAY_MS;

const sameHash = (a: string | null, b: string | null) => a !== null && b !== null && a === b;

/**
 * "the same device/IP fingerprint as the advocate within 24 h". Rule chosen: the fingerprint is the
 * hashed IP (a user agent alone is shared by millions of browsers and is not evidence); a match
 * counts when the two sightings are at most 24 hours apart, in either order.
 */
export function sharesFingerprintWithin24h(a: readonly Fingerprint[], b: readonly Fingerprint[]): boolean {
  return a.some((x) =>
    b.some(
      (y) =>
        sameHash(x.ipHash, y.ipHash) && Math.abs(x.at.getTime() - y.at.getTime()) <= FINGERPRINT_WINDOW_MS,
    ),
  );
}

/**
 * §9 "Fraud rules produce a score and a reason list". Reasons are listed in the order of
 * `FRAUD_REASON_WEIGHTS`, so the same facts always give the same list.
 */
export function assessReferralFraud(input: ReferralFraudInput): ReferralFraudAssessment {
  const { advocate, friend } = input;
  const limit = input.monthlyLimit ?? DEFAULT_REFERRAL_MONTHLY_LIMIT;
  const hits: Record<ReferralFraudReason, boolean> = {
    friend_is_advocate: friend.customerId !== null && friend.customerId === advocate.customerId,
    same_email_as_advocate: sameHash(friend.emailHash, advocate.emailHash),
    same_shipping_address_as_advocate: sameHash(friend.shippingAddressHash, advocate.shippingAddressHash),
    friend_not_new_customer: input.friendPriorPaidOrders > 0,
    same_fingerprint_as_advocate_within_24h: sharesFingerprintWithin24h(
      friend.fingerprints,
      advocate.fingerprints,
    ),
    // "more than N": this one would be number count + 1.
    advocate_monthly_limit_exceeded: input.advocateCompletedThisMonth + 1 > limit,
  };
  const reasons = (Object.keys(FRAUD_REASON_WEIGHTS) as ReferralFraudReason[]).filter((r) => hits[r]);
  const score = Math.min(
    100,
    reasons.reduce((sum, r) => sum + FRAUD_REASON_WEIGHTS[r], 0),
  );
  return { score, reasons };
}

/** A score at or above the shop's threshold goes to the review queue instead of completing. */
export const isFlaggedScore = (score: number, threshold = DEFAULT_FRAUD_SCORE_THRESHOLD) =>
  score >= threshold;

/**
 * How many of the advocate's completions fall in the calendar month (shop time zone, §2 "monthly")
 * that contains `at`.
 */
export function completionsInSameMonth(completedAts: readonly Date[], at: Date, timeZone: string): number {
  const month = toLocalDate(at, timeZone);
  return completedAts.filter((d) => {
    const local = toLocalDate(d, timeZone);
    return local.year === month.year && local.month === month.month;
  }).length;
}
