import { ApiError } from "./api";
import type { SyncResult } from "./api";
import type { QueuedAction, ResultEntry } from "./offline-queue";

/** What the associate reads (POS staff UI, English). */
const REASONS: Record<string, string> = {
  insufficient_points: "insufficient points",
  below_minimum_order: "the order is below the reward's minimum",
  not_a_member: "not a rewards member",
  not_found: "customer or reward not found",
  too_old: "recorded more than 30 days ago",
  recorded_in_future: "the till's clock was ahead",
  shopify_failed: "Shopify did not create the discount",
  reward_inactive: "the reward is no longer offered",
  channel_not_allowed: "not offered at the POS",
  tier_too_low: "the customer's tier does not include this reward",
  per_customer_limit_reached: "the customer's limit for this reward is reached",
};

export function reasonLabel(reason: string | null): string {
  if (!reason) return "refused";
  return reason
    .split(",")
    .map((part) => REASONS[part] ?? part.replace(/_/g, " "))
    .join("; ");
}

export function describeAction(entry: Pick<QueuedAction, "action" | "meta">): string {
  const who = entry.meta.customerName ?? `customer #${entry.action.customerId}`;
  if (entry.action.type === "earn")
    return `Award ${entry.action.points} points to ${who} (${entry.action.reason})`;
  return `Redeem ${entry.meta.rewardName ?? `reward #${entry.action.rewardId}`} for ${who}`;
}

export type ResultTone = "success" | "info" | "critical";

export function describeResult(result: SyncResult): {
  label: string;
  tone: ResultTone;
  detail: string | null;
} {
  if (result.status === "applied")
    return {
      label: "Applied",
      tone: "success",
      detail: result.discountCode ? `Code ${result.discountCode}` : signed(result.pointsDelta),
    };
  if (result.status === "duplicate")
    return {
      label: "Already applied",
      tone: "info",
      detail: result.discountCode
        ? `Not repeated — code ${result.discountCode}`
        : "Not repeated: this action had been applied before",
    };
  return {
    label: `Refused: ${reasonLabel(result.reason)}`,
    tone: "critical",
    detail: result.message,
  };
}

const signed = (points: number) => `${points > 0 ? "+" : ""}${points} points`;

export function summarizeSync(results: ResultEntry[]): string {
  const count = (status: SyncResult["status"]) => results.filter((r) => r.result.status === status).length;
  const parts = [`${count("applied")} applied`];
  if (count("duplicate")) parts.push(`${count("duplicate")} already applied`);
  parts.push(`${count("refused")} refused`);
  return `Offline actions synced: ${parts.join(", ")}.`;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "NETWORK") return "LoyalNest could not be reached.";
    if (error.code === "BAD_RESPONSE" || error.status >= 500) return "LoyalNest did not answer properly.";
    return error.message;
  }
  return error instanceof Error ? error.message : "Something went wrong.";
}
