import type { AppRouter } from "@loyalnest/api";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { ApiError, readResponse } from "../widget/api";

export { ApiError };

/**
 * The POS extension's client for the `pos.*` procedures: tRPC's HTTP protocol by hand (queries are
 * GET with `?input=<json>`, mutations POST a JSON body), each call with `Authorization: Bearer <POS
 * session token>` from the Session API, fetched fresh per call (POS tokens live 60 s). Types come
 * from the procedures themselves (type-only: no bytes in the bundle).
 *
 * In POS, a relative URL is resolved against the app's `application_url`, so the base is
 * `/api/trpc`; the stand-in's preview passes its own same-origin base.
 */
type Outputs = inferRouterOutputs<AppRouter>["pos"];
type Inputs = inferRouterInputs<AppRouter>["pos"];

export type LookupInput = Inputs["lookupCustomer"];
export type Lookup = Outputs["lookupCustomer"];
export type PosReward = Lookup["rewards"][number];
export type RedeemInput = Inputs["redeem"];
export type RedeemResult = Outputs["redeem"];
export type AwardInput = Inputs["award"];
export type AwardResult = Outputs["award"];
export type OfflineAction = Inputs["syncOffline"]["actions"][number];
export type SyncResult = Outputs["syncOffline"]["results"][number];

export interface PosApi {
  lookupCustomer(input: LookupInput): Promise<Lookup>;
  redeem(input: RedeemInput): Promise<RedeemResult>;
  award(input: AwardInput): Promise<AwardResult>;
  syncOffline(input: { actions: OfflineAction[] }): Promise<{ results: SyncResult[] }>;
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface PosApiOptions {
  /** `/api/trpc` in POS; the preview's proxy path in the stand-in. */
  baseUrl: string;
  /** `shopify.session.getSessionToken` — `undefined` when the user may not use the app. */
  getSessionToken: () => Promise<string | undefined>;
  fetch?: Fetch;
}

export function createPosApiClient(options: PosApiOptions): PosApi {
  const base = `${options.baseUrl.replace(/\/$/, "")}/pos.`;
  const doFetch: Fetch = options.fetch ?? ((url, init) => fetch(url, init));

  async function call<T>(name: string, method: "GET" | "POST", input: unknown): Promise<T> {
    let token: string | undefined;
    try {
      token = await options.getSessionToken();
    } catch {
      // POS could not make a token (typically offline): the request never left.
      throw new ApiError("POS could not provide a session token.", "NETWORK", 0);
    }
    if (!token) throw new ApiError("This staff member may not use LoyalNest.", "UNAUTHORIZED", 401);
    const headers: Record<string, string> = { accept: "application/json", authorization: `Bearer ${token}` };
    if (method === "POST") headers["content-type"] = "application/json";
    const url =
      method === "GET"
        ? `${base}${name}?input=${encodeURIComponent(JSON.stringify(input))}`
        : `${base}${name}`;
    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers,
        ...(method === "POST" ? { body: JSON.stringify(input) } : {}),
      });
    } catch {
      throw new ApiError("LoyalNest could not be reached.", "NETWORK", 0);
    }
    return readResponse<T>(response);
  }

  return {
    lookupCustomer: (input) => call("lookupCustomer", "GET", input),
    redeem: (input) => call("redeem", "POST", input),
    award: (input) => call("award", "POST", input),
    syncOffline: (input) => call("syncOffline", "POST", input),
  };
}

/**
 * Whether a failed call may have happened and is worth sending again with the same key: no
 * answer, a cut or non-JSON answer, a 5xx, or rate limiting. Any other 4xx is a definite answer.
 */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof ApiError)) return true;
  if (error.code === "NETWORK" || error.code === "BAD_RESPONSE" || error.code === "TOO_MANY_REQUESTS")
    return true;
  return error.status >= 500;
}
