const parsed = new WeakMap<Request, URL>();

/**
 * The request's URL, parsed once: routing, the tRPC context and the app-proxy check all read it,
 * and on the storefront's hot path each parse (with its long signed query) is measurable.
 */
export function requestUrl(req: Request): URL {
  let url = parsed.get(req);
  if (url === undefined) {
    url = new URL(req.url);
    parsed.set(req, url);
  }
  return url;
}
