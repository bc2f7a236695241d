import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { verifyAppProxy } from "@loyalnest/shopify";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ShopifyStandIn } from "./index";
import { startShopifyStandIn } from "./index";
import { SECRET, SHOP } from "./test-support";

/** The app's side of the proxy: records what arrives and answers like tRPC. */
interface Arrival {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
let app: { url: string; arrivals: Arrival[]; close(): Promise<void> };
let standIn: ShopifyStandIn | undefined;
const extensionDir = mkdtempSync(join(tmpdir(), "loyalnest-theme-"));

beforeAll(async () => {
  mkdirSync(join(extensionDir, "assets"));
  mkdirSync(join(extensionDir, "locales"));
  writeFileSync(join(extensionDir, "assets", "launcher.js"), "/* launcher */");
  writeFileSync(
    join(extensionDir, "locales", "en.default.json"),
    JSON.stringify({
      launcher: { label: "Rewards" },
      points: { one: "{{ count }} point", other: "{{ count }} points" },
      product: { earn: "Earn {{ points }} with this purchase" },
      page: { title: "Our rewards programme", intro: "Join" },
    }),
  );
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
      const status = req.url?.includes("shopper.redeem") ? 422 : 200;
      res.writeHead(status, { "content-type": "application/json" });
      res.end(
        JSON.stringify(status === 200 ? { result: { data: { ok: true } } } : { error: { message: "no" } }),
      );
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
  rmSync(extensionDir, { recursive: true, force: true });
});

async function start() {
  standIn = await startShopifyStandIn({
    apiSecret: SECRET,
    appProxyUrl: `${app.url}/api/proxy`,
    themeExtensionDir: extensionDir,
    shops: [{ domain: SHOP, name: "Test Shop" }],
  });
  return standIn;
}

async function openPreview(s: ShopifyStandIn, query: string) {
  const response = await fetch(`${s.url}/_dev/storefront?${query}`);
  const cookie = response.headers.get("set-cookie")?.split(";")[0] ?? "";
  return { response, html: await response.text(), cookie };
}

describe("storefront preview", () => {
  it("renders a shop page with the app embed's boot JSON and launcher, and logs the customer in", async () => {
    const s = await start();
    const { response, html, cookie } = await openPreview(s, `shop=${SHOP}&customer=7100000000000&locale=fr`);
    expect(response.status).toBe(200);
    expect(cookie).toMatch(/^shopify_dev_storefront=/);
    expect(html).toContain('<script src="/_dev/storefront/assets/launcher.js" defer></script>');
    const boot =
      /<script type="application\/json" id="loyalnest-boot" data-panel-src="([^"]+)">(.*?)<\/script>/s.exec(
        html,
      );
    expect(boot?.[1]).toBe("/_dev/storefront/assets/panel.js");
    expect(JSON.parse(boot![2]!)).toMatchObject({
      shop: SHOP,
      shopName: "Test Shop",
      locale: "fr",
      customer: { id: 7100000000000 },
      proxyPath: "/apps/loyalnest",
    });
    expect(html).toContain("Earn 42 points with this purchase");
    const asset = await fetch(`${s.url}/_dev/storefront/assets/launcher.js`);
    expect(asset.headers.get("content-type")).toContain("text/javascript");
    expect(await asset.text()).toBe("/* launcher */");
    expect((await fetch(`${s.url}/_dev/storefront/assets/panel.js`)).status).toBe(404);
  });

  it("leaves the embed out with embed=0 (the page to compare performance against)", async () => {
    const s = await start();
    const { html } = await openPreview(s, `shop=${SHOP}&embed=0`);
    expect(html).not.toContain("loyalnest-boot");
    expect(html).not.toContain("launcher.js");
  });
});

describe("app proxy", () => {
  it("forwards a query to the app signed as Shopify does, verifiable with verifyAppProxy", async () => {
    const s = await start();
    const { cookie } = await openPreview(s, `shop=${SHOP}&customer=7100000000042`);
    const input = encodeURIComponent(JSON.stringify({ limit: 10 }));
    const response = await fetch(`${s.url}/apps/loyalnest/trpc/shopper.history?input=${input}`, {
      headers: { cookie, accept: "application/json" },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: { data: { ok: true } } });

    const arrival = app.arrivals[0]!;
    expect(arrival.method).toBe("GET");
    const url = new URL(arrival.url, app.url);
    expect(url.pathname).toBe("/api/proxy/trpc/shopper.history");
    expect(url.searchParams.get("input")).toBe('{"limit":10}');
    expect(
      Object.fromEntries(
        [...url.searchParams].filter(([k]) => k !== "input" && k !== "signature" && k !== "timestamp"),
      ),
    ).toEqual({
      shop: SHOP,
      logged_in_customer_id: "7100000000042",
      path_prefix: "/apps/loyalnest",
    });
    expect(arrival.headers.cookie).toBeUndefined();
    const verified = verifyAppProxy({ url: arrival.url, secret: SECRET, now: new Date() });
    expect(verified).toMatchObject({
      ok: true,
      request: { shop: SHOP, loggedInCustomerId: "7100000000042", pathPrefix: "/apps/loyalnest" },
    });
    // Tampering with the shopper's part of the query breaks the signature.
    const forged = arrival.url.replace(
      encodeURIComponent('{"limit":10}'),
      encodeURIComponent('{"limit":11}'),
    );
    expect(verifyAppProxy({ url: forged, secret: SECRET, now: new Date() })).toMatchObject({ ok: false });
    expect(verifyAppProxy({ url: arrival.url, secret: "other-secret", now: new Date() })).toMatchObject({
      ok: false,
    });
  });

  it("forwards a mutation's body and the app's status, and signs a guest with an empty customer id", async () => {
    const s = await start();
    const { cookie } = await openPreview(s, `shop=${SHOP}`);
    const body = JSON.stringify({ rewardId: 1, requestKey: "widget:abcdefgh" });
    const response = await fetch(`${s.url}/apps/loyalnest/trpc/shopper.redeem`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body,
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: { message: "no" } });
    const arrival = app.arrivals[0]!;
    expect(arrival).toMatchObject({ method: "POST", body });
    expect(arrival.headers["content-type"]).toBe("application/json");
    const url = new URL(arrival.url, app.url);
    expect(url.searchParams.get("logged_in_customer_id")).toBe("");
    expect(verifyAppProxy({ url: arrival.url, secret: SECRET, now: new Date() })).toMatchObject({
      ok: true,
      request: { shop: SHOP, loggedInCustomerId: null },
    });
  });

  it("answers 502 like Shopify when the app is unreachable", async () => {
    standIn = await startShopifyStandIn({
      apiSecret: SECRET,
      appProxyUrl: "http://127.0.0.1:1/api/proxy",
      themeExtensionDir: extensionDir,
      shops: [{ domain: SHOP }],
    });
    const response = await fetch(`${standIn.url}/apps/loyalnest/trpc/shopper.profile`);
    expect(response.status).toBe(502);
  });
});
