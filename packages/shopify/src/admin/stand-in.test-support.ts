import { startShopifyStandIn } from "../../../../apps/shopify-dev/src/index";
import type { AppCredentials } from "../auth/offline-token";
import { shopBaseUrlFromTemplate } from "./shop-base-url";

// The stand-in is imported by path, not as a workspace dependency: it already depends on this
// package (to verify its webhooks with the real verifier), and a cycle would break turbo's graph.

export type StandInOptions = Parameters<typeof startShopifyStandIn>[0];
export type StandIn = Awaited<ReturnType<typeof startShopifyStandIn>>;

export const TEST_CREDENTIALS: AppCredentials = {
  clientId: "loyalnest-test-client-id",
  clientSecret: "loyalnest-test-secret",
};

export async function startStandIn(options: StandInOptions = {}) {
  const standIn = await startShopifyStandIn({
    port: 0,
    apiKey: TEST_CREDENTIALS.clientId,
    apiSecret: TEST_CREDENTIALS.clientSecret,
    ...options,
  });
  return { standIn, baseUrl: shopBaseUrlFromTemplate(`${standIn.url}/{shop}`) };
}

/** An admin session token minted by the stand-in, as App Bridge would hand it to the app. */
export async function adminSessionToken(standIn: StandIn, shop: string): Promise<string> {
  const response = await fetch(`${standIn.url}/_dev/session-token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ shop, kind: "admin" }),
  });
  if (!response.ok) throw new Error(`session token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/** A `fetch` that records every request it forwards, so tests can count what reached the stand-in. */
export function recordingFetch() {
  const calls: { url: string; body: string }[] = [];
  const wrapped: typeof fetch = async (input, init) => {
    calls.push({ url: String(input), body: typeof init?.body === "string" ? init.body : "" });
    return fetch(input, init);
  };
  return { fetch: wrapped, calls };
}
