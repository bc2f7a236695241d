import type { TenancyCase } from "../../testing/tenancy-case";

/**
 * Shop A's associate aims at shop B's customer and reward ids. The redeem inputs carry
 * `chosenPoints` for B's fixed-amount reward on purpose: refused with a 400 even in the caller's
 * own shop, so the fuzz sweep (no Shopify stand-in there) never creates a real code by chance.
 */
export const tenancyCases: TenancyCase[] = [
  {
    path: "pos.lookupCustomer",
    type: "query",
    input: (victim) => ({ shopifyCustomerId: victim.shopifyCustomerId }),
  },
  {
    path: "pos.redeem",
    type: "mutation",
    input: (victim) => ({
      customerId: victim.customerId,
      rewardId: victim.rewardId,
      requestKey: "tenancy-pos-redeem-0001",
      cartSubtotalMinor: 10_000,
      chosenPoints: 500,
    }),
  },
  {
    path: "pos.award",
    type: "mutation",
    input: (victim) => ({
      customerId: victim.customerId,
      points: 50,
      reason: "tenancy",
      requestKey: "tenancy-pos-award-0001",
    }),
  },
  {
    path: "pos.syncOffline",
    type: "mutation",
    input: (victim) => ({
      actions: [
        {
          type: "earn",
          key: "tenancy-pos-sync-0001",
          recordedAt: new Date().toISOString(),
          customerId: victim.customerId,
          points: 50,
          reason: "tenancy",
        },
      ],
    }),
  },
];
