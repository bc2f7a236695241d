import { createDatabase, type DatabaseHandle } from "@loyalnest/db";
import {
  createTestDatabase,
  createTestKeyring,
  insertTestShop,
  type TestDatabase,
} from "@loyalnest/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PostgresTokenStore } from "../../../db/src/shopify-tokens";
import { type Clock, systemClock } from "../admin/clock";
import { ShopifyAuthError } from "../admin/errors";
import { AdminGraphqlClient } from "../admin/graphql-client";
import { getShopInfo } from "../admin/operations/get-shop-info";
import {
  adminSessionToken,
  recordingFetch,
  type StandIn,
  startStandIn,
  TEST_CREDENTIALS,
} from "../admin/stand-in.test-support";
import { OfflineTokenManager, type OfflineTokenManagerOptions } from "./offline-token-manager";
import { exchangeSessionToken, refreshOfflineToken } from "./token-endpoint";
import type { TokenStore } from "./token-store";

let db: TestDatabase;
/** A second pool: a second process, as far as Postgres can tell. */
let otherProcess: DatabaseHandle;
let standIn: StandIn;
let baseUrl: (shop: string) => string;
const keyring = createTestKeyring();

beforeAll(async () => {
  db = await createTestDatabase("shopify_offline_tokens");
  otherProcess = createDatabase(db.url, { max: 4 });
  ({ standIn, baseUrl } = await startStandIn());
});
afterAll(async () => {
  await standIn?.close();
  await otherProcess?.close();
  await db?.drop();
});

/** A shop known to both our database and the stand-in. */
async function newShop(): Promise<string> {
  const shop = await insertTestShop(db.db);
  standIn.state.createShop({ domain: shop.domain });
  return shop.domain;
}

const offsetClock = (offsetMs: () => number): Clock => ({
  now: () => Date.now() + offsetMs(),
  sleep: systemClock.sleep,
});

function manager(store: TokenStore, options: Partial<OfflineTokenManagerOptions> = {}) {
  return new OfflineTokenManager({ store, credentials: TEST_CREDENTIALS, baseUrl, ...options });
}

const refreshCalls = (calls: { url: string; body: string }[]) =>
  calls.filter((c) => c.url.endsWith("/admin/oauth/access_token") && c.body.includes('"refresh_token"'))
    .length;

async function works(shop: string, token: string): Promise<boolean> {
  const client = new AdminGraphqlClient({
    getAccessToken: async () => token,
    baseUrl,
    retry: { maxTransientRetries: 0 },
  });
  try {
    return (await getShopInfo(client, shop)).myshopifyDomain === shop;
  } catch (error) {
    if (error instanceof ShopifyAuthError) return false;
    throw error;
  }
}

describe("token exchange", () => {
  it("turns an admin session token into an expiring offline pair, stored encrypted", async () => {
    const shop = await newShop();
    const store = new PostgresTokenStore(db.db, keyring);
    const before = Date.now();
    const pair = await manager(store).exchange(shop, await adminSessionToken(standIn, shop));
    expect(pair.refreshToken).toBeTruthy();
    expect(pair.accessTokenExpiresAt!.getTime()).toBeGreaterThanOrEqual(before + 3_600_000 - 1_000);
    expect(pair.refreshTokenExpiresAt!.getTime()).toBeGreaterThan(pair.accessTokenExpiresAt!.getTime());
    expect(await store.load(shop)).toMatchObject({ accessToken: pair.accessToken, tokenVersion: 1 });
    expect(await manager(store).getAccessToken(shop)).toBe(pair.accessToken);
    expect(await works(shop, pair.accessToken)).toBe(true);
  });

  it("refuses a forged session token with ShopifyAuthError", async () => {
    const shop = await newShop();
    await expect(
      exchangeSessionToken(shop, "not-a-jwt", { credentials: TEST_CREDENTIALS, baseUrl }),
    ).rejects.toBeInstanceOf(ShopifyAuthError);
  });

  it("asks for a token exchange when no token is stored", async () => {
    const shop = await newShop();
    await expect(manager(new PostgresTokenStore(db.db, keyring)).getAccessToken(shop)).rejects.toBeInstanceOf(
      ShopifyAuthError,
    );
  });
});

