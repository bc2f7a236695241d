import type { Executor } from "@loyalnest/db";
import { sql } from "drizzle-orm";
import { dayRangeBounds, type DayRange } from "./range";

/**
 * §12 "the analytics compare members with the holdout to show incremental revenue, repeat rate
 * and order frequency, with confidence intervals".
 *
 * Rules chosen where the spec is silent:
 * - Groups (intent to treat): members = customers with membership `member` who are not held out;
 *   holdout = customers flagged `holdout` (unless excluded from the programme). Each group counts
 *   every such customer of the shop, buyers or not, so the two random groups stay comparable
 *   (customer rows are often created after the orders they made, e.g. by a backfill, so their
 *   creation date is no guide to who could have bought in the range).
 * - Per customer over the range (shop-local days): revenue = Σ max(0, total − refunded) of paid,
 *   not cancelled orders paid in the range (shop currency, minor units); orders = their count; a
 *   repeat customer placed 2 or more of them.
 * - Estimates are means with 95% confidence intervals by the normal approximation: mean ± 1.96 ×
 *   s ÷ √n (s the sample standard deviation) for revenue and orders per customer, p ± 1.96 ×
 *   √(p(1 − p) ÷ n) for the repeat rate. Differences use the unpooled (Welch) standard error
 *   √(s₁²/n₁ + s₂²/n₂). Incremental revenue = (member mean − holdout mean) × members, with the
 *   difference's interval scaled the same way; `significant` when that interval excludes zero.
 * - A group of fewer than 30 customers is "not enough data": its estimates and the comparison are
 *   null and `enoughData` is false (the normal approximation is not trustworthy below that).
 */
export const MIN_GROUP_SIZE = 30;
const Z95 = 1.96;

export interface Estimate {
  value: number;
  low: number;
  high: number;
}

export interface GroupStats {
  customers: number;
  /** Customers with at least one order in the range. */
  buyers: number;
  revenueMinor: number;
  orders: number;
  enoughData: boolean;
  /** Minor units, rounded. */
  revenuePerCustomerMinor: Estimate | null;
  /** Basis points of the group's customers. */
  repeatRateBp: Estimate | null;
  /** Orders per customer, 3 decimals. */
  ordersPerCustomer: Estimate | null;
}

export interface Comparison {
  revenuePerCustomerDiffMinor: Estimate;
  incrementalRevenueMinor: Estimate;
  /** (member mean − holdout mean) ÷ holdout mean, basis points; null when the holdout spent nothing. */
  revenueLiftBp: number | null;
  repeatRateDiffBp: Estimate;
  ordersPerCustomerDiff: Estimate;
  significant: boolean;
}

export interface MemberVsHoldoutReport {
  enoughData: boolean;
  message: string | null;
  members: GroupStats;
  holdout: GroupStats;
  comparison: Comparison | null;
}

interface GroupRow {
  n: number;
  buyers: number;
  repeaters: number;
  revenue: number;
  orders: number;
  revenueMean: number;
  revenueVar: number;
  ordersMean: number;
  ordersVar: number;
}

