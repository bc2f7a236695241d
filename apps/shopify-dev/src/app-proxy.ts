import { createHmac } from "node:crypto";

/**
 * Signs an app-proxy request as Shopify forwards it: adds `shop`, `logged_in_customer_id`,
 * `path_prefix` and `timestamp` to the query, then `signature` = hex HMAC-SHA256 (app secret) of
 * the `key=value` pairs (multi-values comma-joined), sorted and concatenated without separator.
 */
export interface AppProxyRequest {
  shop: string;
  /** The storefront path below the proxy prefix, e.g. `/widget` (a leading prefix is stripped). */
  path: string;
  query?: string | Record<string, string | string[]> | undefined;
  loggedInCustomerId?: number | string | null | undefined;
  pathPrefix: string;
  proxyUrl: string;
  timestamp?: number | undefined;
}

export function appProxySignature(params: Map<string, string[]>, secret: string): string {
  const message = [...params.entries()]
    .filter(([key]) => key !== "signature")
    .map(([key, values]) => `${key}=${values.join(",")}`)
    .sort()
    .join("");
  return createHmac("sha256", secret).update(message).digest("hex");
}

function queryParams(query: AppProxyRequest["query"]): [string, string][] {
  if (query === undefined) return [];
  if (typeof query === "string") return [...new URLSearchParams(query.replace(/^\?/, ""))];
  return Object.entries(query).flatMap(([k, v]) =>
    Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]],
  );
}

export function signAppProxyRequest(request: AppProxyRequest, secret: string) {
  const pairs = queryParams(request.query);
  pairs.push(
    ["shop", request.shop],
    [
      "logged_in_customer_id",
      request.loggedInCustomerId === undefined || request.loggedInCustomerId === null
        ? ""
        : String(request.loggedInCustomerId),
    ],
    ["path_prefix", request.pathPrefix],
    ["timestamp", String(request.timestamp ?? Math.floor(Date.now() / 1000))],
  );
  const grouped = new Map<string, string[]>();
  for (const [key, value] of pairs) grouped.set(key, [...(grouped.get(key) ?? []), value]);
  const signature = appProxySignature(grouped, secret);
  const search = new URLSearchParams(pairs);
  search.append("signature", signature);
  const subpath = request.path.startsWith(request.pathPrefix)
    ? request.path.slice(request.pathPrefix.length)
    : request.path;
  const path = subpath === "" || subpath === "/" ? "" : subpath.startsWith("/") ? subpath : `/${subpath}`;
  return {
    signature,
    queryString: search.toString(),
    url: `${request.proxyUrl.replace(/\/$/, "")}${path}?${search.toString()}`,
    storefrontUrl: `https://${request.shop}${request.pathPrefix}${path}`,
  };
}
