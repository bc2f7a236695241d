import { PostgresTokenStore } from "@loyalnest/db";
import { createTestKeyring, insertTestShop, type TestDatabase } from "@loyalnest/db/testing";
import { shopBaseUrlFromTemplate } from "@loyalnest/shopify";
import { startShopifyStandIn, type ShopifyStandIn } from "@loyalnest/shopify-dev";
import { createScheduleAdminClient } from "./admin-client";
import type { ScheduleDeps } from "./context";

const CREDENTIALS = { clientId: "schedules-test-client", clientSecret: "schedules-test-secret" };

/** The local Shopify stand-in, spoken to over HTTP like Shopify. */
export function startStandIn(): Promise<ShopifyStandIn> {
  return startShopifyStandIn({ port: 0, apiKey: CREDENTIALS.clientId, apiSecret: CREDENTIALS.clientSecret });
}

export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface TokenPairJson {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
  scope: string;
}

/**
 * Schedule deps whose Admin API client reaches the stand-in over HTTP, with offline tokens minted
 * by the stand-in and kept in the Postgres token store, as after a real install.
 */
export function scheduleKit(test: TestDatabase, standIn: ShopifyStandIn) {
  const keyring = createTestKeyring();
  const deps: ScheduleDeps = {
    db: test.db,
    admin: createScheduleAdminClient({
      db: test.db,
      keyring,
      credentials: CREDENTIALS,
      baseUrl: shopBaseUrlFromTemplate(`${standIn.url}/{shop}`),
    }),
  };
  /** A shop installed on both sides: in the stand-in, and in our database with its token. */
  async function installShop(timezone: string) {
    const domain = `sched-${Math.random().toString(36).slice(2, 10)}.myshopify.com`;
    await postJson(`${standIn.url}/_dev/shops`, { domain, ianaTimezone: timezone });
    const shop = await insertTestShop(test.db, { domain, timezone });
    const token = await postJson<TokenPairJson>(`${standIn.url}/_dev/access-token`, { shop: domain });
    const now = Date.now();
    await new PostgresTokenStore(test.db, keyring).save(
      domain,
      {
        accessToken: token.access_token,
        accessTokenExpiresAt: new Date(now + token.expires_in * 1000),
        refreshToken: token.refresh_token,
        refreshTokenExpiresAt: new Date(now + token.refresh_token_expires_in * 1000),
        scope: token.scope,
      },
      null,
    );
    return shop;
  }
  return { deps, installShop };
}
