import { schema } from "@loyalnest/db";
import { createTestDatabase, insertTestShop, type TestDatabase } from "@loyalnest/db/testing";
import { createBoss, installQueueSchema, QUEUES } from "@loyalnest/queue";
import { eq, sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeliveryNotFoundError, listFailedWork, retryAllFailed, retryDelivery } from "./failed-work";

let test: TestDatabase;
let boss: PgBoss;
beforeAll(async () => {
  test = await createTestDatabase("operations");
  await installQueueSchema(test.url);
  boss = createBoss(test.url, { supervise: false, schedule: false, max: 4 });
  boss.on("error", () => {});
  await boss.start();
});
afterAll(async () => {
  await boss.stop({ graceful: false });
  await test.drop();
});

let n = 0;
async function failedDelivery(shopId: string, status: "failed" | "dead" | "parked" | "processed") {
  const [row] = await test.db
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
  if (status === "dead") {
    await boss.send(QUEUES.webhooksDead, { shopId, deliveryId: row!.id, topic: "orders/paid" });
  }
  return row!;
}

const jobsFor = (deliveryId: number, queue: string) =>
  test.db.execute(
    sql`select id from pgboss.job where name = ${queue} and (data->>'deliveryId')::bigint = ${deliveryId}`,
  );

describe("the operations view of failed work", () => {
  it("lists a shop's failed, dead and parked deliveries and dead-lettered jobs with their errors — and nothing of another shop", async () => {
    const shop = await insertTestShop(test.db);
    const other = await insertTestShop(test.db);
    const dead = await failedDelivery(shop.id, "dead");
    await failedDelivery(shop.id, "parked");
    await failedDelivery(shop.id, "processed");
    await failedDelivery(other.id, "failed");

    const work = await listFailedWork(test.db, shop.id);
    expect(work.deliveries.map((d) => d.status).sort()).toEqual(["dead", "parked"]);
    expect(work.deliveries[0]!.lastError).toBe("customer service unavailable");
    expect(work.deadJobs).toEqual([expect.objectContaining({ deliveryId: dead.id, topic: "orders/paid" })]);
  });

  it("retries one delivery: a fresh job, the delivery reset, its dead-letter copy gone", async () => {
    const shop = await insertTestShop(test.db);
    const dead = await failedDelivery(shop.id, "dead");
    await retryDelivery(test.db, boss, shop.id, dead.id);
    const [row] = await test.db
      .select()
      .from(schema.webhookDeliveries)
      .where(eq(schema.webhookDeliveries.id, dead.id));
    expect(row).toMatchObject({ status: "received", lastError: null });
    expect(await jobsFor(dead.id, QUEUES.webhooks)).toHaveLength(1);
    expect(await jobsFor(dead.id, QUEUES.webhooksDead)).toHaveLength(0);
  });

  it("refuses to retry another shop's delivery", async () => {
    const shop = await insertTestShop(test.db);
    const other = await insertTestShop(test.db);
    const theirs = await failedDelivery(other.id, "failed");
    await expect(retryDelivery(test.db, boss, shop.id, theirs.id)).rejects.toBeInstanceOf(
      DeliveryNotFoundError,
    );
    expect(await jobsFor(theirs.id, QUEUES.webhooks)).toHaveLength(0);
  });

  it("retries all failed and dead deliveries of a shop, leaving parked ones to their order", async () => {
    const shop = await insertTestShop(test.db);
    await failedDelivery(shop.id, "failed");
    await failedDelivery(shop.id, "dead");
    const parked = await failedDelivery(shop.id, "parked");
    expect(await retryAllFailed(test.db, boss, shop.id)).toEqual({ retried: 2 });
    expect((await listFailedWork(test.db, shop.id)).deliveries.map((d) => d.id)).toEqual([parked.id]);
  });
});
