/**
 * P4 — shopper read through tRPC (quality.md): `shopper.profile` (balance, tier, progress, rewards)
 * through the app proxy, against a no-op tRPC procedure on the same stack in the same run.
 * Each server runs in its own process; autocannon drives it.
 *   - throughput: 50 connections flat out, requests/s;
 *   - latency: a fixed 500 req/s, p99 in ms;
 * with Redis and with the in-process store.
 *   pnpm exec tsx bench/p4-shopper-read.ts      (P4_SECONDS=10)
 */
import { fork } from "node:child_process";
import { join } from "node:path";
import { DEV_SHOPIFY_APP } from "@loyalnest/api";
import { signAppProxyQuery } from "@loyalnest/shopify";
import autocannon from "autocannon";
import postgres from "postgres";
import { recordBenchmark, scratchDatabase } from "./lib";

const seconds = Number(process.env.P4_SECONDS ?? 10);
const SHOP = "bench-p4.myshopify.com";
const CUSTOMERS = 2_000;

async function seed(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  const [shop] = await sql<{ id: string }[]>`
    insert into shops (domain, name, currency, timezone) values (${SHOP}, 'P4 shop', 'USD', 'UTC') returning id`;
  const shopId = shop!.id;
  await sql`insert into shop_settings (shop_id, config) values (${shopId}, '{}'::jsonb)`;
  await sql`insert into vip_tiers (shop_id, name, threshold) values
    (${shopId}, 'Silver', 1000), (${shopId}, 'Gold', 5000), (${shopId}, 'Platinum', 20000)`;
  await sql`insert into rewards (shop_id, name, type, points_cost, value_minor, currency)
    select ${shopId}, '$' || n || ' off', 'fixed_amount', n * 100, n * 100, 'USD' from generate_series(1, 5) n`;
  await sql`insert into customers (shop_id, shopify_customer_id, joined_at)
    select ${shopId}, 1000000 + n, now() from generate_series(1, ${CUSTOMERS}) n`;
  await sql`insert into point_balances (shop_id, customer_id, available, lifetime_earned)
    select shop_id, id, (id * 37) % 3000, (id * 37) % 3000 from customers where shop_id = ${shopId}`;
  await sql.end();
}

/** App-proxy signed paths for random customers, signed now (valid for 90 s: sign per phase). */
function signedPaths(count: number): string[] {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return Array.from({ length: count }, (_, i) => {
    const params = new URLSearchParams({
      shop: SHOP,
      logged_in_customer_id: String(1000001 + (i % CUSTOMERS)),
      path_prefix: "/apps/loyalnest",
      timestamp,
    });
    params.set("signature", signAppProxyQuery(params, DEV_SHOPIFY_APP.apiSecret));
    return `/api/proxy/trpc/shopper.profile?${params}`;
  });
}

async function startServer(variant: string, url: string, port: number) {
  const child = fork(join(import.meta.dirname, "p4", "servers.ts"), [variant, String(port), url], {
    execArgv: ["--import", "tsx"],
    stdio: "inherit",
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`${variant} exited ${code}`)));
  });
  return child;
}

async function drive(port: number, options: { connections: number; overallRate?: number; amount?: number }) {
  const paths = signedPaths(CUSTOMERS);
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: seconds }),
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }) }],
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`${bad} failed requests (non-2xx ${result.non2xx}, errors ${result.errors})`);
  return { rps: result.requests.average, p99: result.latency.p99, total: result.requests.total };
}

async function measure(variant: string, url: string, port: number) {
  const child = await startServer(variant, url, port);
  try {
    // Warm-up: every customer read once (JIT, pools, and each customer's cache entry), as on a
    // storefront where the widget is read on every page view.
    await drive(port, { connections: 10, amount: CUSTOMERS * 2 });
    const throughput = await drive(port, { connections: 50 });
    const latency = await drive(port, { connections: 20, overallRate: 500 });
    console.info(
      `${variant.padEnd(15)} ${throughput.rps.toFixed(0).padStart(6)} req/s flat out · p99 ${latency.p99} ms at 500 req/s`,
    );
    return { rps: throughput.rps, p99: latency.p99 };
  } finally {
    child.kill();
  }
}

const db = await scratchDatabase("p4");
try {
  await seed(db.url);
  const noop = await measure("noop", db.url, 4701);
  const redis = await measure("profile-redis", db.url, 4702);
  const memory = await measure("profile-memory", db.url, 4703);
  const pct = (x: number) => `${((x / noop.rps) * 100).toFixed(0)}%`;
  await recordBenchmark({
    id: "P4",
    what: "shopper.profile through tRPC (app proxy), 2,000 customers",
    baseline: `no-op tRPC procedure ${noop.rps.toFixed(0)} req/s`,
    result: `Redis ${redis.rps.toFixed(0)} req/s, p99 ${redis.p99} ms @500/s; in-process ${memory.rps.toFixed(0)} req/s, p99 ${memory.p99} ms @500/s`,
    ratio: `Redis ${pct(redis.rps)}, in-process ${pct(memory.rps)}`,
    target: "p99 < 25 ms at 500 req/s with and without Redis; ≥ 60% of no-op",
  });
} finally {
  await db.drop();
}
