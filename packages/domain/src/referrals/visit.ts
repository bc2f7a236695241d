import type { HashFn } from "./types";

/**
 * Hashing of the visit fingerprint. Each value is prefixed with its kind before hashing so an IP
 * can never collide with a user agent, and normalised first (trimmed; IPs lower-cased, which matters
 * for IPv6) so the same device always gives the same hash. Every call site — recording a visit,
 * recording the advocate's own sessions for the fraud check — must use these two helpers.
 */
export function hashIp(ip: string | null | undefined, hash: HashFn): string | null {
  const value = ip?.trim().toLowerCase();
  return value ? hash(`ip:${value}`) : null;
}

export function hashUserAgent(userAgent: string | null | undefined, hash: HashFn): string | null {
  const value = userAgent?.trim();
  return value ? hash(`ua:${value}`) : null;
}

export interface ReferralVisitInput {
  referralCodeId: number;
  /** The anonymous visitor cookie, so the later sign-up / order can be tied back to the visit. */
  visitorToken: string;
  ip: string | null;
  userAgent: string | null;
  at: Date;
}

/** A `referral_visits` row: the raw IP and user agent never leave this function. */
export interface ReferralVisitRecord {
  referralCodeId: number;
  visitorToken: string;
  ipHash: string | null;
  userAgentHash: string | null;
  createdAt: Date;
}

/** §9 "A visit with `?ref=CODE` is recorded (hashed IP and user agent, never raw)". */
export function buildReferralVisit(input: ReferralVisitInput, hash: HashFn): ReferralVisitRecord {
  if (!input.visitorToken) throw new RangeError("a referral visit needs a visitor token");
  return {
    referralCodeId: input.referralCodeId,
    visitorToken: input.visitorToken,
    ipHash: hashIp(input.ip, hash),
    userAgentHash: hashUserAgent(input.userAgent, hash),
    createdAt: input.at,
  };
}
