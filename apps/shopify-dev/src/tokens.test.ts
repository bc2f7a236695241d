import { SignJWT } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import type { ShopifyStandIn } from "./index";
import { startShopifyStandIn } from "./index";
import { API_KEY, postJson, SECRET, SHOP } from "./test-support";

let standIn: ShopifyStandIn | undefined;
afterEach(async () => standIn?.close());

const GRANT = "urn:ietf:params:oauth:grant-type:token-exchange";

async function start(options: { accessTokenTtlSeconds?: number } = {}) {
  standIn = await startShopifyStandIn({
    apiKey: API_KEY,
    apiSecret: SECRET,
    webhookUrl: "http://127.0.0.1:9/none",
    shops: [{ domain: SHOP }],
    ...options,
  });
  return standIn;
}

function exchange(s: ShopifyStandIn, subjectToken: string) {
  return postJson(`${s.url}/${SHOP}/admin/oauth/access_token`, {
    client_id: API_KEY,
    client_secret: SECRET,
    grant_type: GRANT,
    subject_token: subjectToken,
    subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
    requested_token_type: "urn:shopify:params:oauth:token-type:offline-access-token",
    expiring: "1",
  });
}

function refresh(s: ShopifyStandIn, refreshToken: string) {
  return postJson(`${s.url}/${SHOP}/admin/oauth/access_token`, {
    client_id: API_KEY,
    client_secret: SECRET,
    grant_type: "refresh_token",
    refresh_token: refreshToken,
  });
}

function shopQuery(s: ShopifyStandIn, token: string) {
  return postJson(
    `${s.url}/${SHOP}/admin/api/2026-01/graphql.json`,
    { query: "{ shop { name } }" },
    { "X-Shopify-Access-Token": token },
  );
}

async function sessionToken(s: ShopifyStandIn, kind = "admin") {
  return (await postJson(`${s.url}/_dev/session-token`, { shop: SHOP, kind })).json.token as string;
}

describe("session tokens and token exchange", () => {
  it("mints Shopify-shaped session tokens", async () => {
    const s = await start();
    const [, payload] = (await sessionToken(s)).split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString());
    expect(claims).toMatchObject({ iss: `https://${SHOP}/admin`, dest: `https://${SHOP}`, aud: API_KEY });
    expect(claims.exp - claims.iat).toBe(60);
    expect(claims.jti && claims.sid && claims.sub && claims.nbf).toBeTruthy();
  });

  it("exchanges a session token for an expiring pair, rotates on refresh and rejects the old refresh token", async () => {
    const s = await start();
    const first = await exchange(s, await sessionToken(s));
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ expires_in: 3600, refresh_token_expires_in: 7_776_000 });
    expect(typeof first.json.access_token).toBe("string");
    expect((await shopQuery(s, first.json.access_token)).status).toBe(200);

    const second = await refresh(s, first.json.refresh_token);
    expect(second.status).toBe(200);
    expect(second.json.access_token).not.toBe(first.json.access_token);
    expect(second.json.refresh_token).not.toBe(first.json.refresh_token);

    const replay = await refresh(s, first.json.refresh_token);
    expect(replay.status).toBe(400);
    expect(replay.json.error).toBe("invalid_grant");
    // The old access token lives until its own expiry.
    expect((await shopQuery(s, first.json.access_token)).status).toBe(200);
    expect((await shopQuery(s, second.json.access_token)).status).toBe(200);
  });

  it("expires access tokens after the configured lifetime", async () => {
    const s = await start({ accessTokenTtlSeconds: 1 });
    const pair = await exchange(s, await sessionToken(s));
    expect(pair.json.expires_in).toBe(1);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await shopQuery(s, pair.json.access_token)).status).toBe(401);
  });

  it("rejects bad session tokens", async () => {
    const s = await start();
    const now = Math.floor(Date.now() / 1000);
    const sign = (claims: Record<string, unknown>, secret = SECRET) =>
      new SignJWT({
        iss: `https://${SHOP}/admin`,
        dest: `https://${SHOP}`,
        aud: API_KEY,
        sub: "1",
        iat: now,
        nbf: now,
        exp: now + 60,
        ...claims,
      })
        .setProtectedHeader({ alg: "HS256" })
        .sign(new TextEncoder().encode(secret));
    expect((await exchange(s, await sign({}))).status).toBe(200);
    for (const bad of [
      await sign({}, "wrong-secret"),
      await sign({ aud: "someone-else" }),
      await sign({ dest: "https://other.myshopify.com", iss: "https://other.myshopify.com/admin" }),
      await sign({ exp: now - 120, iat: now - 180, nbf: now - 180 }),
      await sign({ nbf: now + 120 }),
      "not-a-jwt",
    ]) {
      const response = await exchange(s, bad);
      expect(response.status).toBe(400);
      expect(response.json.error).toBe("invalid_subject_token");
    }
    const wrongClient = await postJson(`${s.url}/${SHOP}/admin/oauth/access_token`, {
      client_id: API_KEY,
      client_secret: "nope",
      grant_type: "refresh_token",
      refresh_token: "x",
    });
    expect(wrongClient.status).toBe(401);
  });
});
