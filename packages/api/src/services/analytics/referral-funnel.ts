import type { Executor } from "@loyalnest/db";
import { sql } from "drizzle-orm";
import { dayRangeBounds, type DayRange } from "./range";

/**
 * §9 referrals as a funnel over a range of shop-local days.
 *
 * Rules chosen where the spec is silent:
 * - Visits are the `?ref=` visits recorded in the range (`uniqueVisitors` counts distinct
 *   visitor tokens).
 * - Referrals are a cohort: those created in the range, counted by where they stand now.
 *   `firstOrders` reached the friend's first paid order (every state but pending); `rewarded` =
 *   completed + approved + reversed (the advocate was rewarded, even if later reversed);
 *   `awaitingReview` = flagged; `rejected` and `reversed` as their states say.
 * - Conversion rates are basis points (floored) of the previous stage, null when it is empty.
 * - `pointsAwarded` sums the advocate points of the cohort's referrals still standing (completed or
 *   approved; a reversed referral's points were taken back).
 */
export interface ReferralFunnelReport {
  visits: number;
  uniqueVisitors: number;
  referralsCreated: number;
  pending: number;
  firstOrders: number;
  awaitingReview: number;
  rewarded: number;
  completed: number;
  approved: number;
  rejected: number;
  reversed: number;
  /** referrals created ÷ unique visitors. */
  visitToReferralBp: number | null;
  /** rewarded ÷ referrals created. */
  referralToRewardBp: number | null;
  pointsAwarded: number;
}

export async function referralFunnel(
  db: Executor,
  shop: { id: string; timezone: string },
  range: DayRange,
): Promise<ReferralFunnelReport> {
  const { start, end } = dayRangeBounds(range, shop.timezone);
  const [row] = await db.execute<Record<string, string | number>>(sql`
    with visits as (
      select count(*)::int as visits, count(distinct visitor_token)::int as unique_visitors
      from referral_visits
      where shop_id = ${shop.id}::uuid and created_at >= ${start} and created_at < ${end}
    ),
    cohort as (
      select count(*)::int as created,
             count(*) filter (where status = 'pending')::int as pending,
             count(*) filter (where status <> 'pending')::int as first_orders,
             count(*) filter (where status = 'flagged')::int as flagged,
             count(*) filter (where status = 'completed')::int as completed,
             count(*) filter (where status = 'approved')::int as approved,
             count(*) filter (where status = 'rejected')::int as rejected,
             count(*) filter (where status = 'reversed')::int as reversed,
             coalesce(sum(advocate_points_awarded) filter (where status in ('completed', 'approved')), 0)::bigint
               as points_awarded
      from referrals
      where shop_id = ${shop.id}::uuid and created_at >= ${start} and created_at < ${end}
    )
    select * from visits, cohort`);
  const n = (key: string) => Number(row?.[key] ?? 0);
  const rate = (part: number, whole: number) => (whole > 0 ? Math.floor((part * 10_000) / whole) : null);
  const rewarded = n("completed") + n("approved") + n("reversed");
  return {
    visits: n("visits"),
    uniqueVisitors: n("unique_visitors"),
    referralsCreated: n("created"),
    pending: n("pending"),
    firstOrders: n("first_orders"),
    awaitingReview: n("flagged"),
    rewarded,
    completed: n("completed"),
    approved: n("approved"),
    rejected: n("rejected"),
    reversed: n("reversed"),
    visitToReferralBp: rate(n("created"), n("unique_visitors")),
    referralToRewardBp: rate(rewarded, n("created")),
    pointsAwarded: n("points_awarded"),
  };
}
