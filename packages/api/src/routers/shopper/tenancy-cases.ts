import type { TenancyCase } from "../../testing/tenancy-case";

/**
 * Shop A's shopper aims at shop B's rows. Shopper procedures take no customer id (the shopper is
 * the credential's), so the only foreign ids they can name are B's reward ids.
 *
 * `shopper.redeem` carries `chosenPoints` on purpose: B's reward is a fixed amount, so this input is
 * refused with a 400 even in the caller's own shop — the fuzz sweep (which spoils one field of this
 * input in a shop without a Shopify stand-in) can never create a real code by chance.
 */
export const tenancyCases: TenancyCase[] = [
  { path: "shopper.profile", type: "query", input: () => undefined },
  { path: "shopper.history", type: "query", input: () => ({ limit: 10 }) },
  { path: "shopper.redemptions", type: "query", input: () => ({ limit: 10 }) },
  {
    path: "shopper.redeem",
    type: "mutation",
    input: (victim) => ({ rewardId: victim.rewardId, requestKey: "tenancy-redeem-0001", chosenPoints: 500 }),
  },
  { path: "shopper.referral", type: "query", input: () => undefined },
  {
    path: "shopper.claimAction",
    type: "mutation",
    input: () => ({ action: "social", network: "instagram" }),
  },
  { path: "shopper.join", type: "mutation", input: () => ({}) },
];
