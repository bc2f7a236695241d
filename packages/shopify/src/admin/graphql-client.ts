import { z } from "zod";
import { adminGraphqlPath, ADMIN_API_VERSION } from "./api-version";
import { type Clock, systemClock } from "./clock";
import { CostBuckets, type CostReservation, type ThrottleStatus } from "./cost-bucket";
import {
  type GraphqlErrorEntry,
  ShopifyAuthError,
  ShopifyGraphqlError,
  ShopifyHttpError,
  ShopifyResponseShapeError,
  ShopifyThrottledError,
  ShopifyTransientError,
} from "./errors";
import { backoffDelayMs, DEFAULT_RETRY_POLICY, retryAfterMs, type RetryPolicy } from "./retry-policy";
import { shopBaseUrl } from "./shop-base-url";

export interface QueryCost {
  requestedQueryCost: number | null;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus | null;
}

/** What happened on the wire, for metrics and tests. */
export type AdminClientEvent =
  | { type: "response"; shop: string; operationName: string | null; cost: QueryCost | null }
  | { type: "throttled"; shop: string; operationName: string | null; attempt: number }
  | { type: "retry"; shop: string; operationName: string | null; attempt: number; reason: string };

export interface AdminClientOptions {
  /** A valid access token for the shop (e.g. `OfflineTokenManager.getAccessToken`). */
  getAccessToken(shop: string): Promise<string>;
  /** Defaults to `shopBaseUrl` (env `SHOPIFY_API_BASE_URL`). */
  baseUrl?: (shop: string) => string;
  apiVersion?: string;
  fetch?: typeof fetch;
  clock?: Clock;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
  /** Per-attempt timeout. */
  requestTimeoutMs?: number;
  /** Cost assumed for an operation never seen before (learned from `requestedQueryCost` afterwards). */
  defaultEstimatedCost?: number;
  onEvent?: (event: AdminClientEvent) => void;
}

export interface AdminRequest {
  shop: string;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  /** Overrides the learned estimate; mutations cost 10. */
  estimatedCost?: number;
  /**
   * Whether sending twice is harmless. Non-idempotent mutations (store credit, code creation) are
   * retried only when Shopify certainly did not run them (429, THROTTLED, connection refused).
   */
  idempotent?: boolean;
}

export interface AdminResponse {
  data: unknown;
  cost: QueryCost | null;
  attempts: number;
}

const throttleStatusSchema = z.object({
  maximumAvailable: z.number(),
  currentlyAvailable: z.number(),
  restoreRate: z.number(),
});

const responseSchema = z.object({
  data: z.unknown().optional(),
  errors: z
    .array(
      z.looseObject({
        message: z.string(),
        extensions: z.looseObject({ code: z.string().optional() }).optional(),
      }),
    )
    .optional(),
  extensions: z
    .looseObject({
      cost: z
        .object({
          requestedQueryCost: z.number().nullish(),
          actualQueryCost: z.number().nullish(),
          throttleStatus: throttleStatusSchema.nullish(),
        })
        .optional(),
    })
    .optional(),
});

/** One attempt's outcome: done, or retry for a reason (after an optional pause). */
type Attempt =
  | { kind: "done"; response: AdminResponse }
  | { kind: "throttled" }
  | { kind: "transient"; error: ShopifyTransientError; pauseMs: number | null };

const DEFAULT_ESTIMATED_COST = 50;
const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * The Admin GraphQL client: per-shop cost-based pacing, THROTTLED back-off, bounded retries of
 * transient failures with jitter, and no retries of auth failures.
 *
 * Built on `fetch` rather than `@shopify/admin-api-client`: that client fixes the token and the
 * `https://{shop}` URL at construction and retries 429/503 on its own fixed schedule, while
 * tokens here rotate hourly, the base URL is a template, and the retry rules need the raw status.
 */
export class AdminGraphqlClient {
  private readonly buckets: CostBuckets;
  private readonly clock: Clock;
  private readonly policy: RetryPolicy;
  private readonly learnedCosts = new Map<string, number>();

  constructor(private readonly options: AdminClientOptions) {
    this.clock = options.clock ?? systemClock;
    this.buckets = new CostBuckets(this.clock);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  }

  /** The local bucket model of a shop (observability). */
  bucket(shop: string) {
    return this.buckets.for(shop).snapshot();
  }

