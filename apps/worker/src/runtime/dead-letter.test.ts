import { schema } from "@loyalnest/db";
import { QUEUES, type WebhookJob } from "@loyalnest/queue";
import { and, eq, sql } from "drizzle-orm";
import type { JobWithMetadata } from "pg-boss";
import { describe, expect, it } from "vitest";
import { control, deliveriesOf, waitForDrain, usePipelineWithStandIn } from "../test-support/pipeline";
import { settleJob } from "./webhook-worker";

/** quality.md / issue 5: "poison messages end in the dead-letter queue without blocking others". */
const SHOP = "dead-letter.myshopify.com";
const stack = usePipelineWithStandIn("worker_dead_letter", SHOP);

async function deadLetteredJobs() {
  return stack.pipeline.test.db.execute<{ data: WebhookJob; output: { message?: string } | null }>(
    sql`select data, output from pgboss.job where name = ${QUEUES.webhooksDead}`,
  );
}

describe("a poison message", () => {
  it("(valid signature, body that fails the schema) goes straight to the dead-letter queue while the next delivery is processed", async () => {
    // Signed by the stand-in like any delivery, so the edge accepts it; the worker cannot read it.
    stack.standIn.dispatcher.emit(SHOP, "orders/paid", { id: "not-an-order", line_items: "nope" });
    await control(stack.standIn, "/_dev/customers", { shop: SHOP, email: "after-poison@example.com" });
    await stack.standIn.deliverPending();
    await waitForDrain(stack.pipeline);

    const [poison] = await deliveriesOf(stack.pipeline, "orders/paid");
    expect(poison?.status).toBe("dead");
    expect(poison?.attempts).toBe(1);
    expect(poison?.lastError).toMatch(/orders\/paid payload does not match its schema/);
    const [next] = await deliveriesOf(stack.pipeline, "customers/create");
    expect(next?.status).toBe("processed");

    const deadline = Date.now() + 10_000;
    let dead = await deadLetteredJobs();
    while (dead.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      dead = await deadLetteredJobs();
    }
    expect(dead.map((job) => job.data.deliveryId)).toEqual([poison!.id]);
  });

  it("a transient failure is retried (delivery `failed`), and marked `dead` on the last attempt", async () => {
    // A shop whose settings are missing: every order job fails until someone fixes it.
    const [broken] = await stack.pipeline.test.db
      .insert(schema.shops)
      .values({ domain: "broken.myshopify.com", name: "Broken", currency: "USD", timezone: "UTC" })
      .returning();
    await control(stack.standIn, "/_dev/orders", {
      shop: SHOP,
      email: "guest@example.com",
      lineItems: [{ price: "9.00" }],
      deliver: false,
    });
    const body = JSON.parse(stack.standIn.dispatcher.deliveries.at(-1)!.body) as object;
    const [delivery] = await stack.pipeline.test.db
      .insert(schema.webhookDeliveries)
      .values({ shopId: broken!.id, eventId: "e-1", webhookId: "w-1", topic: "orders/paid", payload: body })
      .returning();
    const job = (retryCount: number) =>
      ({
        id: `job-${retryCount}`,
        name: QUEUES.webhooks,
        data: { shopId: broken!.id, deliveryId: delivery!.id, topic: "orders/paid" },
        retryCount,
        retryLimit: 8,
      }) as unknown as JobWithMetadata<WebhookJob>;
    const deps = {
      db: stack.pipeline.test.db,
      boss: stack.pipeline.edgeBoss,
      keyring: stack.pipeline.keyring,
    };
    const row = async () =>
      (
        await stack.pipeline.test.db
          .select()
          .from(schema.webhookDeliveries)
          .where(
            and(
              eq(schema.webhookDeliveries.shopId, broken!.id),
              eq(schema.webhookDeliveries.id, delivery!.id),
            ),
          )
      )[0];

    expect(await settleJob(deps, job(0))).toMatchObject({ status: "failed" });
    expect(await row()).toMatchObject({ status: "failed", attempts: 1 });
    expect((await row())?.lastError).toMatch(/has no settings/);

    // The last attempt fails too: pg-boss moves the job to the dead-letter queue; the delivery says so.
    expect(await settleJob(deps, job(8))).toMatchObject({ status: "failed" });
    expect(await row()).toMatchObject({ status: "dead", attempts: 2 });
  });

  it("a job for an unknown topic or a malformed job is dead-lettered, not retried", async () => {
    const deps = {
      db: stack.pipeline.test.db,
      boss: stack.pipeline.edgeBoss,
      keyring: stack.pipeline.keyring,
    };
    const base = { name: QUEUES.webhooks, retryCount: 0, retryLimit: 8 };
    const unknownTopic = {
      ...base,
      id: "j1",
      data: { shopId: stack.pipeline.shopId, deliveryId: 1, topic: "products/create" },
    };
    const malformed = { ...base, id: "j2", data: { deliveryId: "x" } };
    expect(await settleJob(deps, unknownTopic as unknown as JobWithMetadata<WebhookJob>)).toMatchObject({
      status: "deadletter",
      output: { message: expect.stringMatching(/no handler for topic "products\/create"/) as unknown },
    });
    expect(await settleJob(deps, malformed as unknown as JobWithMetadata<WebhookJob>)).toMatchObject({
      status: "deadletter",
    });
  });
});
