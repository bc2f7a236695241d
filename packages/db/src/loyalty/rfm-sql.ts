import type { RfmConfig } from "@loyalnest/domain";
import { sql, type SQL } from "drizzle-orm";

/**
 * The SQL of the nightly RFM pass (§11 "for the whole shop nightly … as one set-based pass in
 * SQL"). Every expression mirrors a function of `packages/domain/src/rfm/`, which is the reference:
 * `rfm.test.ts` checks the two agree on random shops. Band edges and weights are bound as
 * parameters, never interpolated.
 */

export interface RfmPassParams {
  shopId: string;
  asOf: Date;
  /** First instant of the window (null = lifetime); see rfmWindowStart. */
  windowStart: Date | null;
  /** Shop-local day of `asOf`, YYYY-MM-DD. */
  today: string;
  timeZone: string;
  config: RfmConfig;
}

/** Name of the per-transaction scratch table holding the measured metrics. */
export const METRICS_TABLE = "rfm_pass_metrics";

/**
 * Statement 1 — the metrics of every customer with an order in the window (domain
 * `isOrderInRfmWindow` + `computeRfmMetrics`): paid by `asOf`, never cancelled, inside the window;
 * frequency counts orders, monetary sums `max(0, total − refunded)`. The last paid instant is
 * kept, not a per-order local date: the local day is monotone in the instant, so converting the
 * maximum once per customer gives the same recency without a time-zone conversion per order.
 *
 * A `CREATE TABLE AS` rather than a CTE of the writing statement because Postgres runs a
 * data-modifying statement serially, while this aggregate over every order — the bulk of the
 * work — may use parallel workers here.
 */
export function measureStatement(p: RfmPassParams): SQL {
  return sql`
    create temp table ${sql.raw(METRICS_TABLE)} on commit drop as
    select o.customer_id,
           max(o.paid_at) as last_paid_at,
           count(*)::int as frequency,
           sum(greatest(0, o.total_minor - o.refunded_minor))::bigint as monetary_minor
    from order_summaries o
    where o.shop_id = ${p.shopId}::uuid
      and o.customer_id is not null
      and o.paid_at is not null
      and o.cancelled_at is null
      and o.paid_at <= ${p.asOf.toISOString()}::timestamptz
      ${p.windowStart ? sql`and o.paid_at >= ${p.windowStart.toISOString()}::timestamptz` : sql``}
    group by o.customer_id`;
}

/** `(a > e0)::int + (a > e1)::int + …`: how many edges the value is above (domain `edgesBelow`). */
const edgesBelow = (value: SQL, edges: readonly number[]) =>
  sql.join(
    edges.map((e) => sql`(${value} > ${e}::int)::int`),
    sql` + `,
  );

/** Domain `monetaryScore`: spend × 10000 ≥ bp × AOV, exact in numeric. */
function monetaryBand(edgesBp: readonly number[]): SQL {
  const reached = sql.join(
    edgesBp.map((bp) => sql`(m.monetary_minor::numeric * 10000 >= ${bp}::numeric * shop.aov)::int`),
    sql` + `,
  );
  return sql`case when m.monetary_minor <= 0 or shop.aov <= 0 then 1 else 1 + ${reached} end`;
}

/**
 * Domain `quintileCutPoints` scored against its own population: 1 + ⌊5 × (customers strictly
 * below) ÷ population⌋. `rank() − 1` over ascending "better" order is exactly the number strictly
 * below, and equal values share a rank, which is the domain's tie rule.
 */
const quintile = (betterOrder: SQL) =>
  sql`1 + (5 * (rank() over (partition by m.frequency > 0 order by ${betterOrder}) - 1)) / nullif(shop.population, 0)`;

function scoreExpressions(config: RfmConfig): { r: SQL; f: SQL; m: SQL } {
  if (config.mode === "quintile") {
    return {
      r: quintile(sql`m.recency_days desc`),
      f: quintile(sql`m.frequency asc`),
      m: quintile(sql`m.monetary_minor asc`),
    };
  }
  const { bands } = config;
  return {
    r: sql`5 - (${edgesBelow(sql`m.recency_days`, bands.recencyDays)})`,
    f: sql`1 + (${edgesBelow(sql`m.frequency`, bands.frequency)})`,
    m: monetaryBand(bands.monetaryAovBp),
  };
}

/**
 * Statement 2 — scores, composite, segment and flag for every customer of the shop (those without
 * an order in the window score 1/1/1 and are Inactive), then in the same statement: upsert
 * `rfm_scores`, copy the result onto `customers.rfm_*` where it changed (most customers keep their
 * segment from one night to the next, so this touches few rows), and write the day's
 * `rfm_segment_counts`, every segment, zeros included.
 */
