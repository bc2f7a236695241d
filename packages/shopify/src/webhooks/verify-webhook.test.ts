import { createHmac } from "node:crypto";
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signWebhookBody, verifyWebhook } from "./verify-webhook";

const SECRET = "shpss_0123456789abcdef0123456789abcdef";
const BODY = JSON.stringify({ id: 820982911946154500, email: "jon@example.com", total_price: "199.65" });

// Computed the way Shopify documents it, independently of the code under test.
function shopifyHmac(body: string | Buffer, secret = SECRET): string {
  return createHmac("sha256", secret).update(body).digest("base64");
}

function shopifyHeaders(
  body: string | Buffer,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    "X-Shopify-Topic": "orders/paid",
    "X-Shopify-Hmac-Sha256": shopifyHmac(body),
    "X-Shopify-Shop-Domain": "demo-shop.myshopify.com",
    "X-Shopify-API-Version": "2026-01",
    "X-Shopify-Webhook-Id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
    "X-Shopify-Triggered-At": "2026-03-29T18:00:27.877041743Z",
    "X-Shopify-Event-Id": "98880550-7158-44d4-b7cd-2c97c8a091b5",
    ...overrides,
  };
}

function without(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));
}

const shopify = shopifyApi({
  apiKey: "test-api-key",
  apiSecretKey: SECRET,
  scopes: [],
  hostName: "localhost:3000",
  apiVersion: ApiVersion.January26,
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error, log: async () => {} },
});

async function shopifyLibraryAccepts(rawBody: string, headers: Record<string, string>): Promise<boolean> {
  const rawRequest = { headers: lowerCaseKeys(headers), method: "POST", url: "/webhooks" };
  const result = await shopify.webhooks.validate({
    rawBody,
    rawRequest: rawRequest as never,
    rawResponse: {} as never,
  });
  return result.valid;
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
}

describe("verifyWebhook: a delivery signed the way Shopify signs it", () => {
  it("is accepted and its headers become a typed delivery", () => {
    const result = verifyWebhook({ rawBody: BODY, headers: shopifyHeaders(BODY), secret: SECRET });

    expect(result).toEqual({
      ok: true,
      delivery: {
        topic: "orders/paid",
        shopDomain: "demo-shop.myshopify.com",
        eventId: "98880550-7158-44d4-b7cd-2c97c8a091b5",
        webhookId: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043",
        triggeredAt: new Date("2026-03-29T18:00:27.877Z"),
        apiVersion: "2026-01",
        isCompliance: false,
      },
    });
  });

  it("covers the raw bytes, so a Buffer body with non-UTF-8 bytes verifies", () => {
    const body = Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]);
    expect(verifyWebhook({ rawBody: body, headers: shopifyHeaders(body), secret: SECRET }).ok).toBe(true);
  });

  it("matches signWebhookBody, which the stand-in uses", () => {
    expect(signWebhookBody(BODY, SECRET)).toBe(shopifyHmac(BODY));
    expect(signWebhookBody(Buffer.from(BODY), SECRET)).toBe(shopifyHmac(BODY));
  });

  it.each(["customers/data_request", "customers/redact", "shop/redact"])(
    "marks %s as a compliance topic",
    (topic) => {
      const result = verifyWebhook({
        rawBody: BODY,
        headers: shopifyHeaders(BODY, { "X-Shopify-Topic": topic }),
        secret: SECRET,
      });
      expect(result.ok && result.delivery.isCompliance).toBe(true);
    },
  );

  it("leaves triggeredAt null when Shopify's optional X-Shopify-Triggered-At is absent", () => {
    const headers = without(shopifyHeaders(BODY), "X-Shopify-Triggered-At");
    const result = verifyWebhook({ rawBody: BODY, headers, secret: SECRET });
    expect(result.ok && result.delivery.triggeredAt).toBeNull();
  });
});

describe("verifyWebhook agrees with @shopify/shopify-api's webhooks.validate", () => {
  const cases: Array<[string, string, Record<string, string>, boolean]> = [
    ["valid", BODY, shopifyHeaders(BODY), true],
    ["tampered body", BODY.replace("199.65", "999.65"), shopifyHeaders(BODY), false],
    [
      "wrong secret",
      BODY,
      shopifyHeaders(BODY, { "X-Shopify-Hmac-Sha256": shopifyHmac(BODY, "another-secret") }),
      false,
    ],
    ["missing HMAC header", BODY, without(shopifyHeaders(BODY), "X-Shopify-Hmac-Sha256"), false],
    ["missing topic header", BODY, without(shopifyHeaders(BODY), "X-Shopify-Topic"), false],
    ["missing shop domain header", BODY, without(shopifyHeaders(BODY), "X-Shopify-Shop-Domain"), false],
    ["empty body", "", shopifyHeaders(""), false],
  ];

  it.each(cases)("%s", async (_name, body, headers, expected) => {
    expect(await shopifyLibraryAccepts(body, headers)).toBe(expected);
    expect(verifyWebhook({ rawBody: body, headers, secret: SECRET }).ok).toBe(expected);
  });
});

