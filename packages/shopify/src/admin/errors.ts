/** Failures of the Admin API boundary, typed so callers decide retry vs. re-auth vs. give up. */
export class ShopifyError extends Error {
  override name = "ShopifyError";
  constructor(
    message: string,
    readonly shop: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * 401/403: the token is invalid, expired, revoked or lacks a scope. Never retried as-is: the
 * caller must obtain a new token (or the shop has uninstalled).
 */
export class ShopifyAuthError extends ShopifyError {
  override name = "ShopifyAuthError";
  constructor(
    message: string,
    shop: string,
    readonly status: number,
    options?: ErrorOptions,
  ) {
    super(message, shop, options);
  }
}

/** Network errors, 5xx and 429 that outlasted the retry budget (or were unsafe to retry). */
export class ShopifyTransientError extends ShopifyError {
  override name = "ShopifyTransientError";
  constructor(
    message: string,
    shop: string,
    readonly status: number | null,
    /** True when the request may have reached Shopify, so a non-idempotent mutation may have applied. */
    readonly mayHaveApplied: boolean,
    options?: ErrorOptions,
  ) {
    super(message, shop, options);
  }
}

/** THROTTLED answers that outlasted the retry budget. */
export class ShopifyThrottledError extends ShopifyError {
  override name = "ShopifyThrottledError";
}

/** Any other 4xx: a bug in the request, not worth retrying. */
export class ShopifyHttpError extends ShopifyError {
  override name = "ShopifyHttpError";
  constructor(
    message: string,
    shop: string,
    readonly status: number,
    options?: ErrorOptions,
  ) {
    super(message, shop, options);
  }
}

export interface GraphqlErrorEntry {
  message: string;
  extensions?: { code?: string } & Record<string, unknown>;
  path?: (string | number)[];
}

/** Top-level GraphQL `errors` (syntax, access denied on a field, MAX_COST_EXCEEDED, …). */
export class ShopifyGraphqlError extends ShopifyError {
  override name = "ShopifyGraphqlError";
  constructor(
    shop: string,
    readonly errors: GraphqlErrorEntry[],
  ) {
    super(`Admin GraphQL errors: ${errors.map((e) => e.message).join("; ")}`, shop);
  }
}

/** The response did not have the shape the operation expects (API drift or a stand-in gap). */
export class ShopifyResponseShapeError extends ShopifyError {
  override name = "ShopifyResponseShapeError";
}
