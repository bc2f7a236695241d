import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchangeSessionToken } from "../auth/token-endpoint";
import { ShopifyAuthError, ShopifyTransientError } from "./errors";
import { startFaultProxy } from "./fault-proxy.test-support";
import { type AdminClientEvent, AdminGraphqlClient, type AdminClientOptions } from "./graphql-client";
import { getShopInfo } from "./operations/get-shop-info";
import { listCustomersPage } from "./operations/list-customers-page";
import { shopBaseUrlFromTemplate } from "./shop-base-url";
import {
  adminSessionToken,
  recordingFetch,
  type StandIn,
  startStandIn,
  TEST_CREDENTIALS,
} from "./stand-in.test-support";
import { seedCustomers } from "./stand-in-seed.test-support";

const SHOP = "pacing-test.myshopify.com";
let standIn: StandIn;
let baseUrl: (shop: string) => string;
let token: string;

beforeAll(async () => {
  // A small, fast bucket: the test sees real contention in a couple of seconds.
  ({ standIn, baseUrl } = await startStandIn({ bucketSize: 200, restoreRate: 400 }));
  standIn.state.createShop({ domain: SHOP });
  seedCustomers(standIn, SHOP, 30);
  token = (
    await exchangeSessionToken(SHOP, await adminSessionToken(standIn, SHOP), {
      credentials: TEST_CREDENTIALS,
      baseUrl,
    })
  ).accessToken;
});
afterAll(() => standIn?.close());

function client(options: Partial<AdminClientOptions> = {}) {
  return new AdminGraphqlClient({ getAccessToken: async () => token, baseUrl, ...options });
}

describe("AdminGraphqlClient against the stand-in", () => {
  it("keeps 10 callers hammering one shop under the bucket, and every call succeeds", async () => {
    const events: AdminClientEvent[] = [];
    const admin = client({ onEvent: (e) => events.push(e) });
    const callers = Array.from({ length: 10 }, async () => {
      for (let n = 0; n < 6; n++) {
        const page = await listCustomersPage(admin, SHOP, { first: 10 });
        expect(page.nodes).toHaveLength(10);
      }
    });
    await Promise.all(callers);

    const responses = events.filter((e) => e.type === "response");
    expect(responses).toHaveLength(60 + events.filter((e) => e.type === "throttled").length);
    expect(events.filter((e) => e.type === "throttled").length).toBeLessThanOrEqual(1);
    for (const e of responses) expect(e.cost?.throttleStatus?.currentlyAvailable).toBeGreaterThanOrEqual(0);
    // The load really exceeded the bucket: pacing, not luck, kept it under.
    const spent = responses.reduce((sum, e) => sum + (e.cost?.requestedQueryCost ?? 0), 0);
    expect(spent).toBeGreaterThan(2 * 200);
  });

  it("retries a transient 5xx with back-off and then succeeds", async () => {
    const proxy = await startFaultProxy(standIn.url);
    try {
      proxy.failNext(503, 502);
      const events: AdminClientEvent[] = [];
      const admin = client({
        baseUrl: shopBaseUrlFromTemplate(`${proxy.url}/{shop}`),
        retry: { baseDelayMs: 10 },
        onEvent: (e) => events.push(e),
      });
      expect((await getShopInfo(admin, SHOP)).myshopifyDomain).toBe(SHOP);
      expect(proxy.seen).toEqual([503, 502, 200]);
      expect(events.filter((e) => e.type === "retry")).toHaveLength(2);
    } finally {
      await proxy.close();
    }
  });

  it("gives up after the retry budget with a typed transient error", async () => {
    const proxy = await startFaultProxy(standIn.url);
    try {
      proxy.failNext(500, 500, 500);
      const admin = client({
        baseUrl: shopBaseUrlFromTemplate(`${proxy.url}/{shop}`),
        retry: { baseDelayMs: 5, maxTransientRetries: 2 },
      });
      const error = await getShopInfo(admin, SHOP).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ShopifyTransientError);
      expect((error as ShopifyTransientError).status).toBe(500);
      expect(proxy.seen).toEqual([500, 500, 500]);
    } finally {
      await proxy.close();
    }
  });

  it("never retries an auth failure", async () => {
    const wire = recordingFetch();
    const admin = client({ getAccessToken: async () => "shpat_not_a_real_token", fetch: wire.fetch });
    const error = await getShopInfo(admin, SHOP).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyAuthError);
    expect((error as ShopifyAuthError).status).toBe(401);
    expect(wire.calls).toHaveLength(1);
  });

  it("retries a refused connection and reports it as transient when it persists", async () => {
    const closedPort = await unusedPort();
    const admin = client({
      baseUrl: shopBaseUrlFromTemplate(`http://127.0.0.1:${closedPort}/{shop}`),
      retry: { baseDelayMs: 5, maxTransientRetries: 1 },
    });
    const error = await getShopInfo(admin, SHOP).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyTransientError);
    expect((error as ShopifyTransientError).mayHaveApplied).toBe(false);
  });
});

/** A port nothing listens on: bound, then released. */
function unusedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
