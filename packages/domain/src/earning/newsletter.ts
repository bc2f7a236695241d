import { assertAwardPoints, DEFAULT_ACTION_POINTS } from "./action-points";
import type { EarnDecision } from "./decision";
import { award, noAward } from "./decision";
import { newsletterKey } from "./idempotency-keys";

/** Shopify's e-mail marketing consent states, lower-cased. */
export type MarketingConsentState =
  "subscribed" | "not_subscribed" | "pending" | "unsubscribed" | "redacted" | "invalid";

export interface NewsletterInput {
  customerId: string;
  /** The state LoyalNest last saw; null for a customer seen for the first time (a new sign-up). */
  previousConsent: MarketingConsentState | null;
  currentConsent: MarketingConsentState;
  /** Whether the newsletter award was ever given (unsubscribing and re-subscribing earns nothing). */
  alreadyAwarded: boolean;
  points?: number;
}

export type NewsletterRefusal = "not_subscribed" | "already_subscribed" | "already_awarded";

/**
 * Newsletter signup earns once, when marketing consent *becomes* subscribed. A customer already
 * subscribed before (e.g. when the app was installed) did not just subscribe and earns nothing;
 * `pending` (double opt-in not yet confirmed) does not count until it turns `subscribed`.
 */
export function decideNewsletterAward(input: NewsletterInput): EarnDecision<NewsletterRefusal> {
  const points = input.points ?? DEFAULT_ACTION_POINTS.newsletter;
  assertAwardPoints(points);
  if (input.currentConsent !== "subscribed") return noAward("not_subscribed");
  if (input.previousConsent === "subscribed") return noAward("already_subscribed");
  if (input.alreadyAwarded) return noAward("already_awarded");
  return award(points, newsletterKey(input.customerId));
}
