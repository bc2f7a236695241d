import { createHmac } from "node:crypto";
import "@shopify/shopify-api/adapters/node";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appProxySigningMessage, appProxySigningMessages, signAppProxyQuery } from "./app-proxy-signature";
import { readQueryParams } from "./query-params";
import { APP_PROXY_MAX_AGE_SECONDS, APP_PROXY_MAX_FUTURE_SECONDS, verifyAppProxy } from "./verify-app-proxy";

// Shopify's documented example ("Authenticate app proxies", shared secret `hush`). The page shows
// the shop as a `{shop}` placeholder; the published digests are those of `shop-name.myshopify.com`.
const DOC_SECRET = "hush";
const DOC_TIMESTAMP = 1317327555;
const DOC_QUERY =
  "extra=1&extra=2&shop=shop-name.myshopify.com&logged_in_customer_id=1&path_prefix=%2Fapps%2Fawesome_reviews" +
  "&timestamp=1317327555&signature=4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb";
const DOC_NOW = new Date(DOC_TIMESTAMP * 1000);

const SECRET = "shpss_app_proxy_secret";

// Shopify's documented reference, transcribed: `k=v` strings (values comma-joined), sorted, joined.
function documentedSignature(params: Record<string, string[]>, secret: string): string {
  const message = Object.entries(params)
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .sort()
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

function signedQuery(params: Record<string, string[]>, secret = SECRET): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, values] of Object.entries(params)) for (const value of values) search.append(key, value);
  search.append("signature", documentedSignature(params, secret));
  return search;
}

function proxyParams(timestamp: number, extra: Record<string, string[]> = {}): Record<string, string[]> {
  return {
    shop: ["demo-shop.myshopify.com"],
    logged_in_customer_id: ["7012345"],
    path_prefix: ["/apps/loyalty"],
    timestamp: [String(timestamp)],
    ...extra,
  };
}

describe("verifyAppProxy: Shopify's documented example", () => {
  it("accepts the documented query and signature", () => {
    expect(verifyAppProxy({ query: DOC_QUERY, secret: DOC_SECRET, now: DOC_NOW })).toEqual({
      ok: true,
      request: {
        shop: "shop-name.myshopify.com",
        loggedInCustomerId: "1",
        pathPrefix: "/apps/awesome_reviews",
        timestamp: DOC_NOW,
      },
    });
  });

  it("builds the documented signing message and signature", () => {
    const params = readQueryParams({ query: DOC_QUERY });
    expect(appProxySigningMessage(params)).toBe(
      "extra=1,2logged_in_customer_id=1path_prefix=/apps/awesome_reviewsshop=shop-name.myshopify.comtimestamp=1317327555",
    );
    expect(signAppProxyQuery(DOC_QUERY, DOC_SECRET)).toBe(
      "4c68c8624d737112c91818c11017d24d334b524cb5c2b8ba08daa056f7395ddb",
    );
  });

  it("keeps an empty logged_in_customer_id in the message and reports an anonymous visitor", () => {
    const anonymous = DOC_QUERY.replace("logged_in_customer_id=1", "logged_in_customer_id=").replace(
      /signature=[0-9a-f]+/,
      "signature=e072b6d7e6622d85912a5214b860d3100dc1e73d9bc29f43796ac8c9ff8093cb",
    );
    const result = verifyAppProxy({ query: anonymous, secret: DOC_SECRET, now: DOC_NOW });
    expect(result.ok && result.request.loggedInCustomerId).toBeNull();
  });

  it("reads the same request from a URL, a path, URLSearchParams or a parsed record", () => {
    const record = { ...proxyParams(DOC_TIMESTAMP, { extra: ["1", "2"] }) };
    const search = signedQuery(record);
    const inputs = [
      { url: `https://loyalnest.example/proxy/extra/path?${search.toString()}` },
      { url: new URL(`https://loyalnest.example/proxy?${search.toString()}`) },
      { url: `/proxy?${search.toString()}` },
      { query: search },
      { query: { ...record, signature: search.get("signature") ?? "" } },
    ];
    for (const input of inputs)
      expect(verifyAppProxy({ ...input, secret: SECRET, now: DOC_NOW }).ok).toBe(true);
  });
});

