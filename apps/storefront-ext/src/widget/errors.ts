import { ApiError } from "./api";
import type { Vars } from "./i18n";

/**
 * What the shopper reads when a call fails, as a translation key (the server's messages are
 * English), and whether trying again makes sense:
 * - `same_key`: the outcome is unknown (network, 5xx, in flight) — retry a redemption with the same
 *   request key, so a request that did go through is replayed, never doubled;
 * - `new_key`: known not to have happened (Shopify refused; the points were returned) — a new key;
 * - `no`: retrying cannot help (not enough points, signed out, invalid input).
 */
export type Retry = "same_key" | "new_key" | "no";
export type ErrorContext = "read" | "redeem" | "claim" | "join";

export interface ShopperError {
  key: string;
  vars?: Vars;
  retry: Retry;
}

const KEY = "panel.errors.";

export function describeError(error: unknown, context: ErrorContext): ShopperError {
  if (!(error instanceof ApiError)) return { key: `${KEY}generic`, retry: "same_key" };
  const message = error.message.toLowerCase();
  switch (error.code) {
    case "NETWORK":
      return { key: `${KEY}network`, retry: "same_key" };
    case "TOO_MANY_REQUESTS":
      return {
        key: `${KEY}rate_limited`,
        vars: { seconds: Math.max(1, error.retryAfterSeconds ?? 1) },
        retry: "same_key",
      };
    case "UNAUTHORIZED":
    case "FORBIDDEN":
      return { key: `${KEY}signed_out`, retry: "no" };
    case "UNPROCESSABLE_CONTENT":
      // The redemption was refused: the server names the reasons in its message.
      return message.includes("enough points") || message.includes("more points")
        ? { key: `${KEY}not_enough_points`, retry: "no" }
        : { key: `${KEY}unavailable`, retry: "no" };
    case "PRECONDITION_FAILED":
      if (message.includes("being set up"))
        return { key: "panel.status.unknown_customer", retry: "same_key" };
      if (message.includes("paused")) return { key: "panel.status.programme_off", retry: "no" };
      if (message.includes("join")) return { key: `${KEY}join_first`, retry: "no" };
      if (context === "claim" && message.includes("newsletter first"))
        return { key: `${KEY}newsletter_first`, retry: "no" };
      if (context === "claim") return { key: `${KEY}not_offered`, retry: "no" };
      return { key: `${KEY}unavailable`, retry: "no" };
    case "NOT_FOUND":
      return { key: context === "redeem" ? `${KEY}unavailable` : `${KEY}generic`, retry: "no" };
    case "CONFLICT":
      if (context === "claim") return { key: `${KEY}birthday_saved_already`, retry: "no" };
      return { key: `${KEY}conflict`, retry: "same_key" };
    case "BAD_GATEWAY":
      return { key: `${KEY}shopify`, retry: "new_key" };
    case "BAD_REQUEST":
      return { key: `${KEY}invalid`, retry: "no" };
    default:
      return { key: `${KEY}generic`, retry: "same_key" };
  }
}
