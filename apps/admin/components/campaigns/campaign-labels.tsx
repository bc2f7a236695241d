"use client";
import type { AppRouter } from "@loyalnest/api";
import { Badge } from "@shopify/polaris";
import type { inferRouterOutputs } from "@trpc/server";
import { formatDate, formatMoney, formatNumber } from "../../lib/format";
import { SEGMENT_LABELS, type Segment } from "../customers/labels";

export type Campaign = inferRouterOutputs<AppRouter>["admin"]["campaigns"]["list"]["items"][number];
export type CampaignStatus = Campaign["status"];

/** The API's statuses in the merchant's words: upcoming = scheduled, active = running. */
export const STATUS_LABELS: Record<CampaignStatus, string> = {
  upcoming: "Scheduled",
  active: "Running",
  paused: "Paused",
  ended: "Ended",
  archived: "Archived",
};

export function CampaignStatusBadge({ status }: { status: CampaignStatus }) {
  const tone =
    status === "active"
      ? "success"
      : status === "upcoming"
        ? "info"
        : status === "paused"
          ? "attention"
          : undefined;
  return (
    <Badge
      tone={tone}
      progress={status === "active" ? "partiallyComplete" : status === "upcoming" ? "incomplete" : "complete"}
    >
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/** "×2 points" or "+200 points on orders of $100.00 or more". */
export function describeReward(
  c: Pick<Campaign, "type" | "multiplierBp" | "bonusPoints" | "minOrderMinor">,
  currency: string,
) {
  if (c.type === "multiplier") return `×${formatNumber((c.multiplierBp ?? 10_000) / 10_000)} points`;
  const bonus = `+${formatNumber(c.bonusPoints ?? 0)} points per order`;
  return c.minOrderMinor ? `${bonus} of ${formatMoney(c.minOrderMinor, currency)} or more` : bonus;
}

export function describeAudience(target: Campaign["target"], tierName: (id: number) => string): string {
  if (target.tierIds.length) return `Tiers: ${target.tierIds.map(tierName).join(", ")}`;
  if (target.segments.length)
    return `Segments: ${target.segments.map((s) => SEGMENT_LABELS[s as Segment] ?? s).join(", ")}`;
  if (target.countries.length) return `Countries: ${target.countries.join(", ")}`;
  if (target.customerTags.length) return `Tags: ${target.customerTags.join(", ")}`;
  return "Everyone";
}

export function describeWindow(c: Pick<Campaign, "startsAt" | "endsAt">): string {
  return `${formatDate(c.startsAt, { time: true })} – ${formatDate(c.endsAt, { time: true })}`;
}
