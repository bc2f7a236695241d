import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, noopRouter, TEST_ORIGIN, type ApiHarness } from "../testing";
import { createApiHandler } from "./api-handler";

let api: ApiHarness;
beforeAll(async () => {
  api = await createApiHarness("api_handler", { store: "memory" });
});
afterAll(async () => api?.close());

describe("the API's HTTP surface", () => {
  it("publishes the shopper and POS procedures as OpenAPI, documented with their auth", async () => {
    const response = await api.handler(new Request(`${TEST_ORIGIN}/api/docs/openapi.json`));
    expect(response.status).toBe(200);
    const doc = (await response.json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
      info: { description: string };
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain("/shopper/profile");
    expect(
      Object.keys(doc.paths).every((path) => path.startsWith("/shopper/") || path.startsWith("/pos/")),
    ).toBe(true);
    expect(doc.info.description).toContain("Authorization: Bearer");
  });

  it("serves a readable reference page at /api/docs", async () => {
    const response = await api.handler(new Request(`${TEST_ORIGIN}/api/docs`));
    expect(response.headers.get("content-type")).toContain("text/html");
    const html = await response.text();
    expect(html).toContain("/shopper/profile");
    expect(html).not.toContain("<script");
  });

  it("serves the REST route, refusing a call without credentials with 401", async () => {
    const response = await api.handler(new Request(`${TEST_ORIGIN}/api/rest/shopper/profile`));
    expect(response.status).toBe(401);
  });

  it("refuses a request body over the limit with 413 before parsing it", async () => {
    const response = await api.handler(
      new Request(`${TEST_ORIGIN}/api/trpc/admin.settings.get`, {
        method: "POST",
        headers: { "content-length": String(10 * 1024 * 1024), "content-type": "application/json" },
        body: "{}",
      }),
    );
    expect(response.status).toBe(413);
  });

  it("answers 404 for an unknown route", async () => {
    expect((await api.handler(new Request(`${TEST_ORIGIN}/api/nothing`))).status).toBe(404);
  });

  it("serves another router on the same stack only when given one (bench/p4's no-op baseline)", async () => {
    const path = `${TEST_ORIGIN}/api/proxy/trpc/shopper.profile`;
    const noop = await createApiHandler(api.deps, noopRouter)(new Request(path));
    expect(noop.status).toBe(200);
    expect(await noop.json()).toEqual({ result: { data: { ok: true } } });
    // The app's own handler still demands the app-proxy signature on the same path.
    expect((await api.handler(new Request(path))).status).toBe(401);
  });
});

describe("CORS for Shopify's UI extensions", () => {
  it("answers a preflight from the extensions' origin and marks its responses readable there", async () => {
    const origin = "https://extensions.shopifycdn.com";
    const preflight = await api.handler(
      new Request(`${TEST_ORIGIN}/api/trpc/shopper.profile`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-headers": "authorization" },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe(origin);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");
    const refused = await api.handler(
      new Request(`${TEST_ORIGIN}/api/trpc/shopper.profile`, { headers: { origin } }),
    );
    expect(refused.status).toBe(401);
    expect(refused.headers.get("access-control-allow-origin")).toBe(origin);
  });

  it("gives any other origin no CORS headers", async () => {
    const preflight = await api.handler(
      new Request(`${TEST_ORIGIN}/api/trpc/shopper.profile`, {
        method: "OPTIONS",
        headers: { origin: "https://evil.example" },
      }),
    );
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });
});
