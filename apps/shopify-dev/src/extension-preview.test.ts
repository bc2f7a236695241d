import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ShopifyStandIn } from "./index";
import { startShopifyStandIn } from "./index";
import { SECRET, SHOP } from "./test-support";

/** The app's side: records what the preview forwards and answers like tRPC. */
const arrivals: { url: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
let app: http.Server;
let standIn: ShopifyStandIn;
const extensionsDir = mkdtempSync(join(tmpdir(), "loyalnest-ui-ext-"));

beforeAll(async () => {
  mkdirSync(join(extensionsDir, "loyalty-checkout", "dist"), { recursive: true });
  writeFileSync(
    join(extensionsDir, "loyalty-checkout", "dist", "loyalty-checkout.js"),
    "export const ThankYou = () => {};",
  );
  app = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      arrivals.push({
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      res.writeHead(200, { "content-type": "application/json" }).end('{"result":{"data":{"ok":true}}}');
    });
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  standIn = await startShopifyStandIn({
    apiSecret: SECRET,
    appUrl: `http://127.0.0.1:${(app.address() as AddressInfo).port}`,
    uiExtensionsDir: extensionsDir,
    shops: [{ domain: SHOP, name: "Test Shop" }],
  });
});
afterAll(async () => {
  await standIn.close();
  await new Promise<void>((resolve) => app.close(() => resolve()));
  rmSync(extensionsDir, { recursive: true, force: true });
});

const post = (path: string, body: unknown) =>
  fetch(`${standIn.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("the checkout / customer-account extension preview", () => {
  it("draws the thank-you page around a frame that runs the target with the order and the customer", async () => {
    const { customer } = (await (await post("/_dev/customers", { shop: SHOP, deliver: false })).json()) as {
      customer: { id: number };
    };
    const { order } = (await (
      await post("/_dev/orders", {
        shop: SHOP,
        customerId: customer.id,
        lineItems: [{ price: "80.00", title: "Tote" }],
        deliver: false,
      })
    ).json()) as { order: { id: number } };
    const page = await fetch(`${standIn.url}/_dev/extension?target=thank-you&shop=${SHOP}&order=${order.id}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain("Thank you!");
    expect(html).toMatch(
      new RegExp(
        `<iframe title="LoyalNest purchase.thank-you.block.render" src="/_dev/extension/frame\\?[^"]*customer=${customer.id}`,
      ),
    );
    const frame = await (
      await fetch(`${standIn.url}/_dev/extension/frame?target=thank-you&shop=${SHOP}&order=${order.id}`)
    ).text();
    const config = JSON.parse(
      /<script type="application\/json" id="preview-config">(.*?)<\/script>/.exec(frame)![1]!,
    ) as Record<string, unknown>;
    expect(config).toMatchObject({
      exportName: "ThankYou",
      tokenKind: "checkout",
      customerId: String(customer.id),
      bundleUrl: "/_dev/extension/assets/loyalty-checkout.js",
      order: { gid: `gid://shopify/Order/${order.id}` },
    });
    expect((await fetch(`${standIn.url}/_dev/extension/shim.js`)).status).toBe(200);
    const bundle = await fetch(`${standIn.url}/_dev/extension/assets/loyalty-checkout.js`);
    expect(await bundle.text()).toContain("ThankYou");
    expect((await fetch(`${standIn.url}/_dev/extension/assets/other.js`)).status).toBe(404);
    expect((await fetch(`${standIn.url}/_dev/extension?target=thank-you&shop=${SHOP}`)).status).toBe(400);
  });

  it("forwards shopper.* calls to the app with the session token and surface header, nothing else", async () => {
    const response = await fetch(`${standIn.url}/_dev/extension/api/trpc/shopper.history?input=%7B%7D`, {
      headers: { authorization: "Bearer abc", "x-loyalnest-surface": "checkout", cookie: "secret=1" },
    });
    expect(await response.json()).toEqual({ result: { data: { ok: true } } });
    const arrival = arrivals.at(-1)!;
    expect(arrival.url).toBe("/api/trpc/shopper.history?input=%7B%7D");
    expect(arrival.headers).toMatchObject({ authorization: "Bearer abc", "x-loyalnest-surface": "checkout" });
    expect(arrival.headers.cookie).toBeUndefined();
    expect((await fetch(`${standIn.url}/_dev/extension/api/trpc/admin.settings`)).status).toBe(404);
  });

  it("judges a code for the checkout: unknown refused, allocated only when it combines", async () => {
    const token = (await (await post("/_dev/access-token", { shop: SHOP })).json()) as {
      access_token: string;
    };
    const create = (code: string, combinesWith: Record<string, boolean>) =>
      fetch(`${standIn.url}/${SHOP}/admin/api/2026-01/graphql.json`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-shopify-access-token": token.access_token },
        body: JSON.stringify({
          query: `mutation($d: DiscountCodeBasicInput!) { discountCodeBasicCreate(basicCodeDiscount: $d) { userErrors { message } } }`,
          variables: {
            d: {
              title: code,
              code,
              customerGets: { value: { discountAmount: { amount: "5.00" } } },
              combinesWith,
            },
          },
        }),
      });
    await create("LN-SOLO", {});
    await create("LN-FRIENDLY", { orderDiscounts: true });
    await create("SHARE", { orderDiscounts: true });
    const judge = async (code: string, codes: string[]) =>
      (await (
        await post("/_dev/extension/discount-codes", { shop: SHOP, customerId: null, code, codes })
      ).json()) as {
        result: { type: string };
        allocated: boolean;
      };
    expect((await judge("NOPE", [])).result.type).toBe("error");
    expect(await judge("LN-SOLO", [])).toMatchObject({ result: { type: "success" }, allocated: true });
    expect(await judge("LN-SOLO", ["SHARE"])).toMatchObject({
      result: { type: "success" },
      allocated: false,
    });
    expect(await judge("LN-FRIENDLY", ["SHARE"])).toMatchObject({ allocated: true });
    expect(await judge("LN-FRIENDLY", ["SUMMER10"])).toMatchObject({ allocated: false });
  });
});
