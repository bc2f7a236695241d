import "@shopify/shopify-api/adapters/node";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { getJwt } from "@shopify/shopify-api/test-helpers";
import { SignJWT } from "jose";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mintSessionToken } from "./mint-session-token";
import type { SessionTokenCaller } from "./session-token-caller";
import {
  SESSION_TOKEN_CLOCK_SKEW_SECONDS,
  readBearerToken,
  verifySessionToken,
} from "./verify-session-token";

const API_KEY = "4f6b1c2d3e4f5a6b7c8d9e0f1a2b3c4d";
const SECRET = "shpss_session_token_secret_0123456789";
const SHOP = "demo-shop.myshopify.com";
const NOW = new Date("2026-05-01T12:00:00.000Z");
const NOW_S = NOW.getTime() / 1000;

// Claims as Shopify's App Bridge issues them for the embedded admin.
function adminClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    iss: `https://${SHOP}/admin`,
    dest: `https://${SHOP}`,
    aud: API_KEY,
    sub: "42",
    exp: NOW_S + 60,
    nbf: NOW_S,
    iat: NOW_S,
    jti: "f8912129-1af6-4cad-9ca3-76b0f7621087",
    sid: "aaea182f2732d44c23057c0fea584021a4485b2bd25d3eb7fd349313ad24c685",
    ...overrides,
  };
}

// Claims as Shopify issues them to checkout UI extensions: bare shop in `dest`, no `iss`.
function checkoutClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    dest: SHOP,
    aud: API_KEY,
    sub: "gid://shopify/Customer/7012345",
    exp: NOW_S + 300,
    nbf: NOW_S,
    iat: NOW_S,
    jti: "6c992878-dbaf-48d1-bb9d-6d9b59814fd1",
    ...overrides,
  };
}

async function sign(claims: Record<string, unknown>, secret = SECRET, alg = "HS256"): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, typ: "JWT" }).sign(new TextEncoder().encode(secret));
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

function verify(token: string, caller: SessionTokenCaller = "admin", now = NOW) {
  return verifySessionToken({ token, caller, apiKey: API_KEY, secret: SECRET, now });
}

describe("verifySessionToken: tokens made the way Shopify makes them", () => {
  it("accepts an App Bridge admin token and yields the shop and staff user", async () => {
    expect(await verify(await sign(adminClaims()))).toEqual({
      ok: true,
      session: {
        kind: "admin",
        shop: SHOP,
        sub: "42",
        staffUserId: "42",
        customerId: null,
        sessionId: "aaea182f2732d44c23057c0fea584021a4485b2bd25d3eb7fd349313ad24c685",
        tokenId: "f8912129-1af6-4cad-9ca3-76b0f7621087",
        expiresAt: new Date((NOW_S + 60) * 1000),
      },
    });
  });

  it("accepts a POS token (same shape as the admin's) as kind pos", async () => {
    const result = await verify(await sign(adminClaims({ sub: "99" })), "pos");
    expect(result).toMatchObject({ ok: true, session: { kind: "pos", staffUserId: "99", customerId: null } });
  });

  it.each<SessionTokenCaller>(["checkout", "customer-account"])(
    "accepts a %s extension token and yields the customer from the GID in sub",
    async (caller) => {
      const result = await verify(await sign(checkoutClaims()), caller);
      expect(result).toMatchObject({
        ok: true,
        session: {
          kind: caller,
          shop: SHOP,
          sub: "gid://shopify/Customer/7012345",
          customerId: "7012345",
          staffUserId: null,
        },
      });
    },
  );

  it("accepts an anonymous checkout token (no sub) with no customer", async () => {
    const { sub: _sub, ...anonymous } = checkoutClaims();
    const result = await verify(await sign(anonymous), "checkout");
    expect(result).toMatchObject({ ok: true, session: { sub: null, customerId: null } });
  });

  it("accepts an extension token whose dest carries the https scheme", async () => {
    expect((await verify(await sign(checkoutClaims({ dest: `https://${SHOP}` })), "checkout")).ok).toBe(true);
  });

  it("accepts a token from @shopify/shopify-api's own test helper (iss without scheme, fractional times)", async () => {
    const { token } = await getJwt("demo-shop", API_KEY, SECRET);
    const result = await verifySessionToken({
      token,
      caller: "admin",
      apiKey: API_KEY,
      secret: SECRET,
      now: new Date(),
    });
    expect(result).toMatchObject({ ok: true, session: { shop: SHOP, staffUserId: "12345" } });
  });

  it.each<[SessionTokenCaller, string | undefined]>([
    ["admin", "42"],
    ["pos", "42"],
    ["checkout", "gid://shopify/Customer/1"],
    ["checkout", undefined],
    ["customer-account", "gid://shopify/Customer/1"],
  ])("verifies what mintSessionToken mints for %s (sub %s)", async (caller, sub) => {
    const token = await mintSessionToken({
      caller,
      shop: SHOP,
      apiKey: API_KEY,
      secret: SECRET,
      now: NOW,
      ...(sub === undefined ? {} : { sub }),
    });
    const result = await verify(token, caller);
    expect(result).toMatchObject({ ok: true, session: { kind: caller, shop: SHOP, sub: sub ?? null } });
    const lifetime = caller === "admin" || caller === "pos" ? 60 : 300;
    expect(result.ok && result.session.expiresAt).toEqual(new Date(NOW.getTime() + lifetime * 1000));
  });
});

