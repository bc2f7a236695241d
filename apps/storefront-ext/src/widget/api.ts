import type { AppRouter } from "@loyalnest/api";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";

/**
 * The widget's client for the shopper procedures, over Shopify's app proxy: the page calls
 * `{proxyPath}/trpc/shopper.<name>` on the shop's own domain, Shopify signs and forwards it to the
 * app. tRPC's HTTP protocol, by hand to stay tiny: queries are GET with `?input=<json>`, mutations
 * POST a JSON body; answers are `{result: {data}}` or `{error: {message, data: {code, httpStatus}}}`.
 * The types come from the procedures themselves (type-only imports: no bytes in the bundle).
 */
type Outputs = inferRouterOutputs<AppRouter>["shopper"];
type Inputs = inferRouterInputs<AppRouter>["shopper"];

export type Profile = Outputs["profile"];
export type Reward = Profile["rewards"][number];
export type HistoryPage = Outputs["history"];
export type HistoryEntry = HistoryPage["items"][number];
export type RedemptionsPage = Outputs["redemptions"];
export type Redemption = RedemptionsPage["items"][number];
export type Referral = Outputs["referral"];
export type RedeemInput = Inputs["redeem"];
export type RedeemResult = Outputs["redeem"];
export type ClaimInput = Inputs["claimAction"];
export type ClaimResult = Outputs["claimAction"];
export type JoinResult = Outputs["join"];
export type PageInput = { cursor?: number; limit?: number };

/** tRPC's error codes as the server sends them, plus the two the client observes itself. */
export type ApiErrorCode = string | "NETWORK" | "BAD_RESPONSE";

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: ApiErrorCode,
    readonly status: number,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface ApiClient {
  profile(): Promise<Profile>;
  history(input?: PageInput): Promise<HistoryPage>;
  redemptions(input?: PageInput): Promise<RedemptionsPage>;
  referral(): Promise<Referral>;
  redeem(input: RedeemInput): Promise<RedeemResult>;
  claimAction(input: ClaimInput): Promise<ClaimResult>;
  join(): Promise<JoinResult>;
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export function createApiClient(options: { proxyPath: string; fetch?: Fetch }): ApiClient {
  const base = `${options.proxyPath.replace(/\/$/, "")}/trpc/shopper.`;
  const doFetch: Fetch = options.fetch ?? ((url, init) => fetch(url, init));

  async function call<T>(name: string, method: "GET" | "POST", input: unknown): Promise<T> {
    const url =
      method === "GET" && input !== undefined
        ? `${base}${name}?input=${encodeURIComponent(JSON.stringify(input))}`
        : `${base}${name}`;
    const init: RequestInit = {
      method,
      credentials: "same-origin",
      headers:
        method === "POST"
          ? { accept: "application/json", "content-type": "application/json" }
          : { accept: "application/json" },
      ...(method === "POST" ? { body: JSON.stringify(input ?? {}) } : {}),
    };
    let response: Response;
    try {
      response = await doFetch(url, init);
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

interface Envelope {
  result?: { data?: unknown };
  error?: { message?: unknown; data?: { code?: unknown; httpStatus?: unknown; retryAfterSeconds?: unknown } };
}

/** `{result: {data}}` → data; `{error}` → ApiError with tRPC's code; anything else → BAD_RESPONSE. */
export async function readResponse<T>(response: Response): Promise<T> {
  let body: Envelope;
  try {
    body = (await response.json()) as Envelope;
  } catch {
    // Not JSON: Shopify's own error page (proxy misconfigured, app down) or a cut connection.
    throw new ApiError(`Unexpected answer (HTTP ${response.status}).`, "BAD_RESPONSE", response.status);
  }
  if (body && typeof body === "object" && body.error) {
    const data = body.error.data ?? {};
    const status = typeof data.httpStatus === "number" ? data.httpStatus : response.status;
    const retry = data.retryAfterSeconds;
    const headerRetry = Number(response.headers.get("retry-after"));
    throw new ApiError(
      typeof body.error.message === "string" ? body.error.message : `HTTP ${status}`,
      typeof data.code === "string" ? data.code : status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST",
      status,
      typeof retry === "number"
        ? retry
        : Number.isFinite(headerRetry) && headerRetry > 0
          ? headerRetry
          : null,
    );
  }
  if (response.ok && body && typeof body === "object" && body.result && "data" in body.result) {
    return body.result.data as T;
  }
  throw new ApiError(`Unexpected answer (HTTP ${response.status}).`, "BAD_RESPONSE", response.status);
}
