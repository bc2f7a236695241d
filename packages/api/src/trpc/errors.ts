import {
  GdprServiceError,
  IdempotencyConflictError,
  InsufficientPointsError,
  LedgerEntryNotFoundError,
  RedemptionConflictError,
  RedemptionNotFoundError,
  ReferralServiceError,
  RewardMisconfiguredError,
  RewardNotFoundError,
  TierServiceError,
  UnknownCustomerError,
} from "@loyalnest/db";
import {
  IllegalRedemptionTransitionError,
  IllegalReferralTransitionError,
  RfmConfigError,
  TierConfigError,
  TierPinError,
} from "@loyalnest/domain";
import { ShopifyError } from "@loyalnest/shopify";
import { TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { ZodError, z } from "zod";

/** A shopper or POS caller went over their limit; `retryAfterMs` becomes the client's wait hint. */
export class RateLimitedError extends TRPCError {
  constructor(readonly retryAfterMs: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    super({ code: "TOO_MANY_REQUESTS", message: `Too many requests. Try again in ${seconds} s.` });
  }
}

/** The engine's errors are the caller's fault or a state conflict, never a server failure. */
const DOMAIN_ERRORS: [new (...args: never[]) => Error, TRPC_ERROR_CODE_KEY][] = [
  [UnknownCustomerError, "NOT_FOUND"],
  [RewardNotFoundError, "NOT_FOUND"],
  [RedemptionNotFoundError, "NOT_FOUND"],
  [LedgerEntryNotFoundError, "NOT_FOUND"],
  [InsufficientPointsError, "UNPROCESSABLE_CONTENT"],
  [RewardMisconfiguredError, "PRECONDITION_FAILED"],
  [IdempotencyConflictError, "CONFLICT"],
  [RedemptionConflictError, "CONFLICT"],
  [TierServiceError, "BAD_REQUEST"],
  [ReferralServiceError, "BAD_REQUEST"],
  [GdprServiceError, "BAD_REQUEST"],
  [RfmConfigError, "BAD_REQUEST"],
  [TierConfigError, "BAD_REQUEST"],
  [TierPinError, "BAD_REQUEST"],
  [IllegalReferralTransitionError, "CONFLICT"],
  [IllegalRedemptionTransitionError, "CONFLICT"],
];

/**
 * The SQLSTATE of a Postgres error, also when drizzle wrapped it (`DrizzleQueryError.cause`):
 * data exceptions and constraint clashes are the caller's input, not a server failure.
 */
function postgresCode(error: unknown): string | null {
  for (let current = error, depth = 0; current && depth < 3; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * Turns an error thrown below the transport into the typed error the caller sees. Unknown errors
 * stay INTERNAL_SERVER_ERROR (and are logged); everything the caller can fix is a 4xx.
 */
export function toTrpcError(error: unknown): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof ZodError)
    return new TRPCError({ code: "BAD_REQUEST", message: describeZodError(error), cause: error });
  for (const [type, code] of DOMAIN_ERRORS) {
    if (error instanceof type) return new TRPCError({ code, message: error.message, cause: error });
  }
  if (error instanceof ShopifyError) {
    return new TRPCError({
      code: "BAD_GATEWAY",
      message: "Shopify did not accept the request. Nothing was changed; please try again.",
      cause: error,
    });
  }
  const sqlState = postgresCode(error);
  if (sqlState?.startsWith("22"))
    return new TRPCError({ code: "BAD_REQUEST", message: "A value is out of range.", cause: error as Error });
  if (sqlState === "23505")
    return new TRPCError({ code: "CONFLICT", message: "That already exists.", cause: error as Error });
  if (sqlState === "23503")
    return new TRPCError({
      code: "NOT_FOUND",
      message: "A referenced record does not exist.",
      cause: error as Error,
    });
  return new TRPCError({
    code: "INTERNAL_SERVER_ERROR",
    message: "Something went wrong on our side.",
    cause: error instanceof Error ? error : undefined,
  });
}

/** "points: Too big: expected number to be <=1000000" — one line per issue, with its path. */
export function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => (issue.path.length ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

/** Extra, machine-readable data beside the message in every error response. */
export function errorData(error: TRPCError) {
  return {
    issues: error.cause instanceof ZodError ? z.treeifyError(error.cause) : null,
    retryAfterSeconds: error instanceof RateLimitedError ? Math.ceil(error.retryAfterMs / 1000) : null,
  };
}
