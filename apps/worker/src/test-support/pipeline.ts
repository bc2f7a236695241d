import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createIngestDeps, ingestWebhook } from "@loyalnest/api";
import { schema, type PiiKeyring } from "@loyalnest/db";
import {
  createTestDatabase,
  createTestKeyring,
  insertTestShop,
  type TestDatabase,
} from "@loyalnest/db/testing";
import { createBoss, installQueueSchema } from "@loyalnest/queue";
import { startShopifyStandIn, type ShopifyStandIn } from "@loyalnest/shopify-dev";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll } from "vitest";
import { startWorkerRuntime, type WorkerRuntime, type WorkerRuntimeOptions } from "../runtime";

/**
 * The whole pipeline for tests, with nothing mocked: a test database, LoyalNest's real webhook
 * edge (`ingestWebhook`) over node:http, the worker runtime on pg-boss, and the Shopify stand-in
 * delivering signed webhooks over HTTP.
 */
export const WEBHOOK_SECRET = "worker-test-secret";

export interface Pipeline {
  test: TestDatabase;
  keyring: PiiKeyring;
  runtime: WorkerRuntime;
  edgeBoss: PgBoss;
  edgeUrl: string;
  shopId: string;
  domain: string;
  /** HTTP statuses the edge answered, in order. */
  answers: number[];
  close(): Promise<void>;
}

export interface PipelineOptions {
  domain: string;
  currency?: string;
  runtime?: Partial<WorkerRuntimeOptions>;
}

export async function startPipeline(label: string, options: PipelineOptions): Promise<Pipeline> {
  const test = await createTestDatabase(label);
  await installQueueSchema(test.url);
  const keyring = createTestKeyring();
  const shop = await insertTestShop(test.db, { domain: options.domain, currency: options.currency ?? "USD" });
  const runtime = await startWorkerRuntime({
    databaseUrl: test.url,
    keyring,
    parkedSweep: false,
    batchSize: 8,
    shutdownTimeoutMs: 10_000,
    ...options.runtime,
  });
  // Started after the runtime switched the queue to NOTIFY, so the edge's sends wake the worker.
  const edgeBoss = createBoss(test.url, { supervise: false, schedule: false, max: 4 });
  edgeBoss.on("error", () => {});
  await edgeBoss.start();
  const answers: number[] = [];
  const edge = await startEdge(test, edgeBoss, answers);
  const edgeUrl = `http://127.0.0.1:${(edge.address() as AddressInfo).port}/api/webhooks`;
  return {
    test,
    keyring,
    runtime,
    edgeBoss,
    edgeUrl,
    shopId: shop.id,
    domain: options.domain,
    answers,
    async close() {
      await new Promise((resolve) => edge.close(resolve));
      await runtime.stop();
      await edgeBoss.stop({ graceful: false });
      await test.drop();
    },
  };
}

/** The admin's /api/webhooks route in miniature: raw body and headers in, ingestWebhook's answer out. */
function startEdge(test: TestDatabase, boss: PgBoss, answers: number[]): Promise<Server> {
  const deps = createIngestDeps(test.db, boss, WEBHOOK_SECRET);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : v]),
      );
      const result = await ingestWebhook(deps, { rawBody: Buffer.concat(chunks), headers });
      answers.push(result.status);
      res.writeHead(result.status, { "content-type": "application/json" }).end(JSON.stringify(result.body));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export async function startStandIn(webhookUrl: string, shops: { domain: string; currency?: string }[]) {
  const standIn = await startShopifyStandIn({
    port: 0,
    apiSecret: WEBHOOK_SECRET,
    webhookUrl,
    retryScale: 0.001,
  });
  for (const shop of shops) {
    await control(standIn, "/_dev/shops", { domain: shop.domain, currencyCode: shop.currency ?? "USD" });
  }
  return standIn;
}

export interface PipelineWithStandIn {
  pipeline: Pipeline;
  standIn: ShopifyStandIn;
  /** Delivers everything the stand-in holds and waits until the worker has drained it. */
  settle(): Promise<void>;
}

/**
 * The usual test-file set-up: one pipeline and one stand-in shop, started before the file's tests
 * and closed after them. Read `pipeline` / `standIn` inside tests (they exist once beforeAll ran).
 */
