import { schema } from "@loyalnest/db";
import { QUEUES } from "@loyalnest/queue";
import { and, eq, sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachJobQueue, createApiHarness, type ApiHarness } from "../../../testing";

let api: ApiHarness;
beforeAll(async () => {
  api = await createApiHarness("admin_operations");
});
afterAll(async () => api?.close());

let n = 0;
type DeliveryStatus = (typeof schema.webhookDeliveries.$inferInsert)["status"];
async function delivery(shopId: string, status: NonNullable<DeliveryStatus>) {
  const [row] = await api.test.db
    .insert(schema.webhookDeliveries)
    .values({
      shopId,
      eventId: `evt-${++n}`,
      webhookId: `wh-${n}`,
      topic: "orders/paid",
      payload: { id: n },
      status,
      attempts: 3,
      lastError: status === "processed" ? null : "customer service unavailable",
    })
    .returning();
  return row!;
}

const deliveryRow = async (shopId: string, id: number) =>
  (
    await api.test.db
      .select()
      .from(schema.webhookDeliveries)
      .where(and(eq(schema.webhookDeliveries.shopId, shopId), eq(schema.webhookDeliveries.id, id)))
  )[0]!;
const auditRows = (shopId: string) =>
  api.test.db.select().from(schema.auditLog).where(eq(schema.auditLog.shopId, shopId));
const call = (domain: string, path: string, input: unknown) =>
  api.call({ path, type: "mutation", input, credential: { kind: "admin", shop: domain, staffId: "31" } });

describe("admin.operations without a job queue", () => {
  it("lists the shop's failed, dead and parked deliveries (only the shop's), with no dead jobs to show", async () => {
    const shop = await api.installShop();
    const other = await api.installShop();
    const failed = await delivery(shop.id, "failed");
    const parked = await delivery(shop.id, "parked");
    await delivery(shop.id, "processed");
    await delivery(other.id, "dead");

    const work = await api.client({ kind: "admin", shop: shop.domain }).admin.operations.failedWork.query();

    expect(work.queueAvailable).toBe(false);
    expect(work.deadJobs).toEqual([]);
    expect(work.deliveries.map((d) => d.id).sort()).toEqual([failed.id, parked.id].sort());
    expect(work.deliveries[0]).toMatchObject({
      topic: "orders/paid",
      attempts: 3,
      lastError: "customer service unavailable",
    });
  });

  it("retry refuses with 412 'Job queue unavailable' and changes nothing; retryAll with nothing to retry is 0", async () => {
    const shop = await api.installShop();
    const failed = await delivery(shop.id, "failed");
    const result = await call(shop.domain, "admin.operations.retry", { deliveryId: failed.id });
    expect(result.status).toBe(412);
    expect(JSON.stringify(result.body)).toContain("Job queue unavailable");
    expect((await deliveryRow(shop.id, failed.id)).status).toBe("failed");
    const all = await call(shop.domain, "admin.operations.retryAll", {});
    expect(all.status).toBe(412);

    const empty = await api.installShop();
    expect(
      await api.client({ kind: "admin", shop: empty.domain }).admin.operations.retryAll.mutate({}),
    ).toEqual({
      retried: 0,
    });
    expect(await auditRows(shop.id)).toEqual([]);
  });
});

describe("admin.operations with a job queue", () => {
  let boss: PgBoss;
  let detach: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ boss, detach } = await attachJobQueue(api));
  });
  afterAll(async () => detach?.());

  const jobsFor = (deliveryId: number, queue: string) =>
    api.test.db.execute(
      sql`select id from pgboss.job where name = ${queue} and (data->>'deliveryId')::bigint = ${deliveryId}`,
    );

  it("lists dead-lettered jobs beside the deliveries", async () => {
    const shop = await api.installShop();
    const dead = await delivery(shop.id, "dead");
    await boss.send(QUEUES.webhooksDead, { shopId: shop.id, deliveryId: dead.id, topic: "orders/paid" });
    const work = await api
      .client({ kind: "admin", shop: shop.domain })
      .admin.operations.failedWork.query({ limit: 10 });
    expect(work.queueAvailable).toBe(true);
    expect(work.deadJobs).toEqual([expect.objectContaining({ deliveryId: dead.id, topic: "orders/paid" })]);
  });

  it("retries one delivery: a fresh job, the delivery reset, its dead-letter copy gone, one audit row", async () => {
    const shop = await api.installShop();
    const dead = await delivery(shop.id, "dead");
    await boss.send(QUEUES.webhooksDead, { shopId: shop.id, deliveryId: dead.id, topic: "orders/paid" });

    const result = await api
      .client({ kind: "admin", shop: shop.domain, staffId: "31" })
      .admin.operations.retry.mutate({ deliveryId: dead.id });

    expect(result.deliveryId).toBe(dead.id);
    expect(await deliveryRow(shop.id, dead.id)).toMatchObject({
      status: "received",
      lastError: null,
      jobId: result.jobId,
    });
    expect(await jobsFor(dead.id, QUEUES.webhooks)).toHaveLength(1);
    expect(await jobsFor(dead.id, QUEUES.webhooksDead)).toHaveLength(0);
    expect(await auditRows(shop.id)).toEqual([
      expect.objectContaining({
        action: "operations.retry",
        entityType: "webhook_delivery",
        entityId: String(dead.id),
        actorId: "31",
      }),
    ]);
  });

  it("refuses a delivery that has not failed, and another shop's delivery, changing nothing", async () => {
    const shop = await api.installShop();
    const other = await api.installShop();
    const processed = await delivery(shop.id, "processed");
    const theirs = await delivery(other.id, "failed");

    const notFailed = await call(shop.domain, "admin.operations.retry", { deliveryId: processed.id });
    expect(notFailed.status).toBe(412);
    expect(JSON.stringify(notFailed.body)).toContain("this one is processed");

    const cross = await call(shop.domain, "admin.operations.retry", { deliveryId: theirs.id });
    expect(cross.status).toBe(404);
    expect(JSON.stringify(cross.body)).toContain("Webhook delivery not found.");
    expect((await deliveryRow(other.id, theirs.id)).status).toBe("failed");
    expect(await jobsFor(theirs.id, QUEUES.webhooks)).toHaveLength(0);
    expect(await auditRows(shop.id)).toEqual([]);
  });

  it("retryAll retries the shop's failed and dead deliveries only, audited once", async () => {
    const shop = await api.installShop();
    const other = await api.installShop();
    await delivery(shop.id, "failed");
    await delivery(shop.id, "dead");
    const parked = await delivery(shop.id, "parked");
    const theirs = await delivery(other.id, "failed");

    const result = await api
      .client({ kind: "admin", shop: shop.domain })
      .admin.operations.retryAll.mutate({});

    expect(result).toEqual({ retried: 2 });
    const work = await api.client({ kind: "admin", shop: shop.domain }).admin.operations.failedWork.query();
    expect(work.deliveries.map((d) => d.id)).toEqual([parked.id]);
    expect((await deliveryRow(other.id, theirs.id)).status).toBe("failed");
    expect(await auditRows(shop.id)).toEqual([
      expect.objectContaining({ action: "operations.retry_all", changes: { retried: 2 } }),
    ]);
  });
});