export async function memberVsHoldout(
  db: Executor,
  shop: { id: string; timezone: string },
  range: DayRange,
): Promise<MemberVsHoldoutReport> {
  const { start, end } = dayRangeBounds(range, shop.timezone);
  const rows = await db.execute<Record<string, string | number | boolean | null>>(sql`
    with population as (
      select id, holdout from customers
      where shop_id = ${shop.id}::uuid
        and ((holdout and membership_status <> 'excluded') or (not holdout and membership_status = 'member'))
    ),
    per_customer as (
      select p.id, p.holdout,
             coalesce(sum(greatest(o.total_minor - o.refunded_minor, 0)), 0)::numeric as revenue,
             count(o.shopify_order_id)::numeric as orders
      from population p
      left join order_summaries o
        on o.shop_id = ${shop.id}::uuid and o.customer_id = p.id and o.cancelled_at is null
       and o.paid_at >= ${start} and o.paid_at < ${end}
      group by p.id, p.holdout
    )
    select holdout,
           count(*)::int as n,
           count(*) filter (where orders >= 1)::int as buyers,
           count(*) filter (where orders >= 2)::int as repeaters,
           sum(revenue)::float8 as revenue,
           sum(orders)::float8 as orders,
           avg(revenue)::float8 as revenue_mean,
           coalesce(var_samp(revenue), 0)::float8 as revenue_var,
           avg(orders)::float8 as orders_mean,
           coalesce(var_samp(orders), 0)::float8 as orders_var
    from per_customer
    group by holdout`);
  const read = (holdout: boolean): GroupRow => {
    const r = rows.find((row) => row.holdout === holdout);
    return {
      n: Number(r?.n ?? 0),
      buyers: Number(r?.buyers ?? 0),
      repeaters: Number(r?.repeaters ?? 0),
      revenue: Number(r?.revenue ?? 0),
      orders: Number(r?.orders ?? 0),
      revenueMean: Number(r?.revenue_mean ?? 0),
      revenueVar: Number(r?.revenue_var ?? 0),
      ordersMean: Number(r?.orders_mean ?? 0),
      ordersVar: Number(r?.orders_var ?? 0),
    };
  };
  const m = read(false);
  const h = read(true);
  const enoughData = m.n >= MIN_GROUP_SIZE && h.n >= MIN_GROUP_SIZE;
  return {
    enoughData,
    message: enoughData ? null : notEnoughMessage(m.n, h.n),
    members: groupStats(m),
    holdout: groupStats(h),
    comparison: enoughData ? compare(m, h) : null,
  };
}

function notEnoughMessage(members: number, holdout: number): string {
  const hint = holdout === 0 ? " Set a holdout percentage in the programme settings to start measuring." : "";
  return (
    `Not enough data: each group needs at least ${MIN_GROUP_SIZE} customers ` +
    `(members: ${members}, holdout: ${holdout}).${hint}`
  );
}

const round = (value: number, decimals = 0) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

function interval(value: number, se: number, scale = 1, decimals = 0, clamp?: [number, number]): Estimate {
  let low = value - Z95 * se;
  let high = value + Z95 * se;
  if (clamp) {
    low = Math.max(clamp[0], low);
    high = Math.min(clamp[1], high);
  }
  return {
    value: round(value * scale, decimals),
    low: round(low * scale, decimals),
    high: round(high * scale, decimals),
  };
}

const proportion = (g: GroupRow) => g.repeaters / g.n;

function groupStats(g: GroupRow): GroupStats {
  const enough = g.n >= MIN_GROUP_SIZE;
  const p = g.n > 0 ? proportion(g) : 0;
  return {
    customers: g.n,
    buyers: g.buyers,
    revenueMinor: Math.round(g.revenue),
    orders: Math.round(g.orders),
    enoughData: enough,
    revenuePerCustomerMinor: enough
      ? interval(g.revenueMean, Math.sqrt(g.revenueVar / g.n), 1, 0, [0, Infinity])
      : null,
    repeatRateBp: enough ? interval(p, Math.sqrt((p * (1 - p)) / g.n), 10_000, 0, [0, 1]) : null,
    ordersPerCustomer: enough
      ? interval(g.ordersMean, Math.sqrt(g.ordersVar / g.n), 1, 3, [0, Infinity])
      : null,
  };
}

function compare(m: GroupRow, h: GroupRow): Comparison {
  const revenueDiff = m.revenueMean - h.revenueMean;
  const revenueSe = Math.sqrt(m.revenueVar / m.n + h.revenueVar / h.n);
  const pm = proportion(m);
  const ph = proportion(h);
  const repeatSe = Math.sqrt((pm * (1 - pm)) / m.n + (ph * (1 - ph)) / h.n);
  const ordersSe = Math.sqrt(m.ordersVar / m.n + h.ordersVar / h.n);
  const perCustomer = interval(revenueDiff, revenueSe);
  return {
    revenuePerCustomerDiffMinor: perCustomer,
    incrementalRevenueMinor: interval(revenueDiff, revenueSe, m.n),
    revenueLiftBp: h.revenueMean > 0 ? Math.round((revenueDiff / h.revenueMean) * 10_000) : null,
    repeatRateDiffBp: interval(pm - ph, repeatSe, 10_000),
    ordersPerCustomerDiff: interval(m.ordersMean - h.ordersMean, ordersSe, 1, 3),
    significant: revenueDiff - Z95 * revenueSe > 0 || revenueDiff + Z95 * revenueSe < 0,
  };
}
