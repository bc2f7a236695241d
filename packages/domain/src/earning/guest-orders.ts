import { DAY_MS } from "../time";
import type { EarnDecision } from "./decision";
import { award, noAward } from "./decision";
import { orderEarnKey } from "./idempotency-keys";

/** How long a guest order waits for a matching customer account. */
export const GUEST_ORDER_CLAIM_DAYS = 30;

export interface GuestOrderClaimInput {
  orderId: string;
  /** Points the order would have earned, computed with decidePurchaseEarn as of the order. */
  points: number;
  orderPlacedAt: Date;
  /** When the customer account with the same e-mail appeared. */
  accountCreatedAt: Date;
  emailVerified: boolean;
}

export type GuestOrderClaimRefusal =
  "zero_points" | "email_not_verified" | "claim_window_passed" | "account_predates_order";

/**
 * A remembered guest order is credited when an account with the same verified e-mail appears
 * within 30 days (elapsed, from the order's placement). The credit is a normal earn with the
 * order's own key, so it can never be credited twice. An account that already existed when the
 * guest checked out is refused: the shopper chose not to sign in, and the merchant may merge by hand.
 */
export function decideGuestOrderClaim(input: GuestOrderClaimInput): EarnDecision<GuestOrderClaimRefusal> {
  if (input.points <= 0) return noAward("zero_points");
  if (!input.emailVerified) return noAward("email_not_verified");
  const elapsed = input.accountCreatedAt.getTime() - input.orderPlacedAt.getTime();
  if (elapsed < 0) return noAward("account_predates_order");
  if (elapsed > GUEST_ORDER_CLAIM_DAYS * DAY_MS) return noAward("claim_window_passed");
  return award(input.points, orderEarnKey(input.orderId));
}