describe("verifySessionToken: clock skew", () => {
  const skew = SESSION_TOKEN_CLOCK_SKEW_SECONDS;

  it(`tolerates an exp up to ${skew} s in the past, not at the edge`, async () => {
    expect((await verify(await sign(adminClaims({ exp: NOW_S - skew + 1 })))).ok).toBe(true);
    expect(await verify(await sign(adminClaims({ exp: NOW_S - skew })))).toMatchObject({
      ok: false,
      reason: "expired",
    });
  });

  it(`tolerates an nbf up to ${skew} s in the future, not beyond`, async () => {
    expect((await verify(await sign(adminClaims({ nbf: NOW_S + skew })))).ok).toBe(true);
    expect(await verify(await sign(adminClaims({ nbf: NOW_S + skew + 1 })))).toMatchObject({
      ok: false,
      reason: "not_yet_valid",
    });
  });
});

describe("verifySessionToken refuses what Shopify did not issue", () => {
  it.each<[string, () => Promise<string>, string]>([
    ["an expired token", () => sign(adminClaims({ exp: NOW_S - 120, nbf: NOW_S - 180 })), "expired"],
    [
      "a token not valid yet",
      () => sign(adminClaims({ nbf: NOW_S + 60, exp: NOW_S + 120 })),
      "not_yet_valid",
    ],
    ["a token without exp", () => sign(adminClaims({ exp: undefined })), "invalid_claims"],
    ["another app's audience", () => sign(adminClaims({ aud: "another-api-key" })), "wrong_audience"],
    ["an audience list", () => sign(adminClaims({ aud: [API_KEY, "other"] })), "wrong_audience"],
    ["a token signed with another secret", () => sign(adminClaims(), "another-secret"), "invalid_signature"],
    ["an HS512 token", () => sign(adminClaims(), SECRET, "HS512"), "algorithm_not_allowed"],
    ["an HS384 token", () => sign(adminClaims(), SECRET, "HS384"), "algorithm_not_allowed"],
    [
      "an unsigned alg:none token",
      async () => `${base64url({ alg: "none", typ: "JWT" })}.${base64url(adminClaims())}.`,
      "algorithm_not_allowed",
    ],
    [
      "a tampered payload",
      async () => {
        const [header, , signature] = (await sign(adminClaims())).split(".");
        return `${header}.${base64url(adminClaims({ sub: "1" }))}.${signature}`;
      },
      "invalid_signature",
    ],
    [
      "a dest that is not a shop domain",
      () => sign(adminClaims({ dest: "https://evil.example.com", iss: "https://evil.example.com/admin" })),
      "invalid_destination",
    ],
    ["a dest with a path", () => sign(adminClaims({ dest: `https://${SHOP}/admin` })), "invalid_destination"],
    ["a dest over http", () => sign(adminClaims({ dest: `http://${SHOP}` })), "invalid_destination"],
    ["a missing dest", () => sign(adminClaims({ dest: undefined })), "invalid_claims"],
    [
      "iss and dest naming different shops",
      () => sign(adminClaims({ iss: "https://other-shop.myshopify.com/admin" })),
      "issuer_mismatch",
    ],
    [
      "an admin token without iss (a checkout token on an admin route)",
      () => sign(checkoutClaims({ sub: undefined })),
      "missing_issuer",
    ],
    [
      "an admin token whose sub is a customer",
      () => sign(adminClaims({ sub: "gid://shopify/Customer/1" })),
      "invalid_subject",
    ],
  ])("refuses %s", async (_name, makeToken, reason) => {
    expect(await verify(await makeToken())).toMatchObject({ ok: false, reason });
  });

  it("refuses a staff token on a customer route", async () => {
    expect(await verify(await sign(adminClaims()), "checkout")).toMatchObject({
      ok: false,
      reason: "invalid_subject",
    });
  });

  it.each(["", "abc", "a.b", "a.b.c.d", "é.é.é", "x".repeat(10_000)])(
    "refuses malformed input %# without throwing",
    async (token) => {
      expect(await verify(token)).toMatchObject({ ok: false, reason: "malformed" });
    },
  );

  it("refuses a well-shaped token whose parts are not JSON", async () => {
    expect(await verify("bm90.anNvbg.c2ln")).toMatchObject({ ok: false, reason: "malformed" });
  });
});

