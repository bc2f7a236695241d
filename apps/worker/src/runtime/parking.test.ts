import { schema } from "@loyalnest/db";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  control,
  customerByShopifyId,
  deliveriesOf,
  waitForDrain,
  usePipelineWithStandIn,
} from "../test-support/pipeline";
import { sweepParkedDeliveries } from "./parked-sweep";

/** "A refund that arrives before its order is parked and replayed" (architecture, Data flow 3). */
const SHOP = "parking.myshopify.com";
const stack = usePipelineWithStandIn("worker_parking", SHOP);

async function orderWithRefund(email: string) {
  const { customer } = await control<{ customer: { id: number } }>(stack.standIn, "/_dev/customers", {
    shop: SHOP,
    email,
  });
  await stack.standIn.deliverPending();
  const { order, deliveries: paid } = await control<{
    order: { id: number; line_items: { id: number }[] };
    deliveries: { webhookId: string }[];
  }>(stack.standIn, "/_dev/orders", {
    shop: SHOP,
    customerId: customer.id,
    lineItems: [{ price: "50.00", quantity: 2 }],
    deliver: false,
  });
  const { deliveries: refunded } = await control<{ deliveries: { webhookId: string }[] }>(
    stack.standIn,
    `/_dev/orders/${order.id}/refunds`,
    { lines: [{ lineItemId: order.line_items[0]!.id, quantity: 1 }], deliver: false },
  );
  const held = (ids: { webhookId: string }[]) =>
    stack.standIn.dispatcher.deliveries.filter((d) => ids.some((i) => i.webhookId === d.webhookId));
  return { customer, order, paid: held(paid), refund: held(refunded) };
}

describe("a refund delivered before its order", () => {
  it("is parked, then applied when the order's orders/paid is processed", async () => {
    const { customer, paid, refund } = await orderWithRefund("early-refund@example.com");
    await stack.standIn.dispatcher.release("fifo", undefined, { only: refund });
    await waitForDrain(stack.pipeline);
    const [parked] = await deliveriesOf(stack.pipeline, "refunds/create");
    expect(parked).toMatchObject({ status: "parked" });
    expect(parked?.lastError).toMatch(/has not arrived yet/);

    await stack.standIn.dispatcher.release("fifo", undefined, { only: paid });
    await waitForDrain(stack.pipeline);
    const [replayed] = await deliveriesOf(stack.pipeline, "refunds/create");
    expect(replayed?.status).toBe("processed");
    const row = await customerByShopifyId(stack.pipeline, customer.id);
    // 200 signup + 1000 for 100.00, minus half of it for one of the two units.
    expect(row?.balance?.available).toBe(200 + 1000 - 500);
  });

  it("the sweep replays parked deliveries whose order came by another path, and gives up on very old ones", async () => {
    const { customer, paid, refund } = await orderWithRefund("swept@example.com");
    await stack.standIn.dispatcher.release("fifo", undefined, { only: refund });
    await waitForDrain(stack.pipeline);
    // As if the order had come by a path that does not replay parked work (a reconciliation):
    // the refund is parked again after its order is in.
    await stack.standIn.dispatcher.release("fifo", undefined, { only: paid });
    await waitForDrain(stack.pipeline);
    const [, delivery] = await deliveriesOf(stack.pipeline, "refunds/create");
    await stack.pipeline.test.db
      .update(schema.webhookDeliveries)
      .set({ status: "parked" })
      .where(eq(schema.webhookDeliveries.id, delivery!.id));
    const later = new Date(Date.now() + 11 * 60_000);
    const swept = await sweepParkedDeliveries(stack.pipeline.test.db, stack.pipeline.edgeBoss, {
      olderThanMinutes: 10,
      giveUpAfterHours: 168,
      limit: 100,
      now: later,
    });
    expect(swept).toEqual({ replayed: 1, givenUp: 0 });
    await waitForDrain(stack.pipeline);
    expect((await deliveriesOf(stack.pipeline, "refunds/create"))[1]?.status).toBe("processed");
    expect((await customerByShopifyId(stack.pipeline, customer.id))?.balance?.available).toBe(200 + 500);

    await stack.pipeline.test.db
      .update(schema.webhookDeliveries)
      .set({ status: "parked" })
      .where(eq(schema.webhookDeliveries.id, delivery!.id));
    const muchLater = new Date(Date.now() + 8 * 24 * 3_600_000);
    expect(
      await sweepParkedDeliveries(stack.pipeline.test.db, stack.pipeline.edgeBoss, {
        olderThanMinutes: 10,
        giveUpAfterHours: 168,
        limit: 100,
        now: muchLater,
      }),
    ).toEqual({ replayed: 0, givenUp: 1 });
    expect((await deliveriesOf(stack.pipeline, "refunds/create"))[1]).toMatchObject({ status: "ignored" });
  });

  it("a cancellation delivered before its order is parked too and reverses the order once it arrives", async () => {
    const { customer } = await control<{ customer: { id: number } }>(stack.standIn, "/_dev/customers", {
      shop: SHOP,
      email: "early-cancel@example.com",
    });
    await stack.standIn.deliverPending();
    const { order } = await control<{ order: { id: number } }>(stack.standIn, "/_dev/orders", {
      shop: SHOP,
      customerId: customer.id,
      lineItems: [{ price: "30.00" }],
      deliver: false,
    });
    await control(stack.standIn, `/_dev/orders/${order.id}/cancel`, { deliver: false });
    await control(stack.standIn, "/_dev/deliveries/release", { order: "reverse" });
    await waitForDrain(stack.pipeline);
    expect((await customerByShopifyId(stack.pipeline, customer.id))?.balance?.available).toBe(200);
    const cancelled = await deliveriesOf(stack.pipeline, "orders/cancelled");
    expect(cancelled.map((d) => d.status)).toEqual(["processed"]);
  });
});
