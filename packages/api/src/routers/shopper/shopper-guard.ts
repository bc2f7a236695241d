import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { rewardTypeSchema } from "../../schemas";

/** Shown when Shopify has not told us about a logged-in customer yet (the customers/create webhook is on its way). */
export const ACCOUNT_BEING_SET_UP = "Your account is still being set up — try again in a minute.";

/** The shopper's customer row for a write; PRECONDITION_FAILED while it does not exist yet. */
export function requireCustomerId(shopper: { customerId: number | null }): number {
  if (shopper.customerId === null)
    throw new TRPCError({ code: "PRECONDITION_FAILED", message: ACCOUNT_BEING_SET_UP });
  return shopper.customerId;
}

/** A redemption as the shopper (or a POS associate) sees it. */
export const redemptionViewSchema = z.object({
  id: z.number().int(),
  rewardId: z.number().int(),
  rewardName: z.string(),
  type: rewardTypeSchema,
  status: z.enum(["reserved", "issued", "used", "released"]),
  pointsSpent: z.number().int(),
  /** Only while the code is usable (issued) or after it was used. */
  discountCode: z.string().nullable(),
  /** The value in shop currency when known up front (fixed amount, store credit, points-for-money). */
  value: z.object({ amountMinor: z.number().int(), currency: z.string() }).nullable(),
  /** True when this redemption credited the shopper's store credit account. */
  storeCredit: z.boolean(),
  expiresAt: z.string().nullable(),
  createdAt: z.string(),
});
