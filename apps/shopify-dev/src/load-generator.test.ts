import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { signAppProxyRequest } from "./app-proxy";
import type { LoadResult, ShopifyStandIn } from "./index";
import { generateLoad, startShopifyStandIn } from "./index";
import type { Receiver } from "./test-support";
import { API_KEY, postJson, SECRET, SHOP, startReceiver } from "./test-support";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function start(): Promise<{ standIn: ShopifyStandIn; receiver: Receiver }> {
  const receiver = await startReceiver();
  const standIn = await startShopifyStandIn({
    apiKey: API_KEY,
    apiSecret: SECRET,
    webhookUrl: receiver.url,
    shops: [{ domain: SHOP }],
  });
  cleanups.push(
    () => standIn.close(),
    () => receiver.close(),
  );
  return { standIn, receiver };
}

const spec = {
  shop: SHOP,
  ordersPerSecond: 40,
  customers: 6,
  seconds: 0.5,
  duplicateRate: 0.3,
  reorderRate: 0.3,
  seed: 42,
};

function comparable(result: LoadResult) {
  return {
    ...result,
    durationMs: 0,
    perCustomer: result.perCustomer.map((c) => ({ orders: c.orders, spend: c.spend })),
  };
}

describe("load generator", () => {
  it("produces the requested counts, deterministically from the seed", async () => {
    const a = await start();
    const first = await generateLoad(a.standIn, spec);
    expect(first.orders).toBe(20);
    expect(first.customers).toBe(6);
    expect(first.deliveries).toBe(20 + first.duplicates);
    expect(first.duplicates).toBeGreaterThan(0);
    expect(first.reordered).toBeGreaterThan(0);
    expect(first.perCustomer.reduce((s, c) => s + c.orders, 0)).toBe(20);
    await a.standIn.deliverPending();
    const paid = a.receiver.received.filter((r) => r.headers["x-shopify-topic"] === "orders/paid");
    expect(paid).toHaveLength(first.deliveries);
    const received = paid.reduce(
      (sum, r) => sum + Math.round(Number(JSON.parse(r.rawBody).total_price) * 100),
      0,
    );
    const unique = new Map(paid.map((r) => [r.headers["x-shopify-event-id"], JSON.parse(r.rawBody)]));
    expect(unique.size).toBe(20);
    expect(received).toBeGreaterThanOrEqual(Math.round(Number(first.totalSpend) * 100));

    const b = await start();
    const second = await generateLoad(b.standIn, spec);
    expect(comparable(second)).toEqual(comparable(first));
  });

  it("is bounded and exposed over HTTP", async () => {
    const { standIn } = await start();
    const tooBig = await postJson(`${standIn.url}/_dev/load`, {
      ordersPerSecond: 5000,
      customers: 1,
      seconds: 1,
    });
    expect(tooBig.status).toBe(400);
    const ok = await postJson(`${standIn.url}/_dev/load`, {
      shop: SHOP,
      ordersPerSecond: 10,
      customers: 2,
      seconds: 0.3,
      seed: 7,
    });
    expect(ok.status).toBe(200);
    expect(ok.json.orders).toBe(3);
  });
});

describe("app proxy signing", () => {
  it("signs with Shopify's algorithm", async () => {
    const { standIn } = await start();
    const signed = await postJson(`${standIn.url}/_dev/app-proxy/sign`, {
      shop: SHOP,
      path: "/apps/loyalnest/widget",
      query: { extra: ["1", "2"] },
      loggedInCustomerId: 42,
    });
    const url = new URL(signed.json.url);
    expect(url.pathname).toBe("/api/proxy/widget");
    const params = new URLSearchParams(url.search);
    const signature = params.get("signature");
    params.delete("signature");
    const grouped = new Map<string, string[]>();
    for (const [k, v] of params) grouped.set(k, [...(grouped.get(k) ?? []), v]);
    const message = [...grouped]
      .map(([k, v]) => `${k}=${v.join(",")}`)
      .sort()
      .join("");
    expect(signature).toBe(createHmac("sha256", SECRET).update(message).digest("hex"));
    expect(params.get("logged_in_customer_id")).toBe("42");
    expect(params.get("path_prefix")).toBe("/apps/loyalnest");
    const anonymous = signAppProxyRequest(
      { shop: SHOP, path: "/", pathPrefix: "/apps/loyalnest", proxyUrl: "http://x/api/proxy" },
      SECRET,
    );
    expect(new URL(anonymous.url).searchParams.get("logged_in_customer_id")).toBe("");
  });
});
