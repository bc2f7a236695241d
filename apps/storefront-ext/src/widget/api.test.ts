import { describe, expect, it } from "vitest";
import { ApiError, createApiClient } from "./api";
import { describeError } from "./errors";

interface Call {
  url: string;
  init: RequestInit;
}

function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    return respond(call);
  };
  return { calls, fetch };
}
const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

describe("api client: request shapes (tRPC over the app proxy)", () => {
  it("queries with GET on {proxyPath}/trpc/shopper.<name>, input as ?input=<json>", async () => {
    const { calls, fetch } = fakeFetch(() => json({ result: { data: { items: [], nextCursor: null } } }));
    const api = createApiClient({ proxyPath: "/apps/loyalnest/", fetch });
    await api.history({ cursor: 42, limit: 10 });
    await api.profile();
    expect(calls[0]!.url).toBe(
      `/apps/loyalnest/trpc/shopper.history?input=${encodeURIComponent('{"cursor":42,"limit":10}')}`,
    );
    expect(calls[0]!.init).toMatchObject({ method: "GET", credentials: "same-origin" });
    expect(calls[0]!.init.body).toBeUndefined();
    // No input at all for a procedure that takes none.
    expect(calls[1]!.url).toBe("/apps/loyalnest/trpc/shopper.profile");
  });

  it("mutates with POST and a JSON body", async () => {
    const { calls, fetch } = fakeFetch(() => json({ result: { data: { ok: 1 } } }));
    const api = createApiClient({ proxyPath: "/apps/loyalnest", fetch });
    const out = await api.redeem({ rewardId: 7, requestKey: "widget:abc12345" });
    await api.claimAction({ action: "social", network: "instagram" });
    await api.join();
    expect(out).toEqual({ ok: 1 });
    expect(calls.map((c) => [c.url, c.init.method, c.init.body])).toEqual([
      ["/apps/loyalnest/trpc/shopper.redeem", "POST", '{"rewardId":7,"requestKey":"widget:abc12345"}'],
      ["/apps/loyalnest/trpc/shopper.claimAction", "POST", '{"action":"social","network":"instagram"}'],
      ["/apps/loyalnest/trpc/shopper.join", "POST", "{}"],
    ]);
    expect(calls[0]!.init.headers).toMatchObject({ "content-type": "application/json" });
  });
});

describe("api client: errors", () => {
  it("turns tRPC's error envelope into an ApiError with the code, status and retry hint", async () => {
    const { fetch } = fakeFetch(() =>
      json(
        {
          error: {
            message: "You need 120 more points for this reward.",
            code: -32022,
            data: { code: "UNPROCESSABLE_CONTENT", httpStatus: 422, path: "shopper.redeem" },
          },
        },
        422,
      ),
    );
    const error = await createApiClient({ proxyPath: "/apps/loyalnest", fetch })
      .redeem({ rewardId: 1, requestKey: "widget:12345678" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "UNPROCESSABLE_CONTENT", status: 422, retryAfterSeconds: null });
    expect(describeError(error, "redeem")).toEqual({ key: "panel.errors.not_enough_points", retry: "no" });
  });

  it("reads retryAfterSeconds of a rate limit", async () => {
    const { fetch } = fakeFetch(() =>
      json(
        {
          error: {
            message: "Too many requests. Try again in 3 s.",
            data: { code: "TOO_MANY_REQUESTS", httpStatus: 429, retryAfterSeconds: 3 },
          },
        },
        429,
      ),
    );
    const error = await createApiClient({ proxyPath: "/p", fetch })
      .profile()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "TOO_MANY_REQUESTS", retryAfterSeconds: 3 });
    expect(describeError(error, "read")).toEqual({
      key: "panel.errors.rate_limited",
      vars: { seconds: 3 },
      retry: "same_key",
    });
  });

  it("reports a failed connection as NETWORK and a non-JSON answer (Shopify's error page) as BAD_RESPONSE", async () => {
    const down = createApiClient({
      proxyPath: "/p",
      fetch: () => Promise.reject(new TypeError("Failed to fetch")),
    });
    await expect(down.profile()).rejects.toMatchObject({ code: "NETWORK", status: 0 });
    const html = createApiClient({
      proxyPath: "/p",
      fetch: async () => new Response("<html>Not found</html>", { status: 404 }),
    });
    await expect(html.profile()).rejects.toMatchObject({ code: "BAD_RESPONSE", status: 404 });
    const odd = createApiClient({ proxyPath: "/p", fetch: async () => json({ hello: 1 }) });
    await expect(odd.profile()).rejects.toMatchObject({ code: "BAD_RESPONSE" });
  });
});

describe("describeError: what the shopper reads, and whether to retry", () => {
  const err = (code: string, message = "x", status = 400) => new ApiError(message, code, status);
  it.each([
    [err("NETWORK"), "redeem", "panel.errors.network", "same_key"],
    [
      err("INTERNAL_SERVER_ERROR", "Something went wrong on our side.", 500),
      "redeem",
      "panel.errors.generic",
      "same_key",
    ],
    [
      err("BAD_GATEWAY", "Could not create your code; your points were returned.", 502),
      "redeem",
      "panel.errors.shopify",
      "new_key",
    ],
    [err("CONFLICT", "in flight", 409), "redeem", "panel.errors.conflict", "same_key"],
    [
      err("UNAUTHORIZED", "Log in to your account to use rewards.", 401),
      "read",
      "panel.errors.signed_out",
      "no",
    ],
    [
      err("UNPROCESSABLE_CONTENT", "This reward is for a higher VIP tier.", 422),
      "redeem",
      "panel.errors.unavailable",
      "no",
    ],
    [err("NOT_FOUND", "That reward does not exist.", 404), "redeem", "panel.errors.unavailable", "no"],
    [
      err("PRECONDITION_FAILED", "Your account is still being set up — try again in a minute."),
      "redeem",
      "panel.status.unknown_customer",
      "same_key",
    ],
    [
      err("PRECONDITION_FAILED", "Join the rewards programme first."),
      "claim",
      "panel.errors.join_first",
      "no",
    ],
    [
      err(
        "PRECONDITION_FAILED",
        "Subscribe to our newsletter first — your points are added once your subscription is confirmed.",
      ),
      "claim",
      "panel.errors.newsletter_first",
      "no",
    ],
    [
      err("PRECONDITION_FAILED", "Subscribing to the newsletter does not earn points in this shop."),
      "claim",
      "panel.errors.not_offered",
      "no",
    ],
    [
      err("CONFLICT", "Your birthday is already saved.", 409),
      "claim",
      "panel.errors.birthday_saved_already",
      "no",
    ],
    [err("BAD_REQUEST", "birthday: enter your real date of birth."), "claim", "panel.errors.invalid", "no"],
    [new Error("boom"), "read", "panel.errors.generic", "same_key"],
  ] as const)("%o in %s → %s (%s)", (error, context, key, retry) => {
    expect(describeError(error, context)).toMatchObject({ key, retry });
  });
});
