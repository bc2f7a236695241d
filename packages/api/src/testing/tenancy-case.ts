/**
 * The cross-tenant sweep (`src/routers/tenancy.test.ts`) calls every procedure with shop A's
 * credential and shop B's row ids, and checks that nothing of B leaks and nothing of B changes.
 * Each router folder lists its procedures' cases in `tenancy-cases.ts`; the sweep fails when a
 * procedure of the router has no case, so a new procedure cannot skip it.
 */

/** Row ids of the victim shop (B), seeded by `seedTenant`. */
export interface TenantIds {
  shopId: string;
  domain: string;
  customerId: number;
  shopifyCustomerId: string;
  /** A second customer of B (e.g. the friend of B's referral). */
  otherCustomerId: number;
  rewardId: number;
  tierId: number;
  campaignId: number;
  earningRuleId: number;
  /** A referral of B in state `flagged` (awaiting review). */
  referralId: number;
  /** An issued redemption of B's customer, with a discount code. */
  redemptionId: number;
  discountCode: string;
  /** A completed `customers/data_request` of B with an export. */
  gdprRequestId: number;
  /** A failed webhook delivery of B. */
  webhookDeliveryId: number;
  /** B customer's referral code. */
  referralCode: string;
}

export interface TenancyCase {
  /** Full procedure path, e.g. "admin.customers.detail". */
  path: string;
  type: "query" | "mutation";
  /** A valid input aimed at shop B's rows. */
  input: (victim: TenantIds) => unknown;
}
