/**
 * P2 — the earn pipeline (quality.md): orders/s of `orders/paid` job in → ledger + balance
 * committed → job done, through the real worker runtime and handlers, against the same ledger
 * writes done directly (`recordPaidOrder`, 16 concurrent transactions, durable commits), in the
 * same run on the same data size; then queued-to-committed p99 at a steady 200 jobs/s.
 * The jobs are fed through the real edge (`ingestWebhook`, in process) before the worker starts.
 *   pnpm exec tsx bench/p2-earn-pipeline.ts      (P2_ORDERS=5000 P2_CUSTOMERS=1000 P2_LATENCY_SECONDS=15)
 */
import { randomUUID } from "node:crypto";
import { createIngestDeps, ingestWebhook, type IngestDeps } from "@loyalnest/api";
import { createDatabase, recordPaidOrder, type DatabaseHandle } from "@loyalnest/db";
import { createTestKeyring, insertTestCustomer, insertTestShop } from "@loyalnest/db/testing";
import { createBoss, installQueueSchema } from "@loyalnest/queue";
import { orderPayloadSchema } from "@loyalnest/shopify";
import type { Sql } from "postgres";
import { toPaidOrder } from "../apps/worker/src/handlers/order-mapping";
import { startWorkerRuntime } from "../apps/worker/src/runtime";
import { startShopifyStandIn } from "../apps/shopify-dev/src/index";
import { signWebhookBody } from "../apps/shopify-dev/src/webhooks/sign";
import { BENCH_SECRET_VALUE, recordBenchmark, scratchDatabase } from "./lib";

const ORDERS = Number(process.env.P2_ORDERS ?? 5_000);
const CUSTOMERS = Number(process.env.P2_CUSTOMERS ?? 1_000);
const LATENCY_SECONDS = Number(process.env.P2_LATENCY_SECONDS ?? 15);
const LATENCY_RATE = 200;
const CONCURRENCY = 16;
const DIRECT_SHOP = "p2-direct.myshopify.com";
const PIPELINE_SHOP = "p2-pipeline.myshopify.com";
const LATENCY_SHOP = "p2-latency.myshopify.com";

/** Realistic `orders/paid` bodies from the stand-in (never sent): one set serves every variant. */
async function generateOrders(count: number, customers: number) {
  const standIn = await startShopifyStandIn({ port: 0, webhookUrl: "http://127.0.0.1:9/unused" });
  try {
    const shop = "p2-source.myshopify.com";
    standIn.commands.createShop({ domain: shop });
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32;
    const ids = Array.from(
      { length: customers },
      (_, i) =>
        standIn.commands.createCustomer({ shop, email: `p2-${i}@example.com` }, { deliver: false }).result.id,
    );
    return Array.from({ length: count }, () => {
      const lineItems = Array.from({ length: 1 + Math.floor(random() * 3) }, () => ({
        price: `${5 + Math.floor(random() * 75)}.99`,
        quantity: 1 + Math.floor(random() * 3),
      }));
      const customerId = ids[Math.floor(random() * ids.length)]!;
      const { deliveries } = standIn.commands.createOrder(
        { shop, customerId, lineItems },
        { deliver: false },
      );
      return deliveries[0]!.body;
    });
  } finally {
    await standIn.close();
  }
}

/** A shop with its customers already known (both variants start from the same state). */
async function prepareShop(database: DatabaseHandle, domain: string, bodies: string[]) {
  const shop = await insertTestShop(database.db, { domain });
  const shopifyIds = new Set(bodies.map((b) => (JSON.parse(b) as { customer: { id: number } }).customer.id));
  const customers = new Map<number, number>();
  for (const shopifyId of shopifyIds) {
    const customer = await insertTestCustomer(database.db, shop.id, { shopifyCustomerId: shopifyId });
    customers.set(shopifyId, customer.id);
  }
  return { shopId: shop.id, customers };
}

