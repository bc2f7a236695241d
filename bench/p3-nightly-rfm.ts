/**
 * P3 — nightly RFM for one shop (docs: ../shared/spec/quality.md).
 *
 * Generates one shop of P3_CUSTOMERS customers (default 1,000,000) and P3_ORDERS orders (default
 * 10,000,000) in a scratch database with INSERT … SELECT generate_series, then times, in the same
 * run and on the same data:
 *   - baseline: a bare set-based SQL pass — the per-customer metrics and the band CASE in one
 *     SELECT (nothing written, parallel workers allowed), with the same work_mem as the real pass;
 *   - LoyalNest: `runShopRfm` — metrics, scores, composite, segments, big spender, the upsert of
 *     `rfm_scores`, the sync of `customers.rfm_*` and the day's segment counts.
 * The first pass of a shop inserts every `rfm_scores` row; the figure compared is a steady-state
 * night (the median of P3_NIGHTS consecutive nights after it), the first pass is printed beside.
 *
 * Usage: pnpm exec tsx bench/p3-nightly-rfm.ts
 *   DATABASE_URL   server to use (default postgres://postgres@127.0.0.1:5432/postgres)
 *   P3_CUSTOMERS   customers (default 1000000)      P3_ORDERS  orders (default 10000000)
 *   P3_NIGHTS      measured nights (default 3)      P3_FRESH=1 regenerate even if the scratch database exists
 *   P3_RECORD=0    do not write bench/results/P3.json and docs/benchmarks.md
 */
import os from "node:os";
import postgres from "postgres";
import { createDatabase, runMigrations } from "@loyalnest/db";
// By path until @loyalnest/db's loyalty index exports the RFM pass.
import { runShopRfm } from "../packages/db/src/loyalty/rfm";
import { rfmWindowStart } from "../packages/db/src/loyalty/rfm-setup";
import { recordBenchmark } from "./lib";

const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CUSTOMERS = Number(process.env.P3_CUSTOMERS ?? 1_000_000);
const ORDERS = Number(process.env.P3_ORDERS ?? 10_000_000);
const NIGHTS = Number(process.env.P3_NIGHTS ?? 3);
const FRESH = process.env.P3_FRESH === "1";
const RECORD = process.env.P3_RECORD !== "0";
const TZ = "America/New_York";
/** The first night measured; orders span the 400 days before it. */
const FIRST_NIGHT = new Date("2026-06-15T05:00:00Z");
const DAY = 86_400_000;

const dbName = `ln_bench_p3_${CUSTOMERS}_${ORDERS}`;
const withDb = (name: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};
const dbUrl = withDb(dbName);

const seconds = (ms: number) => (ms / 1000).toFixed(2);
async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Creates and fills the scratch database unless a complete one from an earlier run exists. */
async function prepare(): Promise<string> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  const [exists] = await admin`select 1 as one from pg_database where datname = ${dbName}`;
  if (exists && FRESH) await admin.unsafe(`drop database "${dbName}" with (force)`);
  if (!exists || FRESH) await admin.unsafe(`create database "${dbName}"`);
  await admin.end();

  await runMigrations(dbUrl);
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {} });
  try {
    const [shop] = await sql<{ id: string }[]>`select id from shops where domain = 'p3-bench.myshopify.com'`;
    const [{ n } = { n: 0 }] = await sql<{ n: number }[]>`select count(*)::int as n from order_summaries`;
    if (shop && n === ORDERS) {
      console.info(`[p3] reusing ${dbName}`);
      return shop.id;
    }
    return await generate(sql);
  } finally {
    await sql.end();
  }
}

async function generate(sql: postgres.Sql): Promise<string> {
  console.info(`[p3] generating ${CUSTOMERS.toLocaleString()} customers / ${ORDERS.toLocaleString()} orders`);
  await sql`truncate shops cascade`;
  const [shop] = await sql<{ id: string }[]>`
    insert into shops (domain, name, currency, timezone)
    values ('p3-bench.myshopify.com', 'P3 bench', 'USD', ${TZ}) returning id`;
  const shopId = shop!.id;
  await sql`insert into shop_settings (shop_id, config) values (${shopId}, '{}'::jsonb)`;
  const started = performance.now();
  await sql.unsafe(`set synchronous_commit = off`);
  await sql`
    insert into customers (shop_id, shopify_customer_id, joined_at)
    select ${shopId}::uuid, g, ${FIRST_NIGHT.toISOString()}::timestamptz - (g % 900) * interval '1 day'
    from generate_series(1, ${CUSTOMERS}::int) g`;
  const [{ min_id: minId } = { min_id: 1 }] = await sql<{ min_id: number }[]>`
    select min(id)::bigint as min_id from customers where shop_id = ${shopId}`;
  // Skewed like a real store: a few customers order a lot, most once or twice; 10% never do.
  // Ages 0–400 days (beyond the 365-day window too), 2% cancelled, 10% partly or fully refunded.
  const batch = 2_000_000;
  for (let from = 1; from <= ORDERS; from += batch) {
    const to = Math.min(ORDERS, from + batch - 1);
    await sql`
      insert into order_summaries (shop_id, shopify_order_id, customer_id, currency, subtotal_minor,
                                   total_minor, refunded_minor, placed_at, paid_at, cancelled_at, financial_status)
      select ${shopId}::uuid, g, ${minId}::bigint + c, 'USD', t, t,
             case when h % 20 = 0 then t when h % 20 = 1 then t / 2 else 0 end,
             p - interval '2 minutes', p, case when h % 50 = 7 then p + interval '1 day' end, 'paid'
      from (
        select g,
               (floor(power(abs(hashint8(g))::numeric / 2147483648.0, 2.2) * ${Math.floor(CUSTOMERS * 0.9)}))::bigint as c,
               (500 + abs(hashint8(g * 31)) % 20000)::int as t,
               abs(hashint8(g * 17)) as h,
               ${FIRST_NIGHT.toISOString()}::timestamptz - (abs(hashint8(g * 7)) % (400 * 86400)) * interval '1 second' as p
        from generate_series(${from}::bigint, ${to}::bigint) g
      ) s`;
    console.info(`[p3]   orders ${to.toLocaleString()} (${seconds(performance.now() - started)} s)`);
  }
  await sql.unsafe(`vacuum analyze customers`);
  await sql.unsafe(`vacuum analyze order_summaries`);
  console.info(`[p3] generated in ${seconds(performance.now() - started)} s`);
  return shopId;
}

