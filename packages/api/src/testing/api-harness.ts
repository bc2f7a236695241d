import { randomBytes } from "node:crypto";
import { createKeyValueStore } from "@loyalnest/cache";
import {
  createTestDatabase,
  createTestKeyring,
  insertTestShop,
  type TestDatabase,
} from "@loyalnest/db/testing";
import { createTRPCClient, httpLink, type TRPCClient } from "@trpc/client";
import { createApiHandler } from "../http/api-handler";
import type { AppRouter } from "../routers/app-router";
import { DEV_SHOPIFY_APP } from "../shopify-app-config";
import { createApiDeps, type ApiDeps, type CreateApiDepsOptions } from "../trpc/deps";
import { startShopperCacheInvalidation } from "../shopper-cache/invalidation-listener";
import { applyCredential, type Credential, type Tampering } from "./credentials";

export const TEST_ORIGIN = "http://loyalnest.test";

export interface RawCall {
  /** e.g. "admin.customers.search" */
  path: string;
  type: "query" | "mutation";
  input?: unknown;
  credential: Credential;
  tampering?: Tampering;
  /** Send the proxy surface (`/api/proxy/trpc`) instead of `/api/trpc`. Defaults by credential. */
  endpoint?: string;
}

export interface RawResult {
  status: number;
  body: unknown;
}

export interface ApiHarness {
  test: TestDatabase;
  deps: ApiDeps;
  handler: (req: Request) => Promise<Response>;
  /** A typed tRPC client that signs every request with `credential`, through the real HTTP handler. */
  client(credential: Credential): TRPCClient<AppRouter>;
  /** One call through the HTTP handler, returning status and JSON body (for refusal and fuzz tests). */
  call(call: RawCall): Promise<RawResult>;
  /** An installed shop with an offline token stored (so admin calls need no token exchange). */
  installShop(overrides?: Parameters<typeof insertTestShop>[1]): ReturnType<typeof insertTestShop>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Redis (default, as production) or the in-process store. */
  store?: "redis" | "memory";
  deps?: Partial<Pick<CreateApiDepsOptions, "rateLimits" | "now" | "shopifyBaseUrl">>;
}

/**
 * A migrated database of the test file's own, the API's real dependencies (Redis with a key prefix
 * of the file's own), and the HTTP handler the admin app mounts — no network listener needed.
 */
export async function createApiHarness(label: string, options: HarnessOptions = {}): Promise<ApiHarness> {
  const test = await createTestDatabase(label);
  const prefix = `test:${label}:${randomBytes(4).toString("hex")}:`;
  const redisUrl = process.env.LOYALNEST_TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
  const store = await createKeyValueStore(
    options.store === "memory" ? { prefix } : { url: redisUrl, prefix },
  );
  const deps = createApiDeps({
    database: test,
    keyring: createTestKeyring(),
    store,
    app: DEV_SHOPIFY_APP,
    ...options.deps,
  });
  const stopListening = await startShopperCacheInvalidation(deps);
  const handler = createApiHandler(deps);

  const endpointFor = (credential: Credential) =>
    credential.kind === "proxy" ? `${TEST_ORIGIN}/api/proxy/trpc` : `${TEST_ORIGIN}/api/trpc`;

  const signedFetch =
    (credential: Credential, tampering?: Tampering) =>
    async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
      const headers = new Headers(init?.headers);
      const signed = await applyCredential(credential, url, headers, deps.now(), tampering);
      return handler(new Request(signed.url, { ...init, headers: signed.headers }));
    };

  return {
    test,
    deps,
    handler,
    client(credential) {
      return createTRPCClient<AppRouter>({
        links: [httpLink({ url: endpointFor(credential), fetch: signedFetch(credential) })],
      });
    },
    async call(call) {
      const base = call.endpoint ?? endpointFor(call.credential);
      const url = new URL(`${base}/${call.path}`);
      const init: RequestInit = { method: call.type === "query" ? "GET" : "POST" };
      if (call.type === "query") {
        if (call.input !== undefined) url.searchParams.set("input", JSON.stringify(call.input));
      } else {
        init.body = call.input === undefined ? "" : JSON.stringify(call.input);
        init.headers = { "content-type": "application/json" };
      }
      const response = await signedFetch(call.credential, call.tampering)(url, init);
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // not JSON: keep the text for the assertion message
      }
      return { status: response.status, body };
    },
    async installShop(overrides) {
      const shop = await insertTestShop(test.db, overrides);
      await deps.tokenStore.save(
        shop.domain,
        {
          accessToken: `shpat_test_${randomBytes(8).toString("hex")}`,
          accessTokenExpiresAt: new Date(Date.now() + 3_600_000),
          refreshToken: null,
          refreshTokenExpiresAt: null,
          scope: "read_customers,write_customers,read_orders,write_discounts",
        },
        null,
      );
      return shop;
    },
    async close() {
      await stopListening();
      await store.close();
      await test.drop();
    },
  };
}