describe("verifyWebhook refuses what Shopify did not sign", () => {
  it("refuses any single-byte change of the body", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 512 }),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (bytes, at, flip) => {
          const body = Buffer.from(bytes);
          const headers = shopifyHeaders(body);
          const tampered = Buffer.from(body);
          const index = at % tampered.length;
          tampered[index] = (tampered[index] ?? 0) ^ flip;
          const result = verifyWebhook({ rawBody: tampered, headers, secret: SECRET });
          expect(result).toMatchObject({ ok: false, reason: "invalid_hmac" });
        },
      ),
    );
  });

  it("refuses a body re-serialised after parsing (why the raw body must be kept)", () => {
    const reserialised = JSON.stringify(JSON.parse(BODY), null, 2);
    const result = verifyWebhook({ rawBody: reserialised, headers: shopifyHeaders(BODY), secret: SECRET });
    expect(result).toMatchObject({ ok: false, reason: "invalid_hmac" });
  });

  it("refuses a signature made with another secret", () => {
    const headers = shopifyHeaders(BODY, { "X-Shopify-Hmac-Sha256": shopifyHmac(BODY, "not-our-secret") });
    expect(verifyWebhook({ rawBody: BODY, headers, secret: SECRET })).toMatchObject({
      ok: false,
      reason: "invalid_hmac",
    });
  });

  const good = shopifyHmac(BODY);
  it.each([
    ["truncated", good.slice(0, 20), "malformed_hmac"],
    ["one character short", good.slice(1), "malformed_hmac"],
    ["one character longer", `${good}A`, "malformed_hmac"],
    ["garbage", "not base64 at all!!", "malformed_hmac"],
    ["hex instead of base64", createHmac("sha256", SECRET).update(BODY).digest("hex"), "malformed_hmac"],
    ["base64 without padding", good.replace(/=$/, ""), "malformed_hmac"],
    ["sent twice", `${good}, ${good}`, "malformed_hmac"],
    ["blank", "   ", "missing_hmac"],
    ["right length, wrong value", `${"A".repeat(43)}=`, "invalid_hmac"],
  ])("refuses a %s header without throwing", (_name, hmac, reason) => {
    const headers = shopifyHeaders(BODY, { "X-Shopify-Hmac-Sha256": hmac });
    expect(verifyWebhook({ rawBody: BODY, headers, secret: SECRET })).toMatchObject({ ok: false, reason });
  });

  it("never throws on an arbitrary header value, and accepts only the right one", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (hmac) => {
        const headers = shopifyHeaders(BODY, { "X-Shopify-Hmac-Sha256": hmac });
        const result = verifyWebhook({ rawBody: BODY, headers, secret: SECRET });
        expect(result.ok).toBe(hmac.trim() === good);
      }),
    );
  });

  it("refuses an empty body even when its HMAC is right", () => {
    expect(verifyWebhook({ rawBody: "", headers: shopifyHeaders(""), secret: SECRET })).toMatchObject({
      ok: false,
      reason: "empty_body",
    });
  });
});

describe("verifyWebhook reads the delivery headers", () => {
  it.each([
    ["lower case (Node)", lowerCaseKeys(shopifyHeaders(BODY))],
    [
      "upper case",
      Object.fromEntries(
        Object.entries(shopifyHeaders(BODY)).map(([key, value]) => [key.toUpperCase(), value]),
      ),
    ],
    ["a Fetch Headers object", new Headers(shopifyHeaders(BODY))],
    [
      "Node's array form",
      Object.fromEntries(Object.entries(lowerCaseKeys(shopifyHeaders(BODY))).map(([k, v]) => [k, [v]])),
    ],
  ])("case-insensitively from %s", (_name, headers) => {
    expect(verifyWebhook({ rawBody: BODY, headers, secret: SECRET }).ok).toBe(true);
  });

  it.each([
    "X-Shopify-Event-Id",
    "X-Shopify-Topic",
    "X-Shopify-Shop-Domain",
    "X-Shopify-Webhook-Id",
    "X-Shopify-API-Version",
  ])("refuses a signed delivery without %s, naming it", (header) => {
    const result = verifyWebhook({
      rawBody: BODY,
      headers: without(shopifyHeaders(BODY), header),
      secret: SECRET,
    });
    expect(result).toEqual({
      ok: false,
      reason: "missing_header",
      header,
      message: `missing ${header} header`,
    });
  });

  it.each([
    ["X-Shopify-Shop-Domain", "evil.example.com"],
    ["X-Shopify-Topic", "orders paid"],
    ["X-Shopify-Triggered-At", "yesterday"],
    ["X-Shopify-API-Version", "2026/01"],
  ])("refuses a malformed %s header", (header, value) => {
    const result = verifyWebhook({
      rawBody: BODY,
      headers: shopifyHeaders(BODY, { [header]: value }),
      secret: SECRET,
    });
    expect(result).toMatchObject({ ok: false, reason: "invalid_header", header });
  });

  it("lower-cases the shop domain", () => {
    const headers = shopifyHeaders(BODY, { "X-Shopify-Shop-Domain": "Demo-Shop.myshopify.com" });
    const result = verifyWebhook({ rawBody: BODY, headers, secret: SECRET });
    expect(result.ok && result.delivery.shopDomain).toBe("demo-shop.myshopify.com");
  });

  it("checks the signature before trusting any header", () => {
    const headers = without(
      shopifyHeaders(BODY, { "X-Shopify-Hmac-Sha256": shopifyHmac("other") }),
      "X-Shopify-Event-Id",
    );
    expect(verifyWebhook({ rawBody: BODY, headers, secret: SECRET })).toMatchObject({
      reason: "invalid_hmac",
    });
  });
});