describe("verifySessionToken agrees with @shopify/shopify-api's session.decodeSessionToken", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const shopify = shopifyApi({
    apiKey: API_KEY,
    apiSecretKey: SECRET,
    scopes: [],
    hostName: "localhost:3000",
    apiVersion: ApiVersion.January26,
    isEmbeddedApp: true,
    logger: { level: LogSeverity.Error, log: async () => {} },
  });

  it.each<[string, () => Promise<string>]>([
    ["valid", () => sign(adminClaims())],
    ["expired beyond skew", () => sign(adminClaims({ exp: NOW_S - 11 }))],
    ["expired within skew", () => sign(adminClaims({ exp: NOW_S - 9 }))],
    ["nbf beyond skew", () => sign(adminClaims({ nbf: NOW_S + 11 }))],
    ["nbf within skew", () => sign(adminClaims({ nbf: NOW_S + 9 }))],
    ["wrong audience", () => sign(adminClaims({ aud: "nope" }))],
    ["wrong secret", () => sign(adminClaims(), "nope")],
    ["HS512", () => sign(adminClaims(), SECRET, "HS512")],
    ["alg none", async () => `${base64url({ alg: "none" })}.${base64url(adminClaims())}.`],
  ])("%s", async (_name, makeToken) => {
    const token = await makeToken();
    // The library reads the wall clock; pin it to the same instant our verifier is given.
    vi.useFakeTimers({ toFake: ["Date"], now: NOW });
    const libraryAccepts = await shopify.session.decodeSessionToken(token).then(
      () => true,
      () => false,
    );
    vi.useRealTimers();
    expect((await verify(token)).ok).toBe(libraryAccepts);
  });
});

describe("readBearerToken", () => {
  it.each([
    ["Bearer abc.def.ghi", "abc.def.ghi"],
    ["bearer abc.def.ghi", "abc.def.ghi"],
    ["Basic abc", null],
    ["Bearer", null],
    ["Bearer a b", null],
    [undefined, null],
    [null, null],
  ])("reads %s", (header, expected) => {
    expect(readBearerToken(header)).toBe(expected);
  });
});
