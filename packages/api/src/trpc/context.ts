import { requestUrl } from "../http/request-url";
import type { ApiDeps } from "./deps";

/**
 * What a procedure starts with: the process's dependencies and the raw request. Nothing here is
 * trusted yet; the auth middlewares in `../trpc.ts` turn a verified credential into `shop`,
 * `staff` or `shopper` on the context.
 */
export interface RequestContext {
  deps: ApiDeps;
  headers: Headers;
  url: URL;
}

export function createRequestContext(deps: ApiDeps) {
  return ({ req }: { req: Request }): RequestContext => ({
    deps,
    headers: req.headers,
    url: requestUrl(req),
  });
}
