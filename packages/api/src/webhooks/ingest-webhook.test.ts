import { createDatabase, schema } from "@loyalnest/db";
import { createTestDatabase, insertTestShop, type TestDatabase } from "@loyalnest/db/testing";
import { createBoss, ensureQueues, installQueueSchema, QUEUES } from "@loyalnest/queue";
import { signWebhookBody } from "@loyalnest/shopify";
import { eq, sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createIngestDeps, ingestWebhook, MAX_WEBHOOK_BODY_BYTES } from "./ingest-webhook";

const SECRET = "test-app-secret";
const SHOP = "ingest-test.myshopify.com";
let test: TestDatabase;
let boss: PgBoss;
let shopId: string;

beforeAll(async () => {
  test = await createTestDatabase("webhook_ingest");
  await installQueueSchema(test.url);
  boss = createBoss(test.url, { supervise: false, schedule: false, max: 4 });
  boss.on("error", () => {});
  await boss.start();
  shopId = (await insertTestShop(test.db, { domain: SHOP })).id;
});
afterAll(async () => {
  await boss.stop({ graceful: false });
  await test.drop();
});

let nextEvent = 1;
function delivery(
  body: object | string,
  overrides: Record<string, string> = {},
  secret = SECRET,
): { rawBody: Buffer; headers: Record<string, string> } {
  const rawBody = Buffer.from(typeof body === "string" ? body : JSON.stringify(body));
  return {
    rawBody,
    headers: {
      "X-Shopify-Topic": "orders/paid",
      "X-Shopify-Hmac-Sha256": signWebhookBody(rawBody, secret),
      "X-Shopify-Shop-Domain": SHOP,
      "X-Shopify-API-Version": "2026-01",
      "X-Shopify-Webhook-Id": `wh-${nextEvent}`,
      "X-Shopify-Triggered-At": "2026-11-20T10:00:00.000Z",
      "X-Shopify-Event-Id": `evt-${nextEvent++}`,
      ...overrides,
    },
  };
}
const deps = () => createIngestDeps(test.db, boss, SECRET);
const deliveries = () =>
  test.db.select().from(schema.webhookDeliveries).where(eq(schema.webhookDeliveries.shopId, shopId));
async function jobsFor(deliveryId: number) {
  return test.db.execute<{ id: string }>(
    sql`select id from pgboss.job where name = ${QUEUES.webhooks} and (data->>'deliveryId')::bigint = ${deliveryId}`,
  );
}

