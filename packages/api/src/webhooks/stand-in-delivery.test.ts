import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { schema } from "@loyalnest/db";
import { createTestDatabase, insertTestShop, type TestDatabase } from "@loyalnest/db/testing";
import { createBoss, installQueueSchema } from "@loyalnest/queue";
import { startShopifyStandIn, type ShopifyStandIn } from "@loyalnest/shopify-dev";
import { eq } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIngestDeps, ingestWebhook, type IngestDeps } from "./ingest-webhook";

const SECRET = "stand-in-secret";
const SHOP = "stand-in-e2e.myshopify.com";
let test: TestDatabase;
let boss: PgBoss;
let edge: Server;
let standIn: ShopifyStandIn;
let edgeUrl: string;
let edgeDeps: IngestDeps;
const received: { rawBody: Buffer; headers: IncomingHttpHeaders; status: number }[] = [];

/** The admin's /api/webhooks route in miniature: raw body and headers in, ingestWebhook's answer out. */
function startEdge(): Promise<Server> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const rawBody = Buffer.concat(chunks);
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : v]),
      );
      const result = await ingestWebhook(edgeDeps, { rawBody, headers });
      received.push({ rawBody, headers: req.headers, status: result.status });
      res.writeHead(result.status, { "content-type": "application/json" }).end(JSON.stringify(result.body));
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

beforeAll(async () => {
  test = await createTestDatabase("stand_in_delivery");
  await installQueueSchema(test.url);
  boss = createBoss(test.url, { supervise: false, schedule: false, max: 4 });
  boss.on("error", () => {});
  await boss.start();
  await insertTestShop(test.db, { domain: SHOP });
  edgeDeps = createIngestDeps(test.db, boss, SECRET);
  edge = await startEdge();
  edgeUrl = `http://127.0.0.1:${(edge.address() as AddressInfo).port}/api/webhooks`;
  standIn = await startShopifyStandIn({ port: 0, apiSecret: SECRET, webhookUrl: edgeUrl, retryScale: 0.001 });
  await post("/_dev/shops", { domain: SHOP, currencyCode: "USD", ianaTimezone: "America/New_York" });
});
afterAll(async () => {
  await standIn.close();
  await new Promise((resolve) => edge.close(resolve));
  await boss.stop({ graceful: false });
  await test.drop();
});

async function post(path: string, body: object) {
  const response = await fetch(`${standIn.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.ok, `${path} answered ${response.status}`).toBe(true);
  return response.json() as Promise<Record<string, unknown>>;
}

describe("the stand-in's webhooks at LoyalNest's edge", () => {
  it("an order created in the stand-in arrives as a signed orders/paid that the edge accepts, and a tampered copy gets 401", async () => {
    await post("/_dev/orders", {
      shop: SHOP,
      email: "guest@example.com",
      lineItems: [{ title: "Nest mug", price: "24.00", quantity: 2 }],
    });
    await standIn.deliverPending();

    const paid = received.find((r) => r.headers["x-shopify-topic"] === "orders/paid");
    expect(paid?.status).toBe(200);
    const rows = await test.db
      .select()
      .from(schema.webhookDeliveries)
      .where(eq(schema.webhookDeliveries.topic, "orders/paid"));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.eventId).toBe(paid!.headers["x-shopify-event-id"]);

    const tampered = Buffer.from(paid!.rawBody.toString().replace('"24.00"', '"0.01"'));
    expect(tampered.equals(paid!.rawBody)).toBe(false);
    const replay = await fetch(edgeUrl, {
      method: "POST",
      headers: Object.fromEntries(
        Object.entries(paid!.headers).filter(([k]) => k.startsWith("x-shopify-") || k === "content-type"),
      ) as Record<string, string>,
      body: tampered,
    });
    expect(replay.status).toBe(401);
  });

  it("a delivery the stand-in sends twice is stored once", async () => {
    await post("/_dev/customers", { shop: SHOP, email: "twice@example.com", duplicate: 1 });
    await standIn.deliverPending();
    const creates = received.filter((r) => r.headers["x-shopify-topic"] === "customers/create");
    expect(creates).toHaveLength(2);
    expect(creates[0]!.headers["x-shopify-event-id"]).toBe(creates[1]!.headers["x-shopify-event-id"]);
    const rows = await test.db
      .select()
      .from(schema.webhookDeliveries)
      .where(eq(schema.webhookDeliveries.topic, "customers/create"));
    expect(rows).toHaveLength(1);
  });
});
