import { schema } from "@loyalnest/db";
import { QUEUES } from "@loyalnest/queue";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  control,
  customerByShopifyId,
  deliveriesOf,
  waitForDrain,
  usePipelineWithStandIn,
} from "../test-support/pipeline";

/** Issue 5, item 3: "graceful shutdown (finish … in-flight jobs on SIGTERM)". */
const SHOP = "shutdown.myshopify.com";
const stack = usePipelineWithStandIn("worker_shutdown", SHOP);

const until = async (check: () => Promise<boolean>, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
};

describe("graceful shutdown", () => {
  it("stops fetching but lets the in-flight job finish and commit", async () => {
    const { customer } = await control<{ customer: { id: number } }>(stack.standIn, "/_dev/customers", {
      shop: SHOP,
      email: "slow@example.com",
    });
    await stack.standIn.deliverPending();
    await waitForDrain(stack.pipeline);
    const member = await customerByShopifyId(stack.pipeline, customer.id);

    // Another session holds the customer's balance row, so the order's job is in flight and waiting.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holder = stack.pipeline.test.sql.begin(async (tx) => {
      await tx`select 1 from point_balances where shop_id = ${stack.pipeline.shopId} and customer_id = ${member!.customer.id} for update`;
      locked();
      await released;
    });
    await isLocked;
    await control(stack.standIn, "/_dev/orders", {
      shop: SHOP,
      customerId: customer.id,
      lineItems: [{ price: "12.00" }],
    });
    await stack.standIn.deliverPending();
    const [order] = await deliveriesOf(stack.pipeline, "orders/paid");
    await until(async () => {
      const [job] = await stack.pipeline.test.db.execute<{ state: string }>(
        sql`select state from pgboss.job where name = ${QUEUES.webhooks} and (data->>'deliveryId')::bigint = ${order!.id}`,
      );
      return job?.state === "active";
    });

    let stopped = false;
    const stopping = stack.pipeline.runtime.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(stopped).toBe(false);

    // Stopped fetching: a delivery arriving now waits for the next worker.
    await control(stack.standIn, "/_dev/customers", { shop: SHOP, email: "next-worker@example.com" });
    await stack.standIn.deliverPending();

    release();
    await holder;
    await stopping;
    expect(stopped).toBe(true);
    const [done] = await deliveriesOf(stack.pipeline, "orders/paid");
    expect(done?.status).toBe("processed");
    expect((await customerByShopifyId(stack.pipeline, customer.id))?.balance?.available).toBe(200 + 120);
    const [waiting] = (await deliveriesOf(stack.pipeline, "customers/create")).slice(-1);
    expect(waiting?.status).toBe("received");
    const [row] = await stack.pipeline.test.db
      .select({ count: sql<number>`count(*)::int` })
      .from(schema.pointsLedger)
      .where(sql`${schema.pointsLedger.shopId} = ${stack.pipeline.shopId}`);
    expect(row?.count).toBe(2);
  });
});
