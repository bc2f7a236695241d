import type { TenancyCase } from "../../../testing/tenancy-case";

/** Shop B's flagged referral addressed with shop A's credential: not found and not rewarded. */
export const tenancyCases: TenancyCase[] = [
  { path: "admin.referrals.list", type: "query", input: () => ({ status: "flagged" }) },
  { path: "admin.referrals.reviewQueue", type: "query", input: () => ({}) },
  {
    path: "admin.referrals.review",
    type: "mutation",
    input: (v) => ({ referralId: v.referralId, decision: "approve" }),
  },
];
