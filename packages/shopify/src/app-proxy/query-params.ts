/** Where an app-proxy request's query can come from: a URL, a query string, or parsed params. */
export type AppProxyQueryParams =
  URLSearchParams | string | Record<string, string | readonly string[] | undefined>;

export type AppProxyQuerySource = { url: string | URL } | { query: AppProxyQueryParams };

/** Parameters by name, values in arrival order (a repeated name keeps every value). */
export type QueryParams = ReadonlyMap<string, readonly string[]>;

// Only used to resolve a path-only URL such as `/proxy?shop=…`; the host never matters.
const PLACEHOLDER_ORIGIN = "http://app-proxy.invalid";

export function readQueryParams(source: AppProxyQuerySource): QueryParams {
  if ("url" in source) return fromQueryString(toUrl(source.url).search);
  const { query } = source;
  if (typeof query === "string") return fromQueryString(query);
  if (query instanceof URLSearchParams) return fromSearchParams(query);
  return fromRecord(query);
}

function toUrl(url: string | URL): URL {
  if (url instanceof URL) return url;
  try {
    return new URL(url, PLACEHOLDER_ORIGIN);
  } catch {
    // An unparseable URL carries no parameters, so it fails as "missing signature".
    return new URL(PLACEHOLDER_ORIGIN);
  }
}

// A lone surrogate: URLSearchParams turns it into U+FFFD, decodeURIComponent would keep it.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * The query parsed as URLSearchParams parses one (WHATWG urlencoded: `&`-separated fields, the
 * first `=` splits name from value, `+` is a space, then percent-decoding as UTF-8), without
 * building a URLSearchParams: every storefront request is verified, and that object's
 * field-by-field parse cost more than the rest of the check but the HMAC. A query the shortcut
 * cannot decode exactly as the standard does (a malformed escape, invalid UTF-8, a lone
 * surrogate) is handed to URLSearchParams itself, so the result is always the standard one.
 */
function fromQueryString(query: string): QueryParams {
  const body = query.startsWith("?") ? query.slice(1) : query;
  const params = new Map<string, string[]>();
  if (body === "") return params;
  if (LONE_SURROGATE.test(body)) return fromSearchParams(new URLSearchParams(query));
  for (const field of body.split("&")) {
    if (field === "") continue;
    const eq = field.indexOf("=");
    const key = decodeField(eq === -1 ? field : field.slice(0, eq));
    const value = eq === -1 ? "" : decodeField(field.slice(eq + 1));
    if (key === null || value === null) return fromSearchParams(new URLSearchParams(query));
    const values = params.get(key);
    if (values === undefined) params.set(key, [value]);
    else values.push(value);
  }
  return params;
}

/** One name or value, decoded; null when only the standard parser can decode it faithfully. */
function decodeField(text: string): string | null {
  const spaced = text.includes("+") ? text.replaceAll("+", " ") : text;
  if (!spaced.includes("%")) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return null;
  }
}

function fromSearchParams(search: URLSearchParams): QueryParams {
  const params = new Map<string, string[]>();
  for (const [key, value] of search) {
    const values = params.get(key);
    if (values === undefined) params.set(key, [value]);
    else values.push(value);
  }
  return params;
}

function fromRecord(record: Record<string, string | readonly string[] | undefined>): QueryParams {
  const params = new Map<string, readonly string[]>();
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    params.set(key, typeof value === "string" ? [value] : [...value]);
  }
  return params;
}
