import type { AnyTRPCRouter } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createOpenApiFetchHandler } from "trpc-to-openapi";
import { appRouter } from "../routers/app-router";
import { createRequestContext } from "../trpc/context";
import type { ApiDeps } from "../trpc/deps";
import { openApiDocument, renderApiDocsPage } from "./openapi";
import { requestUrl } from "./request-url";

/** Where each surface is mounted on the web edge (the admin app's route handlers forward here). */
export const API_PATHS = {
  trpc: "/api/trpc",
  /** Shopify's app proxy forwards `/apps/loyalnest/*` from the storefront to `/api/proxy/*`. */
  proxyTrpc: "/api/proxy/trpc",
  rest: "/api/rest",
  docs: "/api/docs",
} as const;

/** Request bodies beyond this are refused before parsing (the largest real input is an offline batch). */
export const MAX_BODY_BYTES = 256 * 1024;

/**
 * One fetch-style handler for every API surface: tRPC for the admin, the storefront (through the
 * app proxy) and the extensions; REST (OpenAPI) for headless stores and POS; the docs page.
 * `router` is the app's; another is served only by benchmarks (a no-op procedure on this stack).
 */
export function createApiHandler(
  deps: ApiDeps,
  router: AnyTRPCRouter = appRouter,
): (req: Request) => Promise<Response> {
  const route = routeRequest(deps, router);
  return async (req) => {
    const origin = req.headers.get("origin");
    const cors = origin && EXTENSION_ORIGINS.has(origin) ? corsHeaders(origin) : null;
    if (req.method === "OPTIONS")
      return new Response(null, { status: cors ? 204 : 403, headers: cors ?? {} });
    const response = await route(req);
    if (!cors) return response;
    const headers = new Headers(response.headers);
    for (const [name, value] of Object.entries(cors)) headers.set(name, value);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  };
}

/**
 * Shopify's UI extensions (checkout, customer account, POS) run on Shopify's CDN and call the API
 * cross-origin with a Bearer token; the browser lets them only with CORS. No cookies are involved,
 * so credentials stay off; any other origin gets no CORS headers (the app proxy is same-origin).
 */
export const EXTENSION_ORIGINS = new Set(["https://extensions.shopifycdn.com", "https://cdn.shopify.com"]);

function corsHeaders(origin: string): Record<string, string> {
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-methods": "GET, POST, OPTIONS",
    "access-control-allow-headers": "authorization, content-type, x-loyalnest-surface",
    "access-control-max-age": "600",
    vary: "origin",
  };
}

function routeRequest(deps: ApiDeps, router: AnyTRPCRouter): (req: Request) => Promise<Response> {
  const createContext = createRequestContext(deps);
  return async (req) => {
    const { pathname } = requestUrl(req);
    const length = Number(req.headers.get("content-length") ?? 0);
    if (length > MAX_BODY_BYTES) return tooLarge();

    const trpcEndpoint = [API_PATHS.trpc, API_PATHS.proxyTrpc].find((p) => pathname.startsWith(`${p}/`));
    if (trpcEndpoint) {
      const body = req.method === "POST" ? await req.text() : null;
      // A body sent without a content-length (streamed) is measured once read.
      if (body !== null && Buffer.byteLength(body) > MAX_BODY_BYTES) return tooLarge();
      return fetchRequestHandler({
        endpoint: trpcEndpoint,
        req: withJsonBody(req, body),
        router,
        createContext,
      });
    }
    if (pathname.startsWith(`${API_PATHS.rest}/`)) {
      return createOpenApiFetchHandler({ endpoint: API_PATHS.rest, req, router, createContext });
    }
    if (pathname === `${API_PATHS.docs}/openapi.json`) return Response.json(openApiDocument(req.url));
    if (pathname === API_PATHS.docs) {
      return new Response(renderApiDocsPage(openApiDocument(req.url)), {
        headers: { "content-type": "text/html; charset=utf-8" },
      });
    }
    return Response.json({ error: { message: "No such API route." } }, { status: 404 });
  };
}

/**
 * A mutation without input arrives with an empty body, which tRPC's fetch adapter cannot parse;
 * it is read as `{}` (no input for a procedure that takes none, the defaults for one that does).
 */
function withJsonBody(req: Request, body: string | null): Request {
  if (body === null) return req;
  return new Request(req.url, {
    method: "POST",
    headers: req.headers,
    body: body.trim() === "" ? "{}" : body,
  });
}

function tooLarge() {
  return Response.json(
    { error: { message: `Request body too large (limit ${MAX_BODY_BYTES / 1024} KB).` } },
    { status: 413 },
  );
}
