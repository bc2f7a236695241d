import type { Executor } from "@loyalnest/db";
import { sql } from "drizzle-orm";
import { dayRangeBounds, type DayRange } from "./range";

/**
 * The programme at a glance (§12 and issue 6 "analytics"): members, active members, outstanding
 * points and their liability, and the redemption rate over a range.
 *
 * Rules chosen where the spec is silent:
 * - A member is a customer with membership `member`, not held out and not erased; an active
 *   member is one who earned or redeemed (a ledger row of kind earn or redeem, not voided) in the
 *   30 days before now.
 * - Outstanding points are the sum of positive available balances now; debts (balances below
 *   zero after a clawback) are reported apart and do not reduce it. Pending points are excluded.
 * - Liability values each outstanding point at the **best value per point** any active reward of
 *   the shop currency offers: fixed-amount or store-credit rewards (value ÷ points cost) and
 *   points-for-money rewards (value per step ÷ points per step). A shopper can always pick the
 *   best deal, so this is the most the shop could owe (the prudent figure an accountant books);
 *   `liability` is null when the shop has no such reward (percentage, shipping or product rewards
 *   have no fixed money value). Rounded half up to a minor unit.
 * - Issued and redeemed points in the range follow the monthly report (`points-by-month.ts`):
 *   available rows dated when they became spendable; issued = earn + import + positive staff
 *   adjustments; redeemed = redeem rows (gross). Redemption rate = redeemed ÷ issued in basis
 *   points (floored), null when nothing was issued.
 */
export interface LiabilityValuation {
  rewardId: number;
  rewardName: string;
  valueMinor: number;
  points: number;
}

export interface OverviewReport {
  members: number;
  activeMembers: number;
  outstandingPoints: number;
  debtPoints: number;
  liability: { amountMinor: number; valuation: LiabilityValuation } | null;
  pointsIssued: number;
  pointsRedeemed: number;
  redemptionRateBp: number | null;
}

export const ACTIVE_MEMBER_DAYS = 30;

export async function analyticsOverview(
  db: Executor,
  shop: { id: string; timezone: string; currency: string },
  range: DayRange,
  now: Date,
): Promise<OverviewReport> {
  const { start, end } = dayRangeBounds(range, shop.timezone);
  const activeSince = new Date(now.getTime() - ACTIVE_MEMBER_DAYS * 86_400_000);
  const [row] = await db.execute<Record<string, string | number | null>>(sql`
    with members as (
      select id from customers
      where shop_id = ${shop.id}::uuid and membership_status = 'member' and not holdout and not is_tombstone
    ),
    balances as (
      select coalesce(sum(greatest(available, 0)), 0)::bigint as outstanding,
             coalesce(sum(greatest(-available, 0)), 0)::bigint as debt
      from point_balances where shop_id = ${shop.id}::uuid
    ),
    flows as (
      select coalesce(sum(amount) filter (where kind in ('earn', 'import') or (kind = 'adjust' and amount > 0)), 0)::bigint as issued,
             coalesce(-sum(amount) filter (where kind = 'redeem'), 0)::bigint as redeemed
      from points_ledger
      where shop_id = ${shop.id}::uuid and status = 'available'
        and coalesce(released_at, occurred_at) >= ${start} and coalesce(released_at, occurred_at) < ${end}
    )
    select (select count(*) from members)::int as members,
           (select count(*) from members m
             where exists (
               select 1 from points_ledger l
               where l.shop_id = ${shop.id}::uuid and l.customer_id = m.id and l.kind in ('earn', 'redeem')
                 and l.status <> 'void'
                 and l.occurred_at >= ${activeSince.toISOString()}::timestamptz
                 and l.occurred_at <= ${now.toISOString()}::timestamptz
             ))::int as active_members,
           b.outstanding, b.debt, f.issued, f.redeemed
    from balances b, flows f`);
  const [valuation] = await db.execute<{
    id: string | number;
    name: string;
    value_minor: number;
    points: number;
  }>(sql`
    select id, name, value_minor, points
    from (
      select id, name,
             case when type = 'points_for_money' then pfm_step_value_minor else value_minor end as value_minor,
             case when type = 'points_for_money' then pfm_step_points else points_cost end as points
      from rewards
      where shop_id = ${shop.id}::uuid and type in ('fixed_amount', 'store_credit', 'points_for_money')
        and active and archived_at is null and (currency is null or currency = ${shop.currency})
    ) as priced
    where value_minor > 0 and points > 0
    order by value_minor::numeric / points desc, points, id
    limit 1`);

  const outstanding = Number(row?.outstanding ?? 0);
  const issued = Number(row?.issued ?? 0);
  const redeemed = Number(row?.redeemed ?? 0);
  return {
    members: Number(row?.members ?? 0),
    activeMembers: Number(row?.active_members ?? 0),
    outstandingPoints: outstanding,
    debtPoints: Number(row?.debt ?? 0),
    liability: valuation
      ? {
          amountMinor: roundHalfUp(
            BigInt(outstanding) * BigInt(valuation.value_minor),
            BigInt(valuation.points),
          ),
          valuation: {
            rewardId: Number(valuation.id),
            rewardName: valuation.name,
            valueMinor: Number(valuation.value_minor),
            points: Number(valuation.points),
          },
        }
      : null,
    pointsIssued: issued,
    pointsRedeemed: redeemed,
    redemptionRateBp: issued > 0 ? Number((BigInt(Math.max(redeemed, 0)) * 10_000n) / BigInt(issued)) : null,
  };
}

/** n ÷ d rounded half up, for non-negative n and positive d. */
function roundHalfUp(n: bigint, d: bigint): number {
  return Number((2n * n + d) / (2n * d));
}
