import type { Executor } from "@loyalnest/db";
import { sql } from "drizzle-orm";
import { localDayStart, shiftMonth, type MonthRange } from "./range";

/**
 * §12 "Points liability … by month, with issued / redeemed / expired / clawed-back flows": the
 * accountant's table, one set-based statement over the shop's ledger.
 *
 * Rules chosen where the spec is silent:
 * - A point counts when it becomes spendable: ledger rows in status `available`, dated by
 *   `released_at` when they waited as pending, else `occurred_at`. Pending points are not yet a
 *   liability, and voided pending points never were. Months are the shop's local months.
 * - Flows (positive numbers unless said): `issued` = earn + import + positive staff adjustments;
 *   `redeemed`, `expired`, `clawedBack` and `adjustedDown` (negative staff adjustments) are points
 *   taken off balances; `reversed` is signed: points returned to customers (a released
 *   redemption) are positive, points taken back (a reversed referral or order) negative.
 * - `outstanding` at a month end is the sum of the customers' positive balances then, `debt` the
 *   sum of the negative ones (a clawback may leave a customer owing points; one customer's debt
 *   does not reduce what is owed to another). Every month reconciles exactly:
 *   (outstanding − debt) at the end = (outstanding − debt) at the start + issued − redeemed −
 *   expired − clawedBack − adjustedDown + reversed. `opening` is the position before the first month.
 */
export interface PointsPosition {
  outstanding: number;
  debt: number;
}

export interface PointsMonth extends PointsPosition {
  /** "YYYY-MM", shop time. */
  month: string;
  issued: number;
  redeemed: number;
  expired: number;
  clawedBack: number;
  adjustedDown: number;
  reversed: number;
}

export interface PointsByMonthReport {
  opening: PointsPosition;
  months: PointsMonth[];
}

type Row = Record<
  | "month"
  | "issued"
  | "redeemed"
  | "expired"
  | "clawed_back"
  | "adjusted_down"
  | "reversed"
  | "outstanding"
  | "debt",
  string | number
>;

export async function pointsByMonth(
  db: Executor,
  shop: { id: string; timezone: string },
  range: MonthRange,
): Promise<PointsByMonthReport> {
  const tz = shop.timezone;
  const openingMonth = `${shiftMonth(range.from, -1)}-01`;
  const firstMonth = `${range.from}-01`;
  const lastMonth = `${range.to}-01`;
  const end = localDayStart(`${shiftMonth(range.to, 1)}-01`, tz);
  const rows = await db.execute<Row>(sql`
    with months as (
      select m::date as month_start
      from generate_series(${openingMonth}::date, ${lastMonth}::date, interval '1 month') as m
    ),
    bucketed as (
      select customer_id, kind, amount,
             date_trunc('month', coalesce(released_at, occurred_at) at time zone ${tz}::text)::date as month_start
      from points_ledger
      where shop_id = ${shop.id}::uuid and status = 'available'
        and coalesce(released_at, occurred_at) < ${end}
    ),
    flows as (
      select month_start,
             sum(amount) filter (where kind in ('earn', 'import') or (kind = 'adjust' and amount > 0)) as issued,
             -sum(amount) filter (where kind = 'redeem') as redeemed,
             -sum(amount) filter (where kind = 'expire') as expired,
             -sum(amount) filter (where kind = 'refund_clawback') as clawed_back,
             -sum(amount) filter (where kind = 'adjust' and amount < 0) as adjusted_down,
             sum(amount) filter (where kind = 'reversal') as reversed
      from bucketed
      where month_start >= ${firstMonth}::date
      group by month_start
    ),
    per_customer as (
      -- Everything before the opening month collapses into it: only the running balance matters.
      select customer_id, greatest(month_start, ${openingMonth}::date) as month_start, sum(amount) as delta
      from bucketed
      group by 1, 2
    ),
    running as (
      select month_start,
             sum(delta) over w as balance,
             lead(month_start) over w as next_month
      from per_customer
      window w as (partition by customer_id order by month_start)
    ),
    positions as (
      select m.month_start,
             sum(greatest(r.balance, 0)) as outstanding,
             sum(greatest(-r.balance, 0)) as debt
      from months m
      join running r on r.month_start <= m.month_start and (r.next_month is null or r.next_month > m.month_start)
      group by m.month_start
    )
    select to_char(m.month_start, 'YYYY-MM') as month,
           coalesce(f.issued, 0)::bigint as issued,
           coalesce(f.redeemed, 0)::bigint as redeemed,
           coalesce(f.expired, 0)::bigint as expired,
           coalesce(f.clawed_back, 0)::bigint as clawed_back,
           coalesce(f.adjusted_down, 0)::bigint as adjusted_down,
           coalesce(f.reversed, 0)::bigint as reversed,
           coalesce(p.outstanding, 0)::bigint as outstanding,
           coalesce(p.debt, 0)::bigint as debt
    from months m
    left join flows f on f.month_start = m.month_start
    left join positions p on p.month_start = m.month_start
    order by m.month_start`);
  const [opening, ...months] = rows.map((r) => ({
    month: String(r.month),
    issued: Number(r.issued),
    redeemed: Number(r.redeemed),
    expired: Number(r.expired),
    clawedBack: Number(r.clawed_back),
    adjustedDown: Number(r.adjusted_down),
    reversed: Number(r.reversed),
    outstanding: Number(r.outstanding),
    debt: Number(r.debt),
  }));
  return { opening: { outstanding: opening?.outstanding ?? 0, debt: opening?.debt ?? 0 }, months };
}
