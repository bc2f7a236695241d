import type { TenancyCase } from "../../../testing/tenancy-case";

/** Settings have no row ids: the shop is the credential's. Referral rewards of another shop are not found. */
export const tenancyCases: TenancyCase[] = [
  { path: "admin.settings.get", type: "query", input: () => ({}) },
  {
    path: "admin.settings.update",
    type: "mutation",
    input: (victim) => ({ config: { referrals: { friendRewardId: victim.rewardId } } }),
  },
];