  async request(request: AdminRequest): Promise<AdminResponse> {
    let transientRetries = 0;
    let throttleRetries = 0;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(request, attempt);
      if (outcome.kind === "done") return outcome.response;
      if (outcome.kind === "throttled") {
        if (throttleRetries++ >= this.policy.maxThrottleRetries) {
          throw new ShopifyThrottledError(`still throttled after ${attempt} attempts`, request.shop);
        }
        this.emit({ type: "throttled", shop: request.shop, operationName: name(request), attempt });
        // The bucket was re-synced from the throttled answer, so the next acquire waits just enough.
        continue;
      }
      const retryable = request.idempotent !== false || !outcome.error.mayHaveApplied;
      if (!retryable || transientRetries >= this.policy.maxTransientRetries) throw outcome.error;
      const pause =
        outcome.pauseMs ?? backoffDelayMs(transientRetries, this.policy, this.options.random ?? Math.random);
      transientRetries++;
      this.emit({
        type: "retry",
        shop: request.shop,
        operationName: name(request),
        attempt,
        reason: outcome.error.message,
      });
      await this.clock.sleep(pause);
    }
  }

  private estimate(request: AdminRequest): number {
    const learned = request.operationName ? this.learnedCosts.get(request.operationName) : undefined;
    return learned ?? request.estimatedCost ?? this.options.defaultEstimatedCost ?? DEFAULT_ESTIMATED_COST;
  }

  private async attempt(request: AdminRequest, attempt: number): Promise<Attempt> {
    // The token first: a refresh may take a while and should not sit on a bucket reservation.
    const token = await this.options.getAccessToken(request.shop);
    const reservation = await this.buckets.for(request.shop).acquire(this.estimate(request));
    let response: Response;
    try {
      response = await this.send(request, token);
    } catch (error) {
      reservation.settle();
      return { kind: "transient", error: networkError(request.shop, error), pauseMs: null };
    }
    try {
      return await this.interpret(request, response, reservation, attempt);
    } finally {
      reservation.settle();
    }
  }

  private send(request: AdminRequest, token: string): Promise<Response> {
    const baseUrl = (this.options.baseUrl ?? shopBaseUrl)(request.shop);
    const url = baseUrl + adminGraphqlPath(this.options.apiVersion ?? ADMIN_API_VERSION);
    return (this.options.fetch ?? fetch)(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        Accept: "application/json",
        "X-Shopify-Access-Token": token,
      },
      body: JSON.stringify({
        query: request.query,
        variables: request.variables ?? {},
        ...(request.operationName ? { operationName: request.operationName } : {}),
      }),
      signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  }

  private async interpret(
    request: AdminRequest,
    response: Response,
    reservation: CostReservation,
    attempt: number,
  ): Promise<Attempt> {
    const { shop } = request;
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new ShopifyAuthError(`Admin API answered ${response.status}`, shop, response.status);
    }
    if (response.status === 429) {
      await response.body?.cancel();
      const error = new ShopifyTransientError("Admin API answered 429", shop, 429, false);
      return { kind: "transient", error, pauseMs: retryAfterMs(response.headers.get("Retry-After")) };
    }
    if (response.status >= 500) {
      await response.body?.cancel();
      const error = new ShopifyTransientError(
        `Admin API answered ${response.status}`,
        shop,
        response.status,
        true,
      );
      return { kind: "transient", error, pauseMs: null };
    }
    if (!response.ok) {
      const text = await response.text().catch(() => "");
      throw new ShopifyHttpError(
        `Admin API answered ${response.status}: ${text.slice(0, 200)}`,
        shop,
        response.status,
      );
    }
    const body = responseSchema.safeParse(await response.json().catch(() => null));
    if (!body.success) throw new ShopifyResponseShapeError("Admin API answer is not GraphQL JSON", shop);
    const cost = parseCost(body.data.extensions?.cost);
    reservation.settle(cost?.throttleStatus, cost?.actualQueryCost);
    this.learn(request, cost);
    this.emit({ type: "response", shop, operationName: name(request), cost });
    const errors = (body.data.errors ?? []) as GraphqlErrorEntry[];
    if (errors.some((e) => e.extensions?.code === "THROTTLED")) {
      // Without a throttle status the bucket model cannot tell how long to wait: back off blindly.
      if (!cost?.throttleStatus)
        await this.clock.sleep(backoffDelayMs(attempt - 1, this.policy, this.options.random ?? Math.random));
      return { kind: "throttled" };
    }
    if (errors.length > 0) throw new ShopifyGraphqlError(shop, errors);
    return { kind: "done", response: { data: body.data.data ?? null, cost, attempts: attempt } };
  }

  private learn(request: AdminRequest, cost: QueryCost | null): void {
    const requested = cost?.requestedQueryCost;
    if (request.operationName && typeof requested === "number") {
      this.learnedCosts.set(request.operationName, requested);
    }
  }

  private emit(event: AdminClientEvent): void {
    this.options.onEvent?.(event);
  }
}

const name = (request: AdminRequest) => request.operationName ?? null;

type RawCost = NonNullable<z.infer<typeof responseSchema>["extensions"]>["cost"];

function parseCost(cost: RawCost): QueryCost | null {
  if (!cost) return null;
  return {
    requestedQueryCost: cost.requestedQueryCost ?? null,
    actualQueryCost: cost.actualQueryCost ?? null,
    throttleStatus: cost.throttleStatus ?? null,
  };
}

/**
 * A refused connection never reached Shopify; anything else (reset, timeout) might have, which
 * matters for non-idempotent mutations.
 */
function networkError(shop: string, error: unknown): ShopifyTransientError {
  const code = (error as { cause?: { code?: string } } | null)?.cause?.code;
  const notSent = code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN";
  const message = error instanceof Error ? error.message : String(error);
  return new ShopifyTransientError(`network error: ${message}`, shop, null, !notSent, { cause: error });
}
