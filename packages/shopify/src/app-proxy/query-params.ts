/** Where an app-proxy request's query can come from: a URL, a query string, or parsed params. */
export type AppProxyQueryParams =
  URLSearchParams | string | Record<string, string | readonly string[] | undefined>;

export type AppProxyQuerySource = { url: string | URL } | { query: AppProxyQueryParams };

/** Parameters by name, values in arrival order (a repeated name keeps every value). */
export type QueryParams = ReadonlyMap<string, readonly string[]>;

// Only used to resolve a path-only URL such as `/proxy?shop=…`; the host never matters.
const PLACEHOLDER_ORIGIN = "http://app-proxy.invalid";

export function readQueryParams(source: AppProxyQuerySource): QueryParams {
  if ("url" in source) return fromSearchParams(toUrl(source.url).searchParams);
  const { query } = source;
  if (typeof query === "string") return fromSearchParams(new URLSearchParams(query));
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
