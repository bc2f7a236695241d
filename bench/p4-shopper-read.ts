/**
 * P4 — shopper read through tRPC (quality.md): `shopper.profile` (balance, tier, progress, rewards)
 * through the app proxy, against a no-op tRPC procedure on the same stack in the same run.
 * Each server runs in its own process; autocannon drives it.
 *   - throughput: 50 connections flat out, requests/s;
 *   - latency: 500 req/s, evenly paced (bench/paced-load.ts), p99 in ms from each request's due time;
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
import { pacedLoad } from "./paced-load";

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

/** An app-proxy signed path for customer `i` (mod the population); signatures last 90 s. */
function signedPath(i: number, timestamp: string): string {
  const params = new URLSearchParams({
    shop: SHOP,
    logged_in_customer_id: String(1000001 + (i % CUSTOMERS)),
    path_prefix: "/apps/loyalnest",
    timestamp,
  });
  params.set("signature", signAppProxyQuery(params, DEV_SHOPIFY_APP.apiSecret));
  return `/api/proxy/trpc/shopper.profile?${params}`;
}

/** Signed paths for every customer, signed now (sign per phase). */
function signedPaths(count: number): string[] {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return Array.from({ length: count }, (_, i) => signedPath(i, timestamp));
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

async function drive(port: number, options: { connections: number; amount?: number }) {
  const paths = signedPaths(CUSTOMERS);
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: seconds }),
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }) }],
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`${bad} failed requests (non-2xx ${result.non2xx}, errors ${result.errors})`);
  return { rps: result.requests.average, p99: result.latency.p99, total: result.requests.total };
}

const VARIANTS = ["noop", "profile-redis", "profile-memory"] as const;
type Variant = (typeof VARIANTS)[number];
const ROUNDS = Number(process.env.P4_ROUNDS ?? 3);
type Result = { rps: number; p99: number };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Every server runs for the whole measurement, and their throughput runs are interleaved round by
 * round (median of `ROUNDS`), so a slow spell of the machine does not land on one variant only.
 */
async function measureAll(url: string) {
  const servers = new Map<Variant, { port: number; child: Awaited<ReturnType<typeof startServer>> }>();
  try {
    for (const [i, variant] of VARIANTS.entries()) {
      const port = 4701 + i;
      servers.set(variant, { port, child: await startServer(variant, url, port) });
      // Warm-up: every customer read once (JIT, pools, and each customer's cache entry), as on a
      // storefront where the widget is read on every page view.
      await drive(port, { connections: 10, amount: CUSTOMERS * 2 });
    }
    const rps = new Map<Variant, number[]>(VARIANTS.map((v) => [v, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const variant of VARIANTS) {
        const { rps: r } = await drive(servers.get(variant)!.port, { connections: 50 });
        rps.get(variant)!.push(r);
        console.info(`round ${round} ${variant.padEnd(15)} ${r.toFixed(0).padStart(6)} req/s flat out`);
      }
    }
    const results = new Map<Variant, { rps: number; p99: number }>();
    for (const variant of VARIANTS) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const latency = await pacedLoad({
        port: servers.get(variant)!.port,
        rate: 500,
        seconds,
        path: (i) => signedPath(i, timestamp),
      });
      if (latency.failed > 0) throw new Error(`${variant}: ${latency.failed} failed requests at 500 req/s`);
      const r = median(rps.get(variant)!);
      console.info(
        `${variant.padEnd(15)} median ${r.toFixed(0).padStart(6)} req/s · p99 ${latency.p99} ms at 500 req/s`,
      );
      results.set(variant, { rps: r, p99: Number(latency.p99.toFixed(1)) });
    }
    return results;
  } finally {
    for (const { child } of servers.values()) child.kill();
  }
}

const db = await scratchDatabase("p4");
try {
  await seed(db.url);
  const results = await measureAll(db.url);
  const [noop, redis, memory] = VARIANTS.map((v) => results.get(v)!) as [Result, Result, Result];
  const pct = (x: number) => `${((x / noop.rps) * 100).toFixed(0)}%`;
  await recordBenchmark({
    id: "P4",
    what: `shopper.profile through tRPC (app proxy), 2,000 customers; median of ${ROUNDS} interleaved rounds`,
    baseline: `no-op tRPC procedure ${noop.rps.toFixed(0)} req/s, p99 ${noop.p99} ms @500/s`,
    result: `Redis ${redis.rps.toFixed(0)} req/s, p99 ${redis.p99} ms @500/s; in-process ${memory.rps.toFixed(0)} req/s, p99 ${memory.p99} ms @500/s`,
    ratio: `Redis ${pct(redis.rps)}, in-process ${pct(memory.rps)}`,
    target: "p99 < 25 ms at 500 req/s with and without Redis; ≥ 60% of no-op",
  });
} finally {
  await db.drop();
}
