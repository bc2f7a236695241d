import type { IncomingMessage } from "node:http";
import type { DevContext } from "./dev-routes";
import { handleDevRequest } from "./dev-routes";
import { executeGraphQL } from "./graphql/handler";
import type { HttpResult } from "./http";
import { HttpError, parseBody, readBody } from "./http";
import { forwardPosApi, isPosPreviewApiPath } from "./pos-preview";
import { forwardExtensionApi, isExtensionApiPath } from "./extension-preview";
import { isAppProxyPath, proxyToApp } from "./storefront";
import { handleAccessTokenRequest } from "./tokens/token-exchange";

/**
 * Routes by path. A shop's "host" is the path prefix `/{shop}`, so the client swaps
 * `https://{shop}` for `{standIn}/{shop}` and keeps Shopify's paths.
 */
const GRAPHQL = /^\/([^/]+)\/admin\/api\/([^/]+)\/graphql\.json$/;
const ACCESS_TOKEN = /^\/([^/]+)\/admin\/oauth\/access_token$/;
const CONFIRM_CHARGE = /^\/([^/]+)\/admin\/charges\/(\d+)\/(confirm|decline)$/;

const UNAUTHORIZED: HttpResult = {
  status: 401,
  json: { errors: "[API] Invalid API key or access token (unrecognized login or wrong password)" },
};

function isLoopback(address: string | undefined): boolean {
  return address === "::1" || address === "::ffff:127.0.0.1" || (address?.startsWith("127.") ?? false);
}

export async function route(req: IncomingMessage, ctx: DevContext): Promise<HttpResult> {
  const url = new URL(req.url ?? "/", "http://stand-in");
  const method = req.method ?? "GET";
  const raw = method === "GET" || method === "HEAD" ? "" : await readBody(req);
  const body = () => parseBody(raw, req.headers["content-type"]);

  // Shopify's app proxy: the storefront preview's `/apps/loyalnest/*`, forwarded to the app, signed.
  if (isAppProxyPath(url.pathname, ctx.options)) {
    return proxyToApp(
      { method, url, headers: req.headers, body: raw },
      ctx.options,
      (domain) => ctx.commands.state.shop(domain) !== undefined,
    );
  }

  // The POS preview's calls to the app's `/api/trpc/pos.*`, forwarded with their Authorization.
  if (isPosPreviewApiPath(url.pathname)) {
    return forwardPosApi({ method, url, headers: req.headers, body: raw }, ctx.options);
  }

  // The checkout / customer-account extension preview's calls to the app's `/api/trpc/shopper.*`.
  if (isExtensionApiPath(url.pathname)) {
    return forwardExtensionApi({ method, url, headers: req.headers, body: raw }, ctx.options);
  }

  if (url.pathname.startsWith("/_dev/")) {
    const result = await handleDevRequest(
      {
        method,
        path: url.pathname,
        query: url.searchParams,
        body: body(),
        remoteLoopback: isLoopback(req.socket.remoteAddress),
      },
      ctx,
    );
    if (result) return result;
    throw new HttpError(404, `No route for ${method} ${url.pathname}`);
  }

  const graphql = GRAPHQL.exec(url.pathname);
  if (graphql) {
    const shop = ctx.commands.state.shop(decodeURIComponent(graphql[1] ?? ""));
    if (!shop) return { status: 404, json: { errors: "Not Found" } };
    if (method !== "POST") return { status: 405, json: { errors: "Method Not Allowed" } };
    const token = req.headers["x-shopify-access-token"];
    if (typeof token !== "string" || !ctx.tokens.isValidAccessToken(shop.domain, token)) return UNAUTHORIZED;
    const resolverContext = { shop, state: ctx.commands.state, options: ctx.options, baseUrl: ctx.baseUrl };
    return { status: 200, json: executeGraphQL(body(), resolverContext) };
  }

  const accessToken = ACCESS_TOKEN.exec(url.pathname);
  if (accessToken && method === "POST") {
    const shop = decodeURIComponent(accessToken[1] ?? "");
    if (!ctx.commands.state.shop(shop)) return { status: 404, json: { errors: "Not Found" } };
    return handleAccessTokenRequest(shop, body(), ctx.tokens, ctx.options);
  }

  const charge = CONFIRM_CHARGE.exec(url.pathname);
  if (charge && method === "GET") {
    const subscription = ctx.commands.confirmSubscription(
      decodeURIComponent(charge[1] ?? ""),
      Number(charge[2]),
      charge[3] === "confirm",
    );
    const back = new URL(subscription.returnUrl);
    back.searchParams.set("charge_id", String(subscription.id));
    return { status: 302, headers: { Location: back.toString() }, text: "" };
  }

  throw new HttpError(404, `No route for ${method} ${url.pathname}`);
}
