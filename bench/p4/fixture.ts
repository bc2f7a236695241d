/**
 * What P4's scripts share: the seeded shop, app-proxy signed paths, and the API servers of
 * `servers.ts` started in child processes with the admin's production Node flags.
 */
import { fork, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEV_SHOPIFY_APP } from "@loyalnest/api";
import { signAppProxyQuery } from "@loyalnest/shopify";
import autocannon from "autocannon";
import postgres from "postgres";

export const SHOP = "bench-p4.myshopify.com";
export const CUSTOMERS = 2_000;

/** One shop with three tiers, five rewards and `CUSTOMERS` members with balances. */
export async function seed(url: string) {
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
export function signedPath(i: number, timestamp: string): string {
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
export function signedPaths(count: number): string[] {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return Array.from({ length: count }, (_, i) => signedPath(i, timestamp));
}

/**
 * The Node flags the admin's `start` script runs the API with in production (read from
 * apps/admin/package.json, so the two cannot drift; why in apps/admin/README.md). Every server
 * here gets them, the no-op included.
 */
function apiServerNodeFlags(): string[] {
  const admin = JSON.parse(
    readFileSync(join(import.meta.dirname, "..", "..", "apps/admin/package.json"), "utf8"),
  ) as {
    scripts: { start: string };
  };
  const [command, ...args] = admin.scripts.start.split(/\s+/);
  if (command !== "node") throw new Error(`expected the admin's start script to run node, got: ${command}`);
  const flags: string[] = [];
  for (const arg of args) {
    if (!arg.startsWith("--")) break;
    flags.push(arg);
  }
  return flags;
}
const API_SERVER_NODE_FLAGS = apiServerNodeFlags();

/** A `servers.ts` variant listening on `port`, resolved once it is ready. */
export async function startServer(variant: string, url: string, port: number): Promise<ChildProcess> {
  const child = fork(join(import.meta.dirname, "servers.ts"), [variant, String(port), url], {
    execArgv: [...API_SERVER_NODE_FLAGS, "--import", "tsx"],
    stdio: "inherit",
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`${variant} exited ${code}`)));
  });
  return child;
}

/**
 * autocannon against one server, every customer's signed path in turn; any non-2xx, error or
 * timeout fails the run (a benchmark of refused requests would measure the refusal).
 */
export async function drive(
  port: number,
  options: { connections: number } & ({ amount: number } | { seconds: number }),
) {
  const paths = signedPaths(CUSTOMERS);
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: options.connections,
    ...("amount" in options ? { amount: options.amount } : { duration: options.seconds }),
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }) }],
  });
  const bad = result.non2xx + result.errors + result.timeouts;
  if (bad > 0) throw new Error(`${bad} failed requests (non-2xx ${result.non2xx}, errors ${result.errors})`);
  return { rps: result.requests.average, p99: result.latency.p99, total: result.requests.total };
}
