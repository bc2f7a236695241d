import type { LocalDate, LocalDateTime } from "../time";
import { fromLocalDateTime } from "../time";
import type { Campaign } from "./campaign";

/** A wall-clock moment as the merchant types it: a date, optionally with a time. */
export type ShopTimeInput = LocalDate & Partial<Pick<LocalDateTime, "hour" | "minute" | "second">>;

export interface CampaignWindow {
  startsAt: Date;
  endsAt: Date;
}

const hasTime = (t: ShopTimeInput) =>
  t.hour !== undefined || t.minute !== undefined || t.second !== undefined;

/**
 * Converts a window entered in shop time into UTC instants. A start without a time starts at
 * local midnight; an end **without a time includes that whole day** (it ends at the next local
 * midnight), because a merchant who types "28 Nov – 1 Dec" expects 1 December to count. An end
 * with a time is exclusive. DST is handled by fromLocalDateTime.
 */
export function campaignWindowFromShopTime(
  start: ShopTimeInput,
  end: ShopTimeInput,
  timeZone: string,
): CampaignWindow {
  const startsAt = fromLocalDateTime(start, timeZone);
  const endsAt = hasTime(end) ? fromLocalDateTime(end, timeZone) : fromLocalDateTime(nextDay(end), timeZone);
  if (!(endsAt.getTime() > startsAt.getTime())) throw new RangeError("a campaign must end after it starts");
  return { startsAt, endsAt };
}

function nextDay(d: LocalDate): LocalDate {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + 1));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

export type CampaignStatus = "scheduled" | "running" | "ended";

/** Status at `at`: the window is [startsAt, endsAt). */
export function campaignStatus(campaign: Pick<Campaign, "startsAt" | "endsAt">, at: Date): CampaignStatus {
  if (at.getTime() < campaign.startsAt.getTime()) return "scheduled";
  if (at.getTime() >= campaign.endsAt.getTime()) return "ended";
  return "running";
}

export const isCampaignActive = (campaign: Pick<Campaign, "startsAt" | "endsAt">, at: Date) =>
  campaignStatus(campaign, at) === "running";
