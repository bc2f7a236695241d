import { TRPCClientError } from "@trpc/client";
import { SessionTokenUnavailableError } from "./session-token";

/** What went wrong with an API call, in the merchant's words, and what to do about it. */
export interface ApiProblem {
  title: string;
  /** The server's (or browser's) own explanation, when it has a useful one. */
  detail: string | null;
  action: string;
  /** Whether trying again can help (offers a Retry button). */
  retryable: boolean;
}

interface ErrorData {
  code?: string;
  httpStatus?: number;
  path?: string;
}

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current && chain.length < 5) {
    chain.push(current);
    current = current instanceof Error ? current.cause : undefined;
  }
  return chain;
}

export function httpStatusOf(error: unknown): number | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = error.data as ErrorData | undefined;
  return data?.httpStatus ?? null;
}

export function isSessionProblem(error: unknown): boolean {
  return causeChain(error).some((e) => e instanceof SessionTokenUnavailableError);
}

/** React Query's retry policy: never for refusals (4xx) or a missing session; twice for outages. */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isSessionProblem(error)) return false;
  const status = httpStatusOf(error);
  if (status !== null && status < 500 && status !== 429) return false;
  return failureCount < 2;
}

export function describeApiError(error: unknown): ApiProblem {
  const session = causeChain(error).find((e) => e instanceof SessionTokenUnavailableError);
  if (session instanceof SessionTokenUnavailableError) {
    return {
      title: "You're not signed in to LoyalNest",
      detail: session.message,
      action: session.action,
      retryable: true,
    };
  }
  if (!(error instanceof TRPCClientError)) {
    return {
      title: "Something went wrong in this page",
      detail: error instanceof Error ? error.message : null,
      action: "Reload the page. If it happens again, contact LoyalNest support.",
      retryable: true,
    };
  }
  const data = error.data as ErrorData | undefined;
  const status = data?.httpStatus;
  const code = data?.code;
  if (status === undefined) {
    return {
      title: "LoyalNest can't be reached",
      detail: error.message,
      action: "Check your internet connection, then retry.",
      retryable: true,
    };
  }
  if (code === "UNAUTHORIZED" || status === 401) {
    return {
      title: "Your session has ended",
      detail: error.message,
      action: "Reload LoyalNest from Shopify admin › Apps to sign in again.",
      retryable: true,
    };
  }
  if (code === "FORBIDDEN" || status === 403) {
    return {
      title: "You don't have access to this",
      detail: error.message,
      action: "Ask the store owner to give your staff account access to LoyalNest.",
      retryable: false,
    };
  }
  if (code === "NOT_FOUND" && /No procedure found/i.test(error.message)) {
    return {
      title: "This part of LoyalNest isn't available yet",
      detail: `The server does not offer "${data?.path ?? "this request"}".`,
      action:
        "LoyalNest may be in the middle of an update: retry in a minute. If it persists, contact LoyalNest support.",
      retryable: true,
    };
  }
  if (status === 429) {
    return {
      title: "Too many requests",
      detail: error.message,
      action: "Wait a few seconds, then retry.",
      retryable: true,
    };
  }
  if (status >= 500) {
    return {
      title: "LoyalNest is having trouble",
      detail: error.message,
      action: "Your data is safe. Retry in a moment; if it keeps failing, contact LoyalNest support.",
      retryable: true,
    };
  }
  return {
    title: "That didn't work",
    detail: error.message,
    action: "Check the details above, correct them, and try again.",
    retryable: false,
  };
}

/**
 * The API's 400 message names each failing field ("points: Too big; reason: Required"): split it
 * into field → message (by the path's last segment, and the whole dotted path) so forms can show
 * each next to its field. Messages without a path go under "".
 */
export function apiFieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof TRPCClientError) || httpStatusOf(error) !== 400) return {};
  const out: Record<string, string> = {};
  for (const part of error.message.split("; ")) {
    const match = /^([A-Za-z0-9_.]+): (.+)$/.exec(part.trim());
    if (!match) {
      out[""] = out[""] ? `${out[""]}; ${part}` : part;
      continue;
    }
    const [, path, message] = match as unknown as [string, string, string];
    out[path] ??= message;
    const last = path
      .split(".")
      .filter((segment) => !/^\d+$/.test(segment))
      .at(-1);
    if (last) out[last] ??= message;
  }
  return out;
}
