import type { ApiClient } from "../widget/api";
import { ApiError, readResponse } from "../widget/api";

/**
 * The checkout / thank-you / customer-account extensions' client for the shopper procedures.
 * Same procedures and wire format as the storefront widget (`../widget/api.ts`), but the extension
 * calls the app directly: `{appUrl}/api/trpc/shopper.<name>` with the surface's session token as
 * `Authorization: Bearer …` and `x-loyalnest-surface: checkout | customer-account` (the backend
 * verifies the token for that surface; see packages/api/src/trpc/auth/extension-session.ts).
 * A fresh token is asked for on every call (`shopify.sessionToken.get()` caches it itself).
 */
export type Surface = "checkout" | "customer-account";

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface SessionApiOptions {
  appUrl: string;
  surface: Surface;
  /** `shopify.sessionToken.get`. */
  token: () => Promise<string>;
  fetch?: Fetch;
}

export function createSessionApiClient(options: SessionApiOptions): ApiClient {
  const base = `${options.appUrl.replace(/\/$/, "")}/api/trpc/shopper.`;
  const doFetch: Fetch = options.fetch ?? ((url, init) => fetch(url, init));

  async function call<T>(name: string, method: "GET" | "POST", input: unknown): Promise<T> {
    let token: string;
    try {
      token = await options.token();
    } catch {
      throw new ApiError("No session token.", "UNAUTHORIZED", 401);
    }
    const url =
      method === "GET" && input !== undefined
        ? `${base}${name}?input=${encodeURIComponent(JSON.stringify(input))}`
        : `${base}${name}`;
    const headers: Record<string, string> = {
      accept: "application/json",
      authorization: `Bearer ${token}`,
      "x-loyalnest-surface": options.surface,
    };
    if (method === "POST") headers["content-type"] = "application/json";
    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers,
        ...(method === "POST" ? { body: JSON.stringify(input ?? {}) } : {}),
      });
    } catch {
      throw new ApiError("The store could not be reached.", "NETWORK", 0);
    }
    return readResponse<T>(response);
  }

  const query = <T>(name: string, input?: unknown) => call<T>(name, "GET", input);
  const mutation = <T>(name: string, input?: unknown) => call<T>(name, "POST", input);
  return {
    profile: () => query("profile"),
    history: (input = {}) => query("history", input),
    redemptions: (input = {}) => query("redemptions", input),
    referral: () => query("referral"),
    redeem: (input) => mutation("redeem", input),
    claimAction: (input) => mutation("claimAction", input),
    join: () => mutation("join"),
  };
}
