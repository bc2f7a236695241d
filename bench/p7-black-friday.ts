/**
 * P7 — the Black-Friday drill (quality.md): the stand-in's load generator sends N orders from M
 * customers to LoyalNest's real edge (node:http + ingestWebhook), every delivery 1–3 times and
 * out of order, while worker processes (`apps/worker/src/main.ts`) drain the queue. Once the
 * backlog is drained, every customer's balance must equal the hand-computed expectation and
 * `balance = sum(ledger)` must hold for all.
 *   pnpm exec tsx bench/p7-black-friday.ts
 *   (P7_ORDERS=100000 P7_CUSTOMERS=20000 P7_RATE=1000 orders/s P7_WORKERS=2 P7_TRIPLE_RATE=0.5)
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { createIngestDeps, ingestWebhook, type IngestDeps } from "@loyalnest/api";
import { createDatabase, findBalanceMismatches } from "@loyalnest/db";
import { insertTestShop } from "@loyalnest/db/testing";
import { createBoss, installQueueSchema } from "@loyalnest/queue";
import type { Sql } from "postgres";
import {
  generateLoad,
  LOAD_LIMITS,
  startShopifyStandIn,
  type Delivery,
  type LoadResult,
  type ShopifyStandIn,
} from "../apps/shopify-dev/src/index";
import { BENCH_SECRET_VALUE, recordBenchmark, scratchDatabase } from "./lib";

const ORDERS = Number(process.env.P7_ORDERS ?? 100_000);
const CUSTOMERS = Number(process.env.P7_CUSTOMERS ?? 20_000);
const RATE = Number(process.env.P7_RATE ?? 1_000);
const WORKERS = Number(process.env.P7_WORKERS ?? 2);
/** Share of duplicated deliveries sent a third time (the generator itself sends 1 or 2 copies). */
const TRIPLE_RATE = Number(process.env.P7_TRIPLE_RATE ?? 0.5);
const SEED = Number(process.env.P7_SEED ?? 2_026);
const SHOP = "black-friday.myshopify.com";
/** product.md §4: the default signup bonus every customer gets on `customers/create`. */
const SIGNUP_POINTS = 200;
const WORKER_MAIN = join(import.meta.dirname, "..", "apps", "worker", "src", "main.ts");

const answers = new Map<number, number>();

/** The admin's /api/webhooks route in miniature (as stand-in-delivery.test.ts): raw body in, ingestWebhook out. */
function startEdge(deps: IngestDeps): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : v]),
      );
      const result = await ingestWebhook(deps, { rawBody: Buffer.concat(chunks), headers });
      answers.set(result.status, (answers.get(result.status) ?? 0) + 1);
      res.writeHead(result.status, { "content-type": "application/json" }).end(JSON.stringify(result.body));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

/** One worker process, as production runs it; resolves once it works the queue. */
async function startWorker(databaseUrl: string, keys: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", WORKER_MAIN], {
    env: { ...process.env, ...keys, DATABASE_URL: databaseUrl, WORKER_BATCH_SIZE: "16" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("[worker] ready")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`worker exited with ${code} before ready`)));
  });
  return child;
}

/**
 * The generator caps one run at 10,000 customers, so larger drills are several runs against the
 * same shop, each with its share of customers and orders.
 */
async function runLoad(standIn: ShopifyStandIn): Promise<LoadResult[]> {
  const runs = Math.ceil(CUSTOMERS / LOAD_LIMITS.maxCustomers);
  const results: LoadResult[] = [];
  for (let run = 0; run < runs; run++) {
    const orders = Math.floor(ORDERS / runs) + (run < ORDERS % runs ? 1 : 0);
    const customers = Math.floor(CUSTOMERS / runs) + (run < CUSTOMERS % runs ? 1 : 0);
    results.push(
      await generateLoad(standIn, {
        shop: SHOP,
        ordersPerSecond: RATE,
        customers,
        seconds: orders / RATE,
        duplicateRate: 0.5,
        reorderRate: 0.5,
        seed: SEED + run,
      }),
    );
  }
  return results;
}