export function scoreStatement(p: RfmPassParams): SQL {
  const { rBp, fBp, mBp } = p.config.weights;
  const sumW = rBp + fBp + mBp;
  const score = scoreExpressions(p.config);
  return sql`
    with m as (
      select c.id as customer_id,
             case when p.customer_id is null then null
                  else ${p.today}::date - (p.last_paid_at at time zone ${p.timeZone})::date end as recency_days,
             coalesce(p.frequency, 0) as frequency,
             coalesce(p.monetary_minor, 0)::bigint as monetary_minor
      from customers c
      left join ${sql.raw(METRICS_TABLE)} p on p.customer_id = c.id
      where c.shop_id = ${p.shopId}::uuid
    ),
    shop as (
      -- Domain averageOrderValueMinor: Σ net ÷ orders over the same window, floored; 0 without orders.
      select coalesce(sum(m.monetary_minor)::bigint / nullif(sum(m.frequency), 0)::bigint, 0) as aov,
             count(*) filter (where m.frequency > 0) as population
      from m
    ),
    scored as (
      select m.customer_id, m.recency_days, m.frequency, m.monetary_minor,
             (case when m.frequency = 0 then 1 else ${score.r} end)::smallint as r,
             (case when m.frequency = 0 then 1 else ${score.f} end)::smallint as f,
             (case when m.frequency = 0 then 1 else ${score.m} end)::smallint as m
      from m cross join shop
    ),
    final as (
      select s.*,
             -- Domain compositeScoreX10: round(10 × Σ w·s ÷ Σw) half up, in integers.
             ((20 * (${rBp}::int * s.r + ${fBp}::int * s.f + ${mBp}::int * s.m) + ${sumW}::int)
               / (2 * ${sumW}::int))::smallint as composite_x10,
             (case
                when s.frequency = 0 then 'inactive'
                when s.r = 5 and s.f >= 4 and s.m >= 4 then 'champions'
                when s.r >= 3 and s.f >= 3 and s.m >= 3 then 'loyal'
                when s.r >= 4 and s.f = 1 then 'new'
                when s.r <= 2 and s.f >= 3 then 'at_risk'
                when s.r <= 2 and s.f <= 2 then 'hibernating'
                else 'needs_attention'
              end)::rfm_segment as segment,
             s.m = 5 as big_spender
      from scored s
    ),
    -- An UPDATE joined to the result, then an INSERT of the customers never scored before, is far
    -- cheaper for a million rows than INSERT … ON CONFLICT (no speculative insertion per row).
    -- Rows whose values did not change (customers inactive night after night) are not rewritten.
    updated as (
      update rfm_scores t set
        recency_days = f.recency_days, frequency = f.frequency, monetary_minor = f.monetary_minor,
        r = f.r, f = f.f, m = f.m, composite_x_10 = f.composite_x10, segment = f.segment,
        big_spender = f.big_spender, computed_at = ${p.asOf.toISOString()}::timestamptz
      from final f
      where t.shop_id = ${p.shopId}::uuid and t.customer_id = f.customer_id
        and (t.recency_days, t.frequency, t.monetary_minor, t.r, t.f, t.m, t.composite_x_10,
             t.segment, t.big_spender)
            is distinct from (f.recency_days, f.frequency, f.monetary_minor, f.r, f.f, f.m,
                              f.composite_x10, f.segment, f.big_spender)
      returning 1
    ),
    inserted as (
      insert into rfm_scores as t (shop_id, customer_id, recency_days, frequency, monetary_minor,
                                   r, f, m, composite_x_10, segment, big_spender, computed_at)
      select ${p.shopId}::uuid, f.customer_id, f.recency_days, f.frequency, f.monetary_minor,
             f.r, f.f, f.m, f.composite_x10, f.segment, f.big_spender, ${p.asOf.toISOString()}::timestamptz
      from final f
      where not exists (
        select 1 from rfm_scores e where e.shop_id = ${p.shopId}::uuid and e.customer_id = f.customer_id)
      -- A per-customer recomputation may insert the row meanwhile: the nightly result wins.
      on conflict (shop_id, customer_id) do update set
        recency_days = excluded.recency_days, frequency = excluded.frequency,
        monetary_minor = excluded.monetary_minor, r = excluded.r, f = excluded.f, m = excluded.m,
        composite_x_10 = excluded.composite_x_10, segment = excluded.segment,
        big_spender = excluded.big_spender, computed_at = excluded.computed_at
      returning 1
    ),
    synced as (
      update customers c set
        rfm_segment = f.segment, rfm_recency_score = f.r, rfm_frequency_score = f.f,
        rfm_monetary_score = f.m, rfm_composite_x_10 = f.composite_x10, rfm_big_spender = f.big_spender,
        updated_at = now()
      from final f
      where c.shop_id = ${p.shopId}::uuid and c.id = f.customer_id
        and (c.rfm_segment, c.rfm_recency_score, c.rfm_frequency_score, c.rfm_monetary_score,
             c.rfm_composite_x_10, c.rfm_big_spender)
            is distinct from (f.segment, f.r, f.f, f.m, f.composite_x10, f.big_spender)
      returning 1
    ),
    counted as (
      insert into rfm_segment_counts as t (shop_id, day, segment, customers, big_spenders)
      select ${p.shopId}::uuid, ${p.today}::date, s.segment,
             count(f.customer_id)::int, (count(*) filter (where f.big_spender))::int
      from unnest(enum_range(null::rfm_segment)) as s(segment)
      left join final f on f.segment = s.segment
      group by s.segment
      on conflict (shop_id, day, segment) do update set
        customers = excluded.customers, big_spenders = excluded.big_spenders
      returning segment, customers, big_spenders
    )
    select counted.segment::text as segment, counted.customers, counted.big_spenders,
           (select count(*) from final)::int as scored,
           ((select count(*) from updated) + (select count(*) from inserted))::int as written,
           (select count(*) from synced)::int as synced,
           (select aov from shop)::bigint as aov
    from counted`;
}
