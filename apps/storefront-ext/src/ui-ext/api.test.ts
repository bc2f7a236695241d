import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../widget/api";
import { createSessionApiClient } from "./api";
import { APP_URL } from "./app-url";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ok = (data: unknown) => new Response(JSON.stringify({ result: { data } }), { status: 200 });

describe("the extensions' API client", () => {
  it("calls {app}/api/trpc/shopper.* with the session token and the surface header", async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => ok({ items: [], nextCursor: null }));
    const tokens = ["t1", "t2"];
    const api = createSessionApiClient({
      appUrl: "https://app.example/",
      surface: "checkout",
      token: async () => tokens.shift()!,
      fetch,
    });
    await api.history({ limit: 5 });
    await api.redeem({ rewardId: 3, requestKey: "widget:abcdefgh" });
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(
      `https://app.example/api/trpc/shopper.history?input=${encodeURIComponent('{"limit":5}')}`,
    );
    expect(init.method).toBe("GET");
    expect(init.headers).toMatchObject({ authorization: "Bearer t1", "x-loyalnest-surface": "checkout" });
    const [postUrl, post] = fetch.mock.calls[1]!;
    expect(postUrl).toBe("https://app.example/api/trpc/shopper.redeem");
    expect(post).toMatchObject({ method: "POST", body: '{"rewardId":3,"requestKey":"widget:abcdefgh"}' });
    // A fresh token for every call (Shopify's get() caches until it nears expiry).
    expect(post.headers).toMatchObject({ authorization: "Bearer t2", "content-type": "application/json" });
  });

  it("reports tRPC errors, a missing token and a network failure as ApiError", async () => {
    const refused = createSessionApiClient({
      appUrl: APP_URL,
      surface: "customer-account",
      token: async () => "t",
      fetch: async () =>
        new Response(
          JSON.stringify({
            error: { message: "Not enough points", data: { code: "UNPROCESSABLE_CONTENT", httpStatus: 422 } },
          }),
          { status: 422 },
        ),
    });
    await expect(refused.profile()).rejects.toMatchObject({ code: "UNPROCESSABLE_CONTENT", status: 422 });
    const noToken = createSessionApiClient({
      appUrl: APP_URL,
      surface: "checkout",
      token: () => Promise.reject(new Error("no session")),
      fetch: async () => ok({}),
    });
    await expect(noToken.profile()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const offline = createSessionApiClient({
      appUrl: APP_URL,
      surface: "checkout",
      token: async () => "t",
      fetch: () => Promise.reject(new TypeError("failed")),
    });
    await expect(offline.referral()).rejects.toBeInstanceOf(ApiError);
    await expect(offline.referral()).rejects.toMatchObject({ code: "NETWORK" });
  });

  it("targets the app's application_url", () => {
    const toml = readFileSync(join(import.meta.dirname, "..", "..", "shopify.app.toml"), "utf8");
    expect(toml).toContain(`application_url = "${APP_URL}"`);
  });
});
