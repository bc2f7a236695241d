import type { HistoryEntry, Profile, Redemption, Reward } from "./api";
import type { Formatter } from "./format";
import { tierProgress } from "./format";
import type { Translator } from "./i18n";

/** Pure helpers turning API data into the panel's words (tested without a DOM). */

/** The cost line of a reward: "500 points", or "100–1,200 points" for points-for-money. */
export function rewardCost(reward: Reward, fmt: Formatter): string {
  if (reward.type === "points_for_money" && reward.maxPoints !== null && reward.maxPoints > reward.pointsCost)
    return `${fmt.number(reward.pointsCost)}–${fmt.points(reward.maxPoints)}`;
  return fmt.points(reward.pointsCost);
}

/** Why a reward cannot be redeemed now, in the shopper's language (the first reason; null when it can). */
export function rewardBlocker(reward: Reward, t: Translator, fmt: Formatter): string | null {
  if (reward.affordable) return null;
  const reason = reward.unavailableReasons[0] ?? (reward.pointsMissing > 0 ? "insufficient_points" : null);
  if (reason === null) return null;
  return t.t(`panel.rewards.reason_${reason}`, { points: fmt.points(reward.pointsMissing) });
}

/** The tier line and the progress bar's percentage (null when there is no next tier). */
export function tierSummary(profile: Profile, t: Translator, fmt: Formatter, currency: string) {
  const current = profile.tier
    ? t.t("panel.tier.current", { tier: profile.tier.name })
    : t.t("panel.tier.none");
  const next = profile.nextTier;
  if (!next)
    return { current, next: profile.tier ? t.t("panel.tier.top") : null, percent: null, label: null };
  const toNext =
    next.metric === "amount_spent"
      ? t.t("panel.tier.to_next_spend", { amount: fmt.money(next.remaining, currency), tier: next.name })
      : t.t("panel.tier.to_next_points", { points: fmt.points(next.remaining), tier: next.name });
  return {
    current,
    next: toNext,
    percent: tierProgress(next.threshold, next.remaining),
    label: t.t("panel.tier.progress", { tier: next.name }),
  };
}

/**
 * A history line. The server's descriptions are English and more specific ("Points for an order");
 * they are shown as they are in English, and other languages get the translated kind.
 */
export function historyLabel(entry: HistoryEntry, t: Translator): string {
  if (t.locale === "en" && entry.description) return entry.description;
  return t.t(`panel.history.kind_${entry.kind}`);
}

/** Signed points for the history: "+120" / "−500" (a real minus sign). */
export function signedPoints(amount: number, fmt: Formatter): string {
  return amount < 0 ? `\u2212${fmt.number(-amount)}` : `+${fmt.number(amount)}`;
}

/** The codes worth showing under the rewards: ready to use or used (released ones have no code). */
export function visibleCodes(items: Redemption[]): Redemption[] {
  return items.filter((r) => r.discountCode !== null && (r.status === "issued" || r.status === "used"));
}