describe("OfflineTokenManager", () => {
  it("refreshes an expired access token before handing it out", async () => {
    const shortLived = await startStandIn({ accessTokenTtlSeconds: 2 });
    try {
      const shop = (await insertTestShop(db.db)).domain;
      shortLived.standIn.state.createShop({ domain: shop });
      const store = new PostgresTokenStore(db.db, keyring);
      const tokens = manager(store, { baseUrl: shortLived.baseUrl, refreshMarginMs: 500 });
      const first = await tokens.exchange(shop, await adminSessionToken(shortLived.standIn, shop));
      await new Promise((resolve) => setTimeout(resolve, 2_100));

      const client = (token: string) =>
        new AdminGraphqlClient({ getAccessToken: async () => token, baseUrl: shortLived.baseUrl });
      await expect(getShopInfo(client(first.accessToken), shop)).rejects.toBeInstanceOf(ShopifyAuthError);

      const viaManager = new AdminGraphqlClient({
        getAccessToken: (s) => tokens.getAccessToken(s),
        baseUrl: shortLived.baseUrl,
      });
      expect((await getShopInfo(viaManager, shop)).myshopifyDomain).toBe(shop);
      const stored = await store.load(shop);
      expect(stored?.tokenVersion).toBe(2);
      expect(stored?.accessToken).not.toBe(first.accessToken);
      expect(stored?.refreshToken).not.toBe(first.refreshToken);
    } finally {
      await shortLived.standIn.close();
    }
  });

  it("resolves two processes refreshing at once to one rotation and one shared valid token", async () => {
    const shop = await newShop();
    const storeA = new PostgresTokenStore(db.db, keyring);
    const storeB = new PostgresTokenStore(otherProcess.db, keyring);
    const installed = await manager(storeA).exchange(shop, await adminSessionToken(standIn, shop));

    let offset = 0;
    const wire = recordingFetch();
    const processA = manager(storeA, { clock: offsetClock(() => offset), fetch: wire.fetch });
    const processB = manager(storeB, { clock: offsetClock(() => offset), fetch: wire.fetch });

    let previous = installed;
    for (let round = 1; round <= 3; round++) {
      // Move both processes' clocks to 4 minutes before the current token expires: inside the margin.
      offset = previous.accessTokenExpiresAt!.getTime() - 4 * 60_000 - Date.now();
      const refreshesBefore = refreshCalls(wire.calls);
      const tokens = await Promise.all(
        Array.from({ length: 4 }, () => [
          processA.getAccessToken(shop),
          processB.getAccessToken(shop),
        ]).flat(),
      );

      expect(refreshCalls(wire.calls) - refreshesBefore).toBe(1);
      expect(new Set(tokens).size).toBe(1);
      const stored = (await storeA.load(shop))!;
      expect(stored.tokenVersion).toBe(1 + round);
      expect(stored.accessToken).toBe(tokens[0]);
      expect(stored.refreshLeaseUntil).toBeNull();
      expect(await works(shop, tokens[0]!)).toBe(true);
      // The rotated-away refresh token is dead at Shopify: the loser must not have kept it.
      await expect(
        refreshOfflineToken(shop, previous.refreshToken!, { credentials: TEST_CREDENTIALS, baseUrl }),
      ).rejects.toBeInstanceOf(ShopifyAuthError);
      previous = stored;
    }
  });

  it("hands out the stored token without refreshing while it is fresh", async () => {
    const shop = await newShop();
    const store = new PostgresTokenStore(db.db, keyring);
    const installed = await manager(store).exchange(shop, await adminSessionToken(standIn, shop));
    const wire = recordingFetch();
    const tokens = manager(store, { fetch: wire.fetch });
    expect(await tokens.getAccessToken(shop)).toBe(installed.accessToken);
    expect(wire.calls).toHaveLength(0);
  });

  it("reports a revoked shop as an auth error instead of refreshing", async () => {
    const shop = await newShop();
    const store = new PostgresTokenStore(db.db, keyring);
    await manager(store).exchange(shop, await adminSessionToken(standIn, shop));
    await store.revoke(shop, new Date());
    await expect(manager(store).getAccessToken(shop)).rejects.toBeInstanceOf(ShopifyAuthError);
  });
});
