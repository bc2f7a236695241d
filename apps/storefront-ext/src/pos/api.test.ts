import { describe, expect, it } from "vitest";
import { ApiError, createPosApiClient, isTransient } from "./api";

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function client(respond: () => Response | Promise<Response>, token: () => Promise<string | undefined>) {
  const calls: { url: string; init: RequestInit }[] = [];
  const api = createPosApiClient({
    baseUrl: "/api/trpc/",
    getSessionToken: token,
    fetch: async (url, init) => {
      calls.push({ url, init });
      return respond();
    },
  });
  return { api, calls };
}

describe("POS api client", () => {
  it("sends a fresh POS session token as a Bearer on every call; queries GET, mutations POST", async () => {
    let n = 0;
    const { api, calls } = client(
      () => json({ result: { data: { results: [] } } }),
      async () => `token-${++n}`,
    );
    await api.lookupCustomer({ shopifyCustomerId: "7100000000000", cartSubtotalMinor: 4200 });
    await api.syncOffline({ actions: [] });
    expect(calls[0]!.url).toBe(
      `/api/trpc/pos.lookupCustomer?input=${encodeURIComponent('{"shopifyCustomerId":"7100000000000","cartSubtotalMinor":4200}')}`,
    );
    expect(calls[0]!.init.method).toBe("GET");
    expect(calls[0]!.init.headers).toMatchObject({ authorization: "Bearer token-1" });
    expect(calls[1]!.url).toBe("/api/trpc/pos.syncOffline");
    expect(calls[1]!.init).toMatchObject({ method: "POST", body: '{"actions":[]}' });
    expect(calls[1]!.init.headers).toMatchObject({
      authorization: "Bearer token-2",
      "content-type": "application/json",
    });
  });

  it("no token: refused before any request (no permission), or transient when POS could not make one", async () => {
    const denied = client(
      () => json({}),
      async () => undefined,
    );
    const error = await denied.api
      .award({ customerId: 1, points: 1, reason: "x", requestKey: "k-000001" })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "UNAUTHORIZED", status: 401 });
    expect(isTransient(error)).toBe(false);
    expect(denied.calls).toEqual([]);

    const offline = client(
      () => json({}),
      () => Promise.reject(new Error("offline")),
    );
    const failure = await offline.api.syncOffline({ actions: [] }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ code: "NETWORK" });
    expect(isTransient(failure)).toBe(true);
  });

  it("maps answers: tRPC errors keep their code; a cut answer or 5xx is transient, a 4xx is definite", async () => {
    const refused = client(
      () =>
        json(
          {
            error: {
              message: "You need 50 more points",
              data: { code: "UNPROCESSABLE_CONTENT", httpStatus: 422 },
            },
          },
          422,
        ),
      async () => "t",
    );
    const error = await refused.api
      .redeem({ customerId: 1, rewardId: 2, requestKey: "k-000002", cartSubtotalMinor: 0 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: "UNPROCESSABLE_CONTENT", status: 422 });
    expect(isTransient(error)).toBe(false);

    const cut = client(
      () => new Response("<html>Bad gateway</html>", { status: 502 }),
      async () => "t",
    );
    const cutError = await cut.api.syncOffline({ actions: [] }).catch((e: unknown) => e);
    expect(cutError).toMatchObject({ code: "BAD_RESPONSE" });
    expect(isTransient(cutError)).toBe(true);

    const down = client(
      () => Promise.reject(new TypeError("fetch failed")),
      async () => "t",
    );
    expect(isTransient(await down.api.syncOffline({ actions: [] }).catch((e: unknown) => e))).toBe(true);
    expect(isTransient(new ApiError("x", "INTERNAL_SERVER_ERROR", 500))).toBe(true);
    expect(isTransient(new ApiError("x", "TOO_MANY_REQUESTS", 429))).toBe(true);
    expect(isTransient(new ApiError("x", "BAD_REQUEST", 400))).toBe(false);
  });
});