describe("verifyAppProxy: multi-valued parameters", () => {
  it("joins repeated values with commas, in the order they were sent", () => {
    const query = signedQuery(proxyParams(DOC_TIMESTAMP, { tag: ["gold", "vip", "x"] }));
    expect(verifyAppProxy({ query, secret: SECRET, now: DOC_NOW }).ok).toBe(true);

    const reordered = new URLSearchParams(query.toString().replace("tag=gold&tag=vip", "tag=vip&tag=gold"));
    expect(verifyAppProxy({ query: reordered, secret: SECRET, now: DOC_NOW })).toMatchObject({
      ok: false,
      reason: "invalid_signature",
    });
  });

  it("does not confuse `a=1,2` sent once with `a` sent twice (same message, as Shopify signs it)", () => {
    const once = signedQuery(proxyParams(DOC_TIMESTAMP, { a: ["1,2"] }));
    const twice = new URLSearchParams(once.toString().replace("a=1%2C2", "a=1&a=2"));
    expect(verifyAppProxy({ query: twice, secret: SECRET, now: DOC_NOW }).ok).toBe(true);
  });

  it("refuses a second copy of a parameter Shopify sets once", () => {
    const query = signedQuery(
      proxyParams(DOC_TIMESTAMP, { shop: ["evil.myshopify.com", "demo-shop.myshopify.com"] }),
    );
    expect(verifyAppProxy({ query, secret: SECRET, now: DOC_NOW })).toMatchObject({
      ok: false,
      reason: "duplicate_parameter",
    });
  });

  it("accepts a signature over keys sorted by name as well as over sorted `key=value` strings", () => {
    const params = proxyParams(DOC_TIMESTAMP, { page: ["1"], page2: ["x"] });
    const byKey = Object.keys(params)
      .sort()
      .map((key) => `${key}=${(params[key] ?? []).join(",")}`)
      .join("");
    const byKeySignature = createHmac("sha256", SECRET).update(byKey).digest("hex");
    const query = signedQuery(params);
    expect(verifyAppProxy({ query, secret: SECRET, now: DOC_NOW }).ok).toBe(true);
    query.set("signature", byKeySignature);
    expect(byKeySignature).not.toBe(documentedSignature(params, SECRET));
    expect(verifyAppProxy({ query, secret: SECRET, now: DOC_NOW }).ok).toBe(true);
  });
});

describe("appProxySigningMessages", () => {
  it("gives the documented message, and the by-key one exactly when the two orders differ", () => {
    // Keys from a tiny alphabet, so one is often a prefix of another (`a`, `ab`, `a-`, `a0b`).
    const key = fc.string({ unit: fc.constantFrom("a", "b", "-", "0", "é"), minLength: 1, maxLength: 4 });
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.array(fc.string({ maxLength: 3 }), { minLength: 1, maxLength: 2 })),
        (record) => {
          const params = new Map(Object.entries(record));
          const pairFor = (k: string) => `${k}=${params.get(k)!.join(",")}`;
          const bytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));
          const documented = [...params.keys()].map(pairFor).sort(bytes).join("");
          const byKey = [...params.keys()].sort(bytes).map(pairFor).join("");
          expect(appProxySigningMessages(params)).toEqual(
            documented === byKey ? [documented] : [documented, byKey],
          );
        },
      ),
      { numRuns: 2_000 },
    );
  });
});

describe("verifyAppProxy: timestamps", () => {
  const at = (offsetSeconds: number) => new Date((DOC_TIMESTAMP + offsetSeconds) * 1000);
  const query = signedQuery(proxyParams(DOC_TIMESTAMP));

  it(`accepts a request up to ${APP_PROXY_MAX_AGE_SECONDS} s old and refuses an older one`, () => {
    expect(verifyAppProxy({ query, secret: SECRET, now: at(APP_PROXY_MAX_AGE_SECONDS) }).ok).toBe(true);
    expect(verifyAppProxy({ query, secret: SECRET, now: at(APP_PROXY_MAX_AGE_SECONDS + 1) })).toMatchObject({
      ok: false,
      reason: "stale_timestamp",
    });
    expect(verifyAppProxy({ query, secret: SECRET, now: at(3600) })).toMatchObject({
      reason: "stale_timestamp",
    });
  });

  it(`accepts a timestamp up to ${APP_PROXY_MAX_FUTURE_SECONDS} s ahead and refuses one further`, () => {
    expect(verifyAppProxy({ query, secret: SECRET, now: at(-APP_PROXY_MAX_FUTURE_SECONDS) }).ok).toBe(true);
    expect(
      verifyAppProxy({ query, secret: SECRET, now: at(-APP_PROXY_MAX_FUTURE_SECONDS - 1) }),
    ).toMatchObject({
      ok: false,
      reason: "future_timestamp",
    });
  });

  it("honours a caller's max age", () => {
    expect(verifyAppProxy({ query, secret: SECRET, now: at(30), maxAgeSeconds: 10 })).toMatchObject({
      reason: "stale_timestamp",
    });
  });

  it("refuses a signed request with a missing or non-numeric timestamp", () => {
    const noTimestamp = signedQuery({ shop: ["demo-shop.myshopify.com"] });
    expect(verifyAppProxy({ query: noTimestamp, secret: SECRET, now: DOC_NOW })).toMatchObject({
      reason: "missing_timestamp",
    });
    const words = signedQuery(proxyParams(DOC_TIMESTAMP, { timestamp: ["soon"] }));
    expect(verifyAppProxy({ query: words, secret: SECRET, now: DOC_NOW })).toMatchObject({
      reason: "missing_timestamp",
    });
  });
});

