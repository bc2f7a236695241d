import type { Executor } from "@loyalnest/db";
import { sql } from "drizzle-orm";
import { localDayStart, shiftMonth, type MonthRange } from "./range";

/**
 * §8 tiers in the analytics: how many members hold each tier now, and how many moved up or down
 * each shop-local month (from `tier_history`).
 *
 * Rules chosen where the spec is silent:
 * - "Now" counts members (membership `member`, not held out, not erased); `noTier` those holding
 *   none. Every tier of the shop is listed, inactive ones included (members may still hold them),
 *   ordered by threshold.
 * - A movement is up when the new tier's threshold is higher than the old one's (no tier ranks
 *   below every tier, so a first tier is a move up), down when lower; pins count by direction too.
 *   Rows recorded by an import are a migration, not a movement, and are left out.
 */
export interface TierCount {
  tierId: number;
  name: string;
  threshold: number;
  active: boolean;
  customers: number;
}

export interface TierMovementMonth {
  month: string;
  up: number;
  down: number;
}

export interface TierDistributionReport {
  tiers: TierCount[];
  noTier: number;
  members: number;
  movements: TierMovementMonth[];
}

export async function tierDistribution(
  db: Executor,
  shop: { id: string; timezone: string },
  range: MonthRange,
): Promise<TierDistributionReport> {
  const tz = shop.timezone;
  const counts = await db.execute<{ tier_id: string | number | null; customers: number }>(sql`
    select tier_id, count(*)::int as customers
    from customers
    where shop_id = ${shop.id}::uuid and membership_status = 'member' and not holdout and not is_tombstone
    group by tier_id`);
  const tiers = await db.execute<{
    id: string | number;
    name: string;
    threshold: number;
    active: boolean;
  }>(sql`
    select id, name, threshold, active from vip_tiers where shop_id = ${shop.id}::uuid order by threshold, id`);
  const start = localDayStart(`${range.from}-01`, tz);
  const end = localDayStart(`${shiftMonth(range.to, 1)}-01`, tz);
  const movements = await db.execute<{ month: string; up: number; down: number }>(sql`
    with moves as (
      select date_trunc('month', h.created_at at time zone ${tz}::text)::date as month_start,
             coalesce(t_to.threshold::bigint, -1) as to_rank,
             coalesce(t_from.threshold::bigint, -1) as from_rank
      from tier_history h
      left join vip_tiers t_from on t_from.shop_id = h.shop_id and t_from.id = h.from_tier_id
      left join vip_tiers t_to on t_to.shop_id = h.shop_id and t_to.id = h.to_tier_id
      where h.shop_id = ${shop.id}::uuid and h.reason <> 'import'
        and h.created_at >= ${start} and h.created_at < ${end}
    )
    select to_char(m, 'YYYY-MM') as month,
           count(moves.month_start) filter (where to_rank > from_rank)::int as up,
           count(moves.month_start) filter (where to_rank < from_rank)::int as down
    from generate_series(${`${range.from}-01`}::date, ${`${range.to}-01`}::date, interval '1 month') as m
    left join moves on moves.month_start = m::date
    group by m
    order by m`);

  const byTier = new Map(counts.map((c) => [c.tier_id === null ? null : Number(c.tier_id), c.customers]));
  return {
    tiers: tiers.map((t) => ({
      tierId: Number(t.id),
      name: t.name,
      threshold: t.threshold,
      active: t.active,
      customers: byTier.get(Number(t.id)) ?? 0,
    })),
    noTier: byTier.get(null) ?? 0,
    members: counts.reduce((sum, c) => sum + c.customers, 0),
    movements: movements.map((m) => ({ month: m.month, up: m.up, down: m.down })),
  };
}
