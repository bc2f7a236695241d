/** Referral vocabulary, mirroring the `referrals` table and the `referral_status` enum of packages/db. */
export type ReferralStatus = "pending" | "completed" | "flagged" | "approved" | "rejected" | "reversed";

/** §9 "If that order is fully refunded within the reversal window (default 30 days)". */
export const DEFAULT_REFERRAL_REVERSAL_WINDOW_DAYS = 30;
/** §9 "more than N completed referrals per advocate per month (default 20)". */
export const DEFAULT_REFERRAL_MONTHLY_LIMIT = 20;
/** `shop_settings.config.referrals.fraudScoreThreshold` default: a score at or above it is flagged. */
export const DEFAULT_FRAUD_SCORE_THRESHOLD = 50;

/** The advocate's reward as configured in `shop_settings.config.referrals.advocateReward`. */
export type ReferralAdvocateReward =
  { type: "points"; points: number } | { type: "reward"; rewardId: number };

/** A keyed hash (HMAC or the blind-index hasher) supplied by the caller; the domain never sees the key. */
export type HashFn = (value: string) => string;