/** The third copy: Shopify retrying a delivery it already sent twice (same webhook and event id). */
async function sendThirdCopies(standIn: ShopifyStandIn, edgeUrl: string) {
  let state = SEED >>> 0;
  const random = () => (state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
  const copies = standIn.dispatcher.deliveries.filter(
    (d) => d.duplicateOf !== null && random() < TRIPLE_RATE,
  );
  let next = 0;
  const send = async () => {
    for (let d = copies[next++]; d; d = copies[next++]) {
      const response = await fetch(edgeUrl, {
        method: "POST",
        headers: standIn.dispatcher.headersFor(d),
        body: d.body,
      });
      answers.set(response.status, (answers.get(response.status) ?? 0) + 1);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: 16 }, send));
  return copies.length;
}

/** Drained: every event stored, and none left to work (parked, dead and settled ones are done). */
async function waitForDrain(sql: Sql, shopId: string, events: number) {
  for (;;) {
    const [row] = await sql<{ all: number; pending: number }[]>`
      select count(*)::int as all,
             (count(*) filter (where status in ('received', 'processing', 'failed')))::int as pending
      from webhook_deliveries where shop_id = ${shopId}`;
    if (row && row.all >= events && row.pending === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

interface Expectation {
  balances: Map<number, number>;
  orders: number;
}

/**
 * By hand, from what the generator sent: each distinct orders/paid earns floor(subtotal × 10 / 100)
 * — per order, not on the total — plus the signup bonus. The per-order subtotals are checked to
 * add up to the generator's per-customer expected spend.
 */
function expectation(
  deliveries: readonly Delivery[],
  loads: LoadResult[],
  rate: { points: number; perMinor: number },
) {
  const seen = new Set<string>();
  const balances = new Map<number, number>();
  const spend = new Map<number, number>();
  for (const delivery of deliveries) {
    if (delivery.topic !== "orders/paid" || seen.has(delivery.eventId)) continue;
    seen.add(delivery.eventId);
    const order = JSON.parse(delivery.body) as {
      customer: { id: number };
      line_items: { price: string; quantity: number }[];
    };
    const cents = order.line_items.reduce((s, l) => s + Math.round(Number(l.price) * 100) * l.quantity, 0);
    const points = Math.floor((cents * rate.points) / rate.perMinor);
    balances.set(order.customer.id, (balances.get(order.customer.id) ?? 0) + points);
    spend.set(order.customer.id, (spend.get(order.customer.id) ?? 0) + cents);
  }
  for (const customer of loads.flatMap((l) => l.perCustomer)) {
    const expectedSpend = Math.round(Number(customer.spend) * 100);
    if ((spend.get(customer.customerId) ?? 0) !== expectedSpend)
      throw new Error(
        `customer ${customer.customerId}: sent ${spend.get(customer.customerId)} ≠ ${expectedSpend}`,
      );
    balances.set(customer.customerId, (balances.get(customer.customerId) ?? 0) + SIGNUP_POINTS);
  }
  return { balances, orders: seen.size } satisfies Expectation;
}

async function actualBalances(sql: Sql, shopId: string) {
  const rows = await sql<{ shopify_id: string; points: number }[]>`
    select c.shopify_customer_id::text as shopify_id, (b.available + b.pending)::int as points
    from customers c join point_balances b on b.shop_id = c.shop_id and b.customer_id = c.id
    where c.shop_id = ${shopId}`;
  return new Map(rows.map((r) => [Number(r.shopify_id), r.points]));
}

function compare(expected: Map<number, number>, actual: Map<number, number>) {
  const wrong: string[] = [];
  for (const [id, points] of expected) {
    if (actual.get(id) !== points) wrong.push(`${id}: expected ${points}, got ${actual.get(id)}`);
  }
  if (actual.size !== expected.size)
    wrong.push(`${actual.size} customers in the database, ${expected.size} expected`);
  return wrong;
}

async function main() {
  const scratch = await scratchDatabase("p7");
  await installQueueSchema(scratch.url);
  const database = createDatabase(scratch.url, { max: 8 });
  const shop = await insertTestShop(database.db, { domain: SHOP });
  const [rate] = await database.sql<{ points: number; perMinor: number }[]>`
    select earn_points as points, earn_per_minor as "perMinor" from shop_settings where shop_id = ${shop.id}`;
  const edgeBoss = createBoss(scratch.url, { supervise: false, schedule: false, max: 8 });
  edgeBoss.on("error", () => {});
  await edgeBoss.start();
  const edge = await startEdge(createIngestDeps(database.db, edgeBoss, BENCH_SECRET_VALUE));
  const edgeUrl = `http://127.0.0.1:${(edge.address() as AddressInfo).port}/api/webhooks`;
  const keys = {
    LOYALNEST_PII_KEYS: `p7:${randomBytes(32).toString("base64")}`,
    LOYALNEST_BLIND_INDEX_KEY: randomBytes(32).toString("base64"),
  };
  const workers: ChildProcess[] = [];
  for (let i = 0; i < WORKERS; i++) workers.push(await startWorker(scratch.url, keys));
  const standIn = await startShopifyStandIn({
    port: 0,
    apiSecret: BENCH_SECRET_VALUE,
    webhookUrl: edgeUrl,
    retryScale: 0.001,
    shops: [{ domain: SHOP }],
  });
  try {
    console.info(`[P7] ${ORDERS} orders from ${CUSTOMERS} customers at ≤ ${RATE}/s, ${WORKERS} worker(s)`);
    const started = performance.now();
    const loads = await runLoad(standIn);
    const thirdCopies = await sendThirdCopies(standIn, edgeUrl);
    await standIn.deliverPending();
    const ingested = performance.now();
    const events = new Set(standIn.dispatcher.deliveries.map((d) => d.eventId)).size;
    const sent = standIn.dispatcher.deliveries.length + thirdCopies;
    await waitForDrain(database.sql, shop.id, events);
    const drained = performance.now();

    const expected = expectation(standIn.dispatcher.deliveries, loads, rate!);
    const wrong = compare(expected.balances, await actualBalances(database.sql, shop.id));
    const mismatches = await findBalanceMismatches(database.db, shop.id);
    const ingestRate = sent / ((ingested - started) / 1000);
    const drainRate = events / ((drained - started) / 1000);
    const total = (drained - started) / 1000;
    console.info(
      `[P7] ${expected.orders} orders, ${events} events, ${sent} deliveries sent (answers ${JSON.stringify(Object.fromEntries(answers))})`,
    );
    console.info(
      `[P7] ingest ${ingestRate.toFixed(0)} deliveries/s (${((ingested - started) / 1000).toFixed(1)} s), ` +
        `drained ${drainRate.toFixed(0)} events/s, total ${total.toFixed(1)} s (backlog tail ${((drained - ingested) / 1000).toFixed(1)} s)`,
    );
    console.info(`[P7] wrong balances: ${wrong.length}, ledger mismatches: ${mismatches.length}`);
    for (const line of wrong.slice(0, 10)) console.error(`[P7]   ${line}`);
    if (wrong.length > 0 || mismatches.length > 0) throw new Error("P7: totals are not exact");
    await recordBenchmark({
      id: "P7",
      what: `Black-Friday drill: ${expected.orders.toLocaleString("en")} orders / ${CUSTOMERS.toLocaleString("en")} customers, ${sent.toLocaleString("en")} deliveries (1–3× each, shuffled), ${WORKERS} worker process(es)`,
      baseline: `generator at ≤ ${RATE} orders/s; edge took ${ingestRate.toFixed(0)} deliveries/s`,
      result: `drained in ${total.toFixed(1)} s (${drainRate.toFixed(0)} events/s); 0 wrong balances, 0 ledger mismatches`,
      ratio: "exact",
      target: "backlog drained, totals exact (100,000 / 20,000)",
    });
  } finally {
    await standIn.close();
    for (const worker of workers) {
      const exited = once(worker, "exit");
      worker.kill("SIGTERM");
      await exited;
    }
    await new Promise((resolve) => edge.close(resolve));
    await edgeBoss.stop({ graceful: false });
    await database.close();
    await scratch.drop();
  }
}

await main();
