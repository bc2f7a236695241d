import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ShopifyStandIn } from "./index";
import { startShopifyStandIn } from "./index";
import { SECRET, SHOP } from "./test-support";

/** The app's side: records what arrives on /api/trpc and answers like tRPC. */
interface Arrival {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
let app: { url: string; arrivals: Arrival[]; close(): Promise<void> };
let standIn: ShopifyStandIn | undefined;
const previewDir = mkdtempSync(join(tmpdir(), "loyalnest-pos-preview-"));

beforeAll(async () => {
  writeFileSync(join(previewDir, "pos-preview.js"), "/* pos preview */");
  const arrivals: Arrival[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      arrivals.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ result: { data: { results: [] } } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  app = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    arrivals,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
  app.arrivals.length = 0;
});
afterAll(async () => {
  await app.close();
  rmSync(previewDir, { recursive: true, force: true });
});

async function start() {
  standIn = await startShopifyStandIn({
    apiSecret: SECRET,
    appUrl: app.url,
    posPreviewDir: previewDir,
    shops: [{ domain: SHOP, name: "Test Shop" }],
  });
  return standIn;
}

describe("POS preview", () => {
  it("renders the page with its POS controls and the preview's config, and serves the built script", async () => {
    const s = await start();
    const response = await fetch(`${s.url}/_dev/pos?shop=${SHOP}&customer=7100000000000&subtotal=55.00`);
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const id of [
      "go-offline",
      "go-online",
      "lose-next-sync",
      "tile",
      "customer-block",
      "post-purchase",
      "modal",
    ])
      expect(html).toContain(`id="${id}"`);
    const config = /<script type="application\/json" id="ln-pos-config">(.*?)<\/script>/s.exec(html);
    expect(JSON.parse(config![1]!)).toEqual({
      shop: SHOP,
      staffId: "9001",
      customerId: "7100000000000",
      subtotal: "55.00",
      currency: "USD",
      apiBase: "/_dev/pos/api/trpc",
      tokenUrl: "/_dev/session-token",
    });
    const script = await fetch(`${s.url}/_dev/pos/assets/pos-preview.js`);
    expect(script.headers.get("content-type")).toContain("text/javascript");
    expect(await script.text()).toBe("/* pos preview */");
    expect((await fetch(`${s.url}/_dev/pos/assets/other.js`)).status).toBe(404);
    expect((await fetch(`${s.url}/_dev/pos?shop=${SHOP}&customer=abc`)).status).toBe(400);
  });

  it("forwards pos.* calls to the app's /api/trpc with the POS session token, and nothing else", async () => {
    const s = await start();
    const input = encodeURIComponent(JSON.stringify({ shopifyCustomerId: "7100000000000" }));
    const query = await fetch(`${s.url}/_dev/pos/api/trpc/pos.lookupCustomer?input=${input}`, {
      headers: { authorization: "Bearer pos-token", accept: "application/json", cookie: "x=1" },
    });
    expect(query.status).toBe(200);
    const body = JSON.stringify({ actions: [] });
    const mutation = await fetch(`${s.url}/_dev/pos/api/trpc/pos.syncOffline`, {
      method: "POST",
      headers: { authorization: "Bearer pos-token-2", "content-type": "application/json" },
      body,
    });
    expect(await mutation.json()).toEqual({ result: { data: { results: [] } } });
    expect(app.arrivals.map((a) => [a.method, a.url, a.headers.authorization, a.body])).toEqual([
      ["GET", `/api/trpc/pos.lookupCustomer?input=${input}`, "Bearer pos-token", ""],
      ["POST", "/api/trpc/pos.syncOffline", "Bearer pos-token-2", body],
    ]);
    expect(app.arrivals[0]!.headers.cookie).toBeUndefined();
    expect((await fetch(`${s.url}/_dev/pos/api/trpc/admin.customers.list`)).status).toBe(404);
    expect(app.arrivals).toHaveLength(2);
  });
});