describe("the webhook edge", () => {
  it("records a verified delivery and enqueues its job in the same transaction", async () => {
    const result = await ingestWebhook(deps(), delivery({ id: 1001, total_price: "10.00" }));
    expect(result).toEqual({ status: 200, body: { ok: true, outcome: "accepted" } });
    const [row] = (await deliveries()).filter((d) => d.eventId === `evt-${nextEvent - 1}`);
    expect(row).toMatchObject({ topic: "orders/paid", payload: { id: 1001 }, status: "received" });
    expect(await jobsFor(row!.id)).toHaveLength(1);
  });

  it("records concurrent deliveries together, each exactly once, duplicates within one commit included", async () => {
    const shared = deps();
    const batch = Array.from({ length: 40 }, (_, i) => delivery({ id: 7000 + i }));
    const twin = { ...batch[0]!, headers: { ...batch[0]!.headers, "X-Shopify-Webhook-Id": "wh-twin" } };
    const results = await Promise.all([...batch, twin].map((d) => ingestWebhook(shared, d)));
    expect(results.filter((r) => r.body.outcome === "accepted")).toHaveLength(40);
    expect(results.filter((r) => r.body.outcome === "duplicate")).toHaveLength(1);
    const ids = new Set(batch.map((d) => d.headers["X-Shopify-Event-Id"]));
    const rows = (await deliveries()).filter((d) => ids.has(d.eventId));
    expect(rows).toHaveLength(40);
    for (const row of rows) expect(await jobsFor(row.id)).toHaveLength(1);
  });

  it("acknowledges a repeated event id and drops it (Shopify may deliver an event more than once)", async () => {
    const first = delivery({ id: 2002 });
    const again = { ...first, headers: { ...first.headers, "X-Shopify-Webhook-Id": "wh-retry" } };
    await ingestWebhook(deps(), first);
    expect(await ingestWebhook(deps(), again)).toEqual({
      status: 200,
      body: { ok: true, outcome: "duplicate" },
    });
    const rows = (await deliveries()).filter((d) => d.eventId === first.headers["X-Shopify-Event-Id"]);
    expect(rows).toHaveLength(1);
    expect(await jobsFor(rows[0]!.id)).toHaveLength(1);
  });

  it("answers 401 to a bad signature and stores nothing", async () => {
    const before = (await deliveries()).length;
    const tampered = delivery({ id: 3003, total_price: "10.00" });
    tampered.rawBody = Buffer.from(tampered.rawBody.toString().replace("10.00", "99.00"));
    expect((await ingestWebhook(deps(), tampered)).status).toBe(401);
    expect((await ingestWebhook(deps(), delivery({ id: 3004 }, {}, "another-secret"))).status).toBe(401);
    const unsigned = delivery({ id: 3005 });
    delete (unsigned.headers as Record<string, string | undefined>)["X-Shopify-Hmac-Sha256"];
    expect((await ingestWebhook(deps(), unsigned)).status).toBe(401);
    expect((await deliveries()).length).toBe(before);
  });

  it("answers 400 with a clear error to malformed JSON, an unknown topic or a missing event id, and stores nothing", async () => {
    const before = (await deliveries()).length;
    const badJson = await ingestWebhook(deps(), delivery("{not json"));
    expect(badJson).toEqual({ status: 400, body: { ok: false, error: "webhook body is not valid JSON" } });
    const unknownTopic = await ingestWebhook(
      deps(),
      delivery({ id: 1 }, { "X-Shopify-Topic": "products/create" }),
    );
    expect(unknownTopic.status).toBe(400);
    expect(unknownTopic.body.error).toMatch(/products\/create/);
    const noEvent = await ingestWebhook(deps(), delivery({ id: 2 }, { "X-Shopify-Event-Id": "" }));
    expect(noEvent.status).toBe(400);
    expect((await deliveries()).length).toBe(before);
  });

  it("answers 413 to an oversized body", async () => {
    const huge = delivery({ pad: "x".repeat(MAX_WEBHOOK_BODY_BYTES) });
    expect((await ingestWebhook(deps(), huge)).status).toBe(413);
  });

  it("acknowledges deliveries for a shop that is not installed without storing them", async () => {
    const stray = delivery({ id: 4004 }, { "X-Shopify-Shop-Domain": "not-installed.myshopify.com" });
    expect(await ingestWebhook(deps(), stray)).toEqual({
      status: 200,
      body: { ok: true, outcome: "unknown_shop" },
    });
  });

  it("answers 503 when the database cannot be reached, so Shopify retries", async () => {
    const down = createDatabase("postgres://postgres@127.0.0.1:1/nowhere", { max: 1 });
    const result = await ingestWebhook(createIngestDeps(down.db, boss, SECRET), delivery({ id: 5005 }));
    await down.close();
    expect(result.status).toBe(503);
  });

  it("keeps the delivery and its job together: if the job cannot be enqueued, the delivery is not recorded", async () => {
    await boss.deleteQueue(QUEUES.webhooks);
    const lost = delivery({ id: 6006 });
    try {
      expect((await ingestWebhook(deps(), lost)).status).toBe(503);
    } finally {
      await ensureQueues(boss);
    }
    expect((await deliveries()).filter((d) => d.eventId === lost.headers["X-Shopify-Event-Id"])).toEqual([]);
    // Shopify's retry then succeeds
    expect((await ingestWebhook(deps(), lost)).body.outcome).toBe("accepted");
  });
});