describe("verifyAppProxy refuses what Shopify did not sign", () => {
  const query = signedQuery(proxyParams(DOC_TIMESTAMP));
  const verify = (search: URLSearchParams, secret = SECRET) =>
    verifyAppProxy({ query: search, secret, now: DOC_NOW });
  const edited = (edit: (search: URLSearchParams) => void) => {
    const copy = new URLSearchParams(query);
    edit(copy);
    return copy;
  };

  it.each([
    ["no signature", edited((q) => q.delete("signature")), "missing_signature"],
    ["an empty signature", edited((q) => q.set("signature", "")), "missing_signature"],
    [
      "a truncated signature",
      edited((q) => q.set("signature", (q.get("signature") ?? "").slice(2))),
      "malformed_signature",
    ],
    [
      "an upper-case signature",
      edited((q) => q.set("signature", (q.get("signature") ?? "").toUpperCase())),
      "malformed_signature",
    ],
    ["a base64 signature", edited((q) => q.set("signature", "YWJj")), "malformed_signature"],
    ["another customer id", edited((q) => q.set("logged_in_customer_id", "7012346")), "invalid_signature"],
    ["another shop", edited((q) => q.set("shop", "other-shop.myshopify.com")), "invalid_signature"],
    ["an added parameter", edited((q) => q.append("admin", "true")), "invalid_signature"],
    ["a removed parameter", edited((q) => q.delete("path_prefix")), "invalid_signature"],
  ])("refuses %s", (_name, search, reason) => {
    expect(verify(search)).toMatchObject({ ok: false, reason });
  });

  it("refuses the right parameters signed with another secret", () => {
    expect(verify(query, "another-secret")).toMatchObject({ ok: false, reason: "invalid_signature" });
  });

  it("refuses a signed request for something that is not a shop domain", () => {
    const search = signedQuery(proxyParams(DOC_TIMESTAMP, { shop: ["evil.example.com"] }));
    expect(verify(search)).toMatchObject({ ok: false, reason: "invalid_shop" });
  });

  it("refuses a signed request whose customer id is not numeric", () => {
    const search = signedQuery(proxyParams(DOC_TIMESTAMP, { logged_in_customer_id: ["gid://x"] }));
    expect(verify(search)).toMatchObject({ ok: false, reason: "invalid_customer_id" });
  });

  it("does not throw on an unparseable URL", () => {
    expect(verifyAppProxy({ url: "http://[::1", secret: SECRET, now: DOC_NOW })).toMatchObject({
      reason: "missing_signature",
    });
  });

  it("verifies whatever signAppProxyQuery signs, and refuses any changed value", () => {
    const key = fc
      .string({ minLength: 1, maxLength: 8 })
      .filter((k) => !["signature", "shop", "timestamp", "logged_in_customer_id", "path_prefix"].includes(k));
    fc.assert(
      fc.property(
        fc.dictionary(key, fc.array(fc.string({ maxLength: 8 }), { minLength: 1, maxLength: 3 })),
        fc.string({ minLength: 1, maxLength: 4 }),
        (extra, suffix) => {
          const params = proxyParams(DOC_TIMESTAMP, extra);
          const search = new URLSearchParams();
          for (const [k, values] of Object.entries(params)) for (const v of values) search.append(k, v);
          search.append("signature", signAppProxyQuery(search, SECRET));
          expect(verify(search).ok).toBe(true);
          const tampered = new URLSearchParams(search);
          tampered.set("path_prefix", `/apps/loyalty${suffix}`);
          expect(verify(tampered).ok).toBe(false);
        },
      ),
    );
  });
});

describe("verifyAppProxy agrees with @shopify/shopify-api's utils.validateHmac (signator appProxy)", () => {
  const shopify = shopifyApi({
    apiKey: "test-api-key",
    apiSecretKey: SECRET,
    scopes: [],
    hostName: "localhost:3000",
    apiVersion: ApiVersion.January26,
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error, log: async () => {} },
  });
  // The library reads the wall clock, so these requests are signed "now".
  const now = new Date();
  const fresh = signedQuery(proxyParams(Math.floor(now.getTime() / 1000), { extra: ["1", "2"] }));
  const withParam = (name: string, value: string | null) => {
    const copy = new URLSearchParams(fresh);
    if (value === null) copy.delete(name);
    else copy.set(name, value);
    return copy;
  };

  it.each([
    ["valid", fresh, SECRET, true],
    ["tampered customer id", withParam("logged_in_customer_id", "1"), SECRET, false],
    ["wrong secret", fresh, "another-secret", false],
    ["missing signature", withParam("signature", null), SECRET, false],
    ["stale timestamp", signedQuery(proxyParams(Math.floor(now.getTime() / 1000) - 3600)), SECRET, false],
  ])("%s", async (_name, search, secret, expected) => {
    const library = shopifyApi({
      ...shopify.config,
      apiSecretKey: secret,
      logger: { level: LogSeverity.Error, log: async () => {} },
    });
    const libraryVerdict = await library.utils
      .validateHmac(search, { signator: "appProxy" })
      .catch(() => false);
    expect(libraryVerdict).toBe(expected);
    expect(verifyAppProxy({ query: search, secret, now }).ok).toBe(expected);
  });
});