/** The bare pass: metrics and the §11 default band CASE in one SELECT, aggregated so nothing big is shipped. */
async function baselinePass(sql: postgres.Sql, shopId: string, asOf: Date) {
  const windowStart = rfmWindowStart(asOf, TZ, 365)!;
  return sql.begin(async (tx) => {
    await tx.unsafe(`set local work_mem = '256MB'`);
    return tx`
      with m as (
        select customer_id, max(paid_at) as last_paid, count(*) as freq,
               sum(greatest(0, total_minor - refunded_minor))::bigint as monetary
        from order_summaries
        where shop_id = ${shopId}::uuid and customer_id is not null and paid_at is not null
          and cancelled_at is null and paid_at <= ${asOf.toISOString()}::timestamptz
          and paid_at >= ${windowStart.toISOString()}::timestamptz
        group by customer_id
      ), a as (select sum(monetary)::bigint / sum(freq)::bigint as aov from m)
      select r, f, mm, count(*)::int as n from (
        select case when d <= 7 then 5 when d <= 30 then 4 when d <= 60 then 3 when d <= 90 then 2 else 1 end as r,
               case when freq <= 1 then 1 when freq <= 3 then 2 when freq <= 5 then 3 when freq <= 10 then 4 else 5 end as f,
               case when monetary * 10000 < 5000 * aov then 1 when monetary * 10000 < 10000 * aov then 2
                    when monetary * 10000 < 20000 * aov then 3 when monetary * 10000 < 50000 * aov then 4 else 5 end as mm
        from (select m.*, ${localDay(asOf, 0)}::date - (last_paid at time zone ${TZ})::date as d from m) x
        cross join a
      ) s group by 1, 2, 3`;
  });
}

function localDay(asOf: Date, offsetDays: number): string {
  const d = new Intl.DateTimeFormat("en-CA", { timeZone: TZ }).format(asOf);
  return new Date(Date.parse(`${d}T00:00:00Z`) + offsetDays * DAY).toISOString().slice(0, 10);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function machine(sql: postgres.Sql): Promise<string> {
  const [{ version } = { version: "" }] = await sql<{ version: string }[]>`select version()`;
  const cpu = os.cpus()[0]?.model.replace(/\s+/g, " ").trim() ?? "cpu";
  return `${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GB, ${version.split(" ").slice(0, 2).join(" ")}`;
}

async function main() {
  const shopId = await prepare();
  const handle = createDatabase(dbUrl, { max: 2, applicationName: "bench:p3" });
  const bare = postgres(dbUrl, { max: 1, onnotice: () => {} });
  try {
    const first = await timed(() => runShopRfm(handle.db, shopId, FIRST_NIGHT));
    console.info(`[p3] first pass (inserts every rfm_scores row): ${seconds(first.ms)} s`);
    const base: number[] = [];
    const ours: number[] = [];
    for (let night = 1; night <= NIGHTS; night++) {
      const asOf = new Date(FIRST_NIGHT.getTime() + night * DAY);
      const b = await timed(() => baselinePass(bare, shopId, asOf));
      const o = await timed(() => runShopRfm(handle.db, shopId, asOf));
      base.push(b.ms);
      ours.push(o.ms);
      console.info(
        `[p3] night ${night}: baseline ${seconds(b.ms)} s, runShopRfm ${seconds(o.ms)} s ` +
          `(${o.value.customers.toLocaleString()} scored, ${o.value.customersChanged.toLocaleString()} changed), ` +
          `ratio ${(o.ms / b.ms).toFixed(2)}×`,
      );
    }
    const baseline = median(base);
    const loyalnest = median(ours);
    const ratio = loyalnest / baseline;
    const machineText = await machine(bare);
    const size = `${CUSTOMERS.toLocaleString("en-US")} customers / ${ORDERS.toLocaleString("en-US")} orders`;
    console.info(
      `[p3] ${size}: baseline ${seconds(baseline)} s, runShopRfm ${seconds(loyalnest)} s, ` +
        `ratio ${ratio.toFixed(2)}× (target ≤ 1.5×); ${machineText}`,
    );
    if (RECORD) {
      await recordBenchmark({
        id: "P3",
        what: `nightly RFM, one shop, ${size}; steady-state night, median of ${NIGHTS} (first pass ${seconds(first.ms)} s)`,
        baseline: `${seconds(baseline)} s bare SELECT: metrics + band CASE`,
        result: `${seconds(loyalnest)} s runShopRfm (scores, segments, upserts, counts)`,
        ratio: `${ratio.toFixed(2)}×`,
        target: "≤ 1.5×",
      });
      console.info("[p3] recorded in bench/results/P3.json and docs/benchmarks.md");
    }
  } finally {
    await bare.end();
    await handle.close();
  }
}

await main();
