import { createHmac, timingSafeEqual } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import type { ShopifyStandIn } from "./index";
import { RETRY_DELAYS_MS, startShopifyStandIn } from "./index";
import type { Receiver } from "./test-support";
import { API_KEY, postJson, SECRET, SHOP, startReceiver, waitFor } from "./test-support";

let standIn: ShopifyStandIn | undefined;
let receiver: Receiver | undefined;

afterEach(async () => {
  await standIn?.close();
  await receiver?.close();
  standIn = undefined;
  receiver = undefined;
});

async function start(extra: Parameters<typeof startShopifyStandIn>[0] = {}) {
  receiver = await startReceiver();
  standIn = await startShopifyStandIn({
    apiKey: API_KEY,
    apiSecret: SECRET,
    webhookUrl: receiver.url,
    shops: [{ domain: SHOP }],
    ...extra,
  });
  return { standIn, receiver };
}

function verifies(rawBody: string, header: unknown): boolean {
  const expected = createHmac("sha256", SECRET).update(rawBody, "utf8").digest();
  const given = Buffer.from(String(header), "base64");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe("webhook delivery", () => {
  it("sends orders/paid with Shopify's headers and a signature that verifies", async () => {
    const { standIn, receiver } = await start();
    const customer = await postJson(`${standIn.url}/_dev/customers`, {
      shop: SHOP,
      email: "ada@example.com",
    });
    const order = await postJson(`${standIn.url}/_dev/orders`, {
      shop: SHOP,
      customerId: customer.json.customer.gid,
      lineItems: [{ price: "40.00", quantity: 2, productTags: ["vip"] }],
      discountCodes: [{ code: "TENOFF", amount: "10.00" }],
      shipping: "5.00",
    });
    expect(order.status).toBe(201);
    await standIn.deliverPending();
    const paid = receiver.received.find((r) => r.headers["x-shopify-topic"] === "orders/paid");
    expect(paid).toBeDefined();
    const headers = paid?.headers ?? {};
    expect(headers["x-shopify-shop-domain"]).toBe(SHOP);
    expect(headers["x-shopify-api-version"]).toMatch(/^\d{4}-\d{2}$/);
    expect(headers["x-shopify-webhook-id"]).toBeTruthy();
    expect(headers["x-shopify-event-id"]).toBeTruthy();
    expect(Number.isNaN(Date.parse(String(headers["x-shopify-triggered-at"])))).toBe(false);
    expect(verifies(paid?.rawBody ?? "", headers["x-shopify-hmac-sha256"])).toBe(true);
    expect(verifies(`${paid?.rawBody ?? ""} `, headers["x-shopify-hmac-sha256"])).toBe(false);
    const body = JSON.parse(paid?.rawBody ?? "{}");
    expect(body.total_price).toBe("75.00");
    expect(body.subtotal_price).toBe("70.00");
    expect(body.total_price_set.shop_money).toEqual({ amount: "75.00", currency_code: "USD" });
    expect(body.discount_codes).toEqual([{ code: "TENOFF", amount: "10.00", type: "fixed_amount" }]);
    expect(body.customer.id).toBe(customer.json.customer.id);
    expect(body.line_items[0].quantity).toBe(2);
    expect(body.financial_status).toBe("paid");
  });

  it("sends refunds/create, orders/cancelled and the compliance topics", async () => {
    const { standIn, receiver } = await start();
    const customer = await postJson(`${standIn.url}/_dev/customers`, { shop: SHOP, email: "bo@example.com" });
    const order = await postJson(`${standIn.url}/_dev/orders`, {
      shop: SHOP,
      customerId: customer.json.customer.id,
      lineItems: [{ price: "10.00", quantity: 3 }, { price: "5.00" }],
    });
    const lineId = order.json.order.line_items[0].id;
    const refund = await postJson(`${standIn.url}/_dev/orders/${order.json.order.id}/refunds`, {
      lines: [{ lineItemId: lineId, quantity: 1 }],
    });
    expect(refund.status).toBe(201);
    await postJson(`${standIn.url}/_dev/orders/${order.json.order.id}/cancel`, { reason: "customer" });
    for (const topic of ["customers-data-request", "customers-redact"])
      await postJson(`${standIn.url}/_dev/gdpr/${topic}`, {
        shop: SHOP,
        customerId: customer.json.customer.id,
      });
    await postJson(`${standIn.url}/_dev/gdpr/shop-redact`, { shop: SHOP });
    await standIn.deliverPending();
    const byTopic = (t: string) =>
      receiver.received.filter((r) => r.headers["x-shopify-topic"] === t).map((r) => JSON.parse(r.rawBody));
    const [firstRefund] = byTopic("refunds/create");
    expect(firstRefund.order_id).toBe(order.json.order.id);
    expect(firstRefund.refund_line_items[0]).toMatchObject({
      line_item_id: lineId,
      quantity: 1,
      subtotal: 10,
    });
    expect(firstRefund.transactions[0]).toMatchObject({ kind: "refund", status: "success", amount: "10.00" });
    expect(byTopic("refunds/create")).toHaveLength(2); // the cancellation refunds the rest
    expect(byTopic("orders/cancelled")[0]).toMatchObject({
      id: order.json.order.id,
      cancel_reason: "customer",
    });
    expect(byTopic("customers/data_request")[0]).toMatchObject({
      shop_domain: SHOP,
      orders_requested: [order.json.order.id],
    });
    expect(byTopic("customers/redact")[0]).toMatchObject({
      customer: { id: customer.json.customer.id },
      orders_to_redact: [order.json.order.id],
    });
    expect(byTopic("shop/redact")[0]).toMatchObject({ shop_domain: SHOP });
  });

  it("duplicates keep the event id and get new webhook ids", async () => {
    const { standIn, receiver } = await start();
    await postJson(`${standIn.url}/_dev/customers`, { shop: SHOP, email: "dup@example.com", duplicate: 2 });
    await standIn.deliverPending();
    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.headers["x-shopify-event-id"])).size).toBe(1);
    expect(new Set(receiver.received.map((r) => r.headers["x-shopify-webhook-id"])).size).toBe(3);
    expect(new Set(receiver.received.map((r) => r.rawBody)).size).toBe(1);
  });

  it("holds deliveries and releases them in reverse", async () => {
    const { standIn, receiver } = await start();
    const emails = ["a@example.com", "b@example.com", "c@example.com"];
    for (const email of emails)
      await postJson(`${standIn.url}/_dev/customers`, { shop: SHOP, email, deliver: false });
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received).toHaveLength(0);
    const released = await postJson(`${standIn.url}/_dev/deliveries/release`, { order: "reverse" });
    expect(released.json.released).toHaveLength(3);
    expect(receiver.received.map((r) => JSON.parse(r.rawBody).email)).toEqual([...emails].reverse());
  });

  it("retries a failing receiver on the compressed schedule, 8 times, then gives up", async () => {
    const scale = 0.0002;
    const { standIn, receiver } = await start({ retryScale: scale });
    receiver.respond = () => 500;
    await postJson(`${standIn.url}/_dev/customers`, { shop: SHOP, email: "retry@example.com" });
    await waitFor(() => receiver.received.length === 9, 15_000);
    const gaps = receiver.received.slice(1).map((r, i) => r.at - (receiver.received[i]?.at ?? 0));
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual((RETRY_DELAYS_MS[i] ?? 0) * scale - 5));
    expect(RETRY_DELAYS_MS.reduce((a, b) => a + b, 0)).toBeCloseTo(4 * 3600 * 1000, -3);
    await waitFor(() => standIn.dispatcher.deliveries[0]?.status === "failed");
    const log = await fetch(`${standIn.url}/_dev/deliveries`).then(
      (r) => r.json() as Promise<{ deliveries: { attempts: { statusCode: number }[] }[] }>,
    );
    expect(log.deliveries[0]?.attempts.map((a) => a.statusCode)).toEqual(Array(9).fill(500));
  });

  it("treats a receiver that hangs past the timeout as a failure, then retries", async () => {
    const { standIn, receiver } = await start({ retryScale: 0.0001, deliveryTimeoutMs: 300 });
    receiver.respond = () => (receiver.received.length === 1 ? "hang" : 200);
    await postJson(`${standIn.url}/_dev/customers`, { shop: SHOP, email: "hang@example.com" });
    await waitFor(() => standIn.dispatcher.deliveries[0]?.status === "delivered");
    const attempts = standIn.dispatcher.deliveries[0]?.attempts ?? [];
    expect(attempts[0]).toMatchObject({ statusCode: null, error: "timeout after 300 ms" });
    expect(attempts[1]?.statusCode).toBe(200);
    expect(receiver.received[1]?.headers["x-shopify-webhook-id"]).toBe(
      receiver.received[0]?.headers["x-shopify-webhook-id"],
    );
  });

  it("counts 3xx as a failure", async () => {
    const { standIn, receiver } = await start({ retryScale: 0.0001 });
    receiver.respond = () => (receiver.received.length === 1 ? 302 : 204);
    await postJson(`${standIn.url}/_dev/customers`, { shop: SHOP, email: "redirect@example.com" });
    await waitFor(() => standIn.dispatcher.deliveries[0]?.status === "delivered");
    expect(standIn.dispatcher.deliveries[0]?.attempts.map((a) => a.statusCode)).toEqual([302, 204]);
  });
});