async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<unknown>) {
  let next = 0;
  const loop = async () => {
    for (let item = items[next++]; item !== undefined; item = items[next++]) await work(item);
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
}

/** Baseline: the parsed orders written with recordPaidOrder, one transaction each, 16 at a time. */
async function direct(database: DatabaseHandle, bodies: string[]) {
  const { shopId, customers } = await prepareShop(database, DIRECT_SHOP, bodies);
  const paid = bodies.map((body) => {
    const order = orderPayloadSchema.parse(JSON.parse(body));
    const customerId = customers.get(order.customer!.id) ?? null;
    return toPaidOrder(order, { customerId, guestEmailHash: null, shippingAddressHash: null });
  });
  const started = performance.now();
  await inParallel(paid, CONCURRENCY, (order) =>
    database.db.transaction((tx) => recordPaidOrder(tx, shopId, order)),
  );
  return bodies.length / ((performance.now() - started) / 1000);
}

const headers = (domain: string, body: string) => ({
  "content-type": "application/json",
  "x-shopify-topic": "orders/paid",
  "x-shopify-hmac-sha256": signWebhookBody(body, BENCH_SECRET_VALUE),
  "x-shopify-shop-domain": domain,
  "x-shopify-api-version": "2026-01",
  "x-shopify-webhook-id": randomUUID(),
  "x-shopify-event-id": randomUUID(),
  "x-shopify-triggered-at": new Date().toISOString(),
});

async function ingest(deps: IngestDeps, domain: string, body: string) {
  const result = await ingestWebhook(deps, { rawBody: Buffer.from(body), headers: headers(domain, body) });
  if (result.status !== 200)
    throw new Error(`edge answered ${result.status}: ${JSON.stringify(result.body)}`);
}

async function waitUntilWorked(sql: Sql, shopId: string, count: number) {
  for (;;) {
    const [row] = await sql<{ done: number }[]>`
      select count(*)::int as done from webhook_deliveries
      where shop_id = ${shopId} and status in ('processed', 'ignored', 'parked', 'dead')`;
    if ((row?.done ?? 0) >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Pipeline: every job queued first (through the edge), then the worker runtime drains them. */
async function pipeline(database: DatabaseHandle, url: string, deps: IngestDeps, bodies: string[]) {
  const { shopId } = await prepareShop(database, PIPELINE_SHOP, bodies);
  await inParallel(bodies, CONCURRENCY, (body) => ingest(deps, PIPELINE_SHOP, body));
  const started = performance.now();
  const runtime = await startWorkerRuntime({
    databaseUrl: url,
    keyring: createTestKeyring(),
    batchSize: CONCURRENCY,
    parkedSweep: false,
  });
  try {
    await waitUntilWorked(database.sql, shopId, bodies.length);
    return bodies.length / ((performance.now() - started) / 1000);
  } finally {
    await runtime.stop();
  }
}

/** Queued-to-committed at a steady 200 jobs/s: the delivery's receipt to its processing commit. */
async function latency(database: DatabaseHandle, url: string, deps: IngestDeps, bodies: string[]) {
  const sample = bodies.slice(0, LATENCY_RATE * LATENCY_SECONDS);
  const { shopId } = await prepareShop(database, LATENCY_SHOP, sample);
  const runtime = await startWorkerRuntime({
    databaseUrl: url,
    keyring: createTestKeyring(),
    batchSize: CONCURRENCY,
    parkedSweep: false,
  });
  try {
    const started = performance.now();
    const sends: Promise<void>[] = [];
    for (let i = 0; i < sample.length; i++) {
      const due = started + (i * 1000) / LATENCY_RATE - performance.now();
      if (due > 1) await new Promise((resolve) => setTimeout(resolve, due));
      sends.push(ingest(deps, LATENCY_SHOP, sample[i]!));
    }
    await Promise.all(sends);
    await waitUntilWorked(database.sql, shopId, sample.length);
  } finally {
    await runtime.stop();
  }
  const [row] = await database.sql<{ p50: number; p99: number }[]>`
    select percentile_cont(0.5) within group (order by ms) as p50,
           percentile_cont(0.99) within group (order by ms) as p99
    from (select extract(epoch from processed_at - received_at) * 1000 as ms
          from webhook_deliveries where shop_id = ${shopId}) t`;
  return { p50: Number(row?.p50), p99: Number(row?.p99), jobs: sample.length };
}

async function main() {
  const scratch = await scratchDatabase("p2");
  await installQueueSchema(scratch.url);
  const database = createDatabase(scratch.url, { max: CONCURRENCY + 4 });
  const edgeBoss = createBoss(scratch.url, { supervise: false, schedule: false, max: 8 });
  edgeBoss.on("error", () => {});
  await edgeBoss.start();
  const deps = createIngestDeps(database.db, edgeBoss, BENCH_SECRET_VALUE);
  try {
    const bodies = await generateOrders(ORDERS, CUSTOMERS);
    console.info(`[P2] ${ORDERS} orders from ${CUSTOMERS} customers, ${CONCURRENCY} in flight`);
    const baseline = await direct(database, bodies);
    console.info(`[P2] direct recordPaidOrder: ${baseline.toFixed(0)} orders/s`);
    const throughput = await pipeline(database, scratch.url, deps, bodies);
    console.info(`[P2] pipeline (queued → ledger → job done): ${throughput.toFixed(0)} orders/s`);
    const lat = await latency(database, scratch.url, deps, bodies);
    console.info(
      `[P2] at ${LATENCY_RATE} jobs/s (${lat.jobs} jobs): queued→committed p50 ${lat.p50.toFixed(1)} ms, p99 ${lat.p99.toFixed(1)} ms`,
    );
    const ratio = throughput / baseline;
    await recordBenchmark({
      id: "P2",
      what: `earn pipeline: orders/paid job → ledger + balance → job done (${ORDERS.toLocaleString("en")} orders, ${CUSTOMERS.toLocaleString("en")} customers)`,
      baseline: `recordPaidOrder direct, ${CONCURRENCY} concurrent tx: ${baseline.toFixed(0)} orders/s`,
      result: `${throughput.toFixed(0)} orders/s; p99 queued→committed at ${LATENCY_RATE}/s: ${lat.p99.toFixed(0)} ms (p50 ${lat.p50.toFixed(0)} ms)`,
      ratio: `${(ratio * 100).toFixed(0)}%`,
      target: "≥ 85% of direct; p99 ≤ 100 ms at 200 jobs/s",
    });
  } finally {
    await edgeBoss.stop({ graceful: false });
    await database.close();
    await scratch.drop();
  }
}

await main();