export function usePipelineWithStandIn(label: string, domain: string): PipelineWithStandIn {
  const stack = {
    async settle() {
      await stack.standIn.deliverPending();
      await waitForDrain(stack.pipeline);
    },
  } as PipelineWithStandIn;
  beforeAll(async () => {
    stack.pipeline = await startPipeline(label, { domain });
    stack.standIn = await startStandIn(stack.pipeline.edgeUrl, [{ domain }]);
  });
  afterAll(async () => {
    await stack.standIn?.close();
    await stack.pipeline?.close();
  });
  return stack;
}

/** A call to the stand-in's control API (`/_dev/...`), as a developer or test drives Shopify. */
export async function control<T = Record<string, unknown>>(
  standIn: ShopifyStandIn,
  path: string,
  body: object = {},
): Promise<T> {
  const response = await fetch(`${standIn.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

const PENDING_STATUSES = ["received", "processing", "failed"] as const;

/** Waits until the shop has no delivery left to work (parked, dead and settled ones are done). */
export async function waitForDrain(pipeline: Pipeline, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await pipeline.test.db
      .select({ pending: sql<number>`count(*)::int` })
      .from(schema.webhookDeliveries)
      .where(
        and(
          eq(schema.webhookDeliveries.shopId, pipeline.shopId),
          inArray(schema.webhookDeliveries.status, [...PENDING_STATUSES]),
        ),
      );
    if ((row?.pending ?? 0) === 0) return;
    if (Date.now() > deadline)
      throw new Error(`${row?.pending} deliveries still pending after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function deliveriesOf(pipeline: Pipeline, topic?: string) {
  const rows = await pipeline.test.db
    .select()
    .from(schema.webhookDeliveries)
    .where(eq(schema.webhookDeliveries.shopId, pipeline.shopId))
    .orderBy(schema.webhookDeliveries.id);
  return topic ? rows.filter((r) => r.topic === topic) : rows;
}

export interface CustomerLedger {
  available: number;
  pending: number;
  /** Idempotency keys with LoyalNest's own customer id written as `c<Shopify id>`, so two databases compare. */
  keys: string[];
}

/** Every customer's balance and ledger keys, by Shopify customer id. */
export async function customerLedgers(pipeline: Pipeline): Promise<Map<number, CustomerLedger>> {
  const { db } = pipeline.test;
  const customers = await db
    .select({ id: schema.customers.id, shopifyId: schema.customers.shopifyCustomerId })
    .from(schema.customers)
    .where(eq(schema.customers.shopId, pipeline.shopId));
  const result = new Map<number, CustomerLedger>();
  for (const customer of customers) {
    const [balance] = await db
      .select()
      .from(schema.pointBalances)
      .where(
        and(
          eq(schema.pointBalances.shopId, pipeline.shopId),
          eq(schema.pointBalances.customerId, customer.id),
        ),
      );
    const entries = await db
      .select({ key: schema.pointsLedger.idempotencyKey })
      .from(schema.pointsLedger)
      .where(
        and(eq(schema.pointsLedger.shopId, pipeline.shopId), eq(schema.pointsLedger.customerId, customer.id)),
      );
    const own = new RegExp(`(^|:)${customer.id}(?=$|:)`, "g");
    result.set(customer.shopifyId ?? -customer.id, {
      available: balance?.available ?? 0,
      pending: balance?.pending ?? 0,
      keys: entries.map((e) => e.key.replace(own, `$1c${customer.shopifyId}`)).sort(),
    });
  }
  return result;
}

/** The LoyalNest customer with this Shopify id, with their balance. */
export async function customerByShopifyId(pipeline: Pipeline, shopifyId: number) {
  const [row] = await pipeline.test.db
    .select({ customer: schema.customers, balance: schema.pointBalances })
    .from(schema.customers)
    .leftJoin(
      schema.pointBalances,
      and(
        eq(schema.pointBalances.shopId, schema.customers.shopId),
        eq(schema.pointBalances.customerId, schema.customers.id),
      ),
    )
    .where(
      and(eq(schema.customers.shopId, pipeline.shopId), eq(schema.customers.shopifyCustomerId, shopifyId)),
    );
  return row;
}
