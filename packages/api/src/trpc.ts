import { initTRPC, TRPCError } from "@trpc/server";
import type { OpenApiMeta } from "trpc-to-openapi";
import { ZodError } from "zod";
import { authenticateAdmin } from "./trpc/auth/admin-session";
import { authenticateExtension } from "./trpc/auth/extension-session";
import { authenticatePos } from "./trpc/auth/pos-session";
import { authenticateProxy } from "./trpc/auth/app-proxy-session";
import type { RequestContext } from "./trpc/context";
import { errorData, RateLimitedError, toTrpcError } from "./trpc/errors";
import type { RateLimitKind } from "./trpc/rate-limits";

/**
 * The one place procedures are made. Every procedure is built from one of the exports below, so
 * its caller's credential is verified before its input is even parsed:
 *
 * | procedure            | credential                                  | context gains                 |
 * |----------------------|---------------------------------------------|-------------------------------|
 * | `adminProcedure`     | App Bridge session token (Bearer)           | `shop`, `staff`               |
 * | `proxyProcedure`     | app-proxy signature on the query string     | `shop`, `visitor` (maybe anon) |
 * | `extensionProcedure` | checkout / customer-account session token   | `shop`, `visitor` (maybe anon) |
 * | `shopperProcedure`   | either of the two above, logged in          | `shop`, `shopper`             |
 * | `posProcedure`       | POS session token (Bearer)                  | `shop`, `staff`               |
 *
 * The shop (and customer) come only from the verified credential; inputs carry row ids that every
 * query filters by `ctx.shop.id`, so another shop's id is simply not found.
 */
const t = initTRPC
  .context<RequestContext>()
  .meta<OpenApiMeta>()
  .create({
    errorFormatter({ shape, error }) {
      const isInternal = error.code === "INTERNAL_SERVER_ERROR";
      return {
        ...shape,
        message: isInternal ? "Something went wrong on our side." : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          ...errorData(error),
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Maps domain, database and Shopify errors to typed 4xx/5xx errors with readable messages. */
const typedErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) throwTyped(result.error);
  return result;
});

/** The typed error for a failure below the transport (or in an auth middleware). */
function throwTyped(error: TRPCError): never {
  // Input that failed its schema: say which field and why, in one readable line.
  if (error.code === "BAD_REQUEST" && error.cause instanceof ZodError) throw toTrpcError(error.cause);
  // Anything else thrown below the transport arrives as INTERNAL_SERVER_ERROR: map what we know.
  if (error.code !== "INTERNAL_SERVER_ERROR" || error.message === "Output validation failed") throw error;
  const mapped = toTrpcError(error.cause ?? error);
  if (mapped.code === "INTERNAL_SERVER_ERROR") console.error("[api] unexpected error:", error.cause ?? error);
  throw mapped;
}

export const publicProcedure = t.procedure.use(typedErrors);

export const adminProcedure = publicProcedure.use(async ({ ctx, next }) =>
  next({ ctx: await authenticateAdmin(ctx) }),
);

export const posProcedure = publicProcedure.use(async ({ ctx, next }) =>
  next({ ctx: await authenticatePos(ctx) }),
);

export const proxyProcedure = publicProcedure.use(async ({ ctx, next }) =>
  next({ ctx: await authenticateProxy(ctx) }),
);

export const extensionProcedure = publicProcedure.use(async ({ ctx, next }) =>
  next({ ctx: await authenticateExtension(ctx) }),
);

/**
 * A logged-in shopper, from the storefront (app proxy) or an extension (session token): which one
 * is decided by the credential present. Anonymous visitors are refused.
 */
export const shopperProcedure = publicProcedure.use(async ({ ctx, next }) =>
  next({ ctx: await authenticateShopper(ctx) }),
);

async function authenticateShopper(ctx: RequestContext) {
  const authed = ctx.headers.has("authorization")
    ? await authenticateExtension(ctx)
    : await authenticateProxy(ctx);
  const { visitor } = authed;
  if (visitor.shopifyCustomerId === null)
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Log in to your account to use rewards." });
  return {
    shop: authed.shop,
    shopper: {
      shopifyCustomerId: visitor.shopifyCustomerId,
      customerId: visitor.customerId,
      via: visitor.via,
    },
  };
}

async function enforceLimit(
  deps: RequestContext["deps"],
  kind: RateLimitKind,
  shopId: string,
  subject: string,
): Promise<void> {
  const results = await deps.rateLimiter.consumeAll([
    { key: `${kind}:${shopId}:${subject}`, limit: deps.rateLimits[kind] },
    { key: `shop:${shopId}`, limit: deps.rateLimits.shopPerMinute },
  ]);
  const refused = results.find((result) => !result.allowed);
  if (refused) throw new RateLimitedError(refused.retryAfterMs);
}

/** Shopper reads: limited per customer and per shop. */
export const shopperReadProcedure = t.procedure.use(limitedShopper("shopperRead", "before"));

/**
 * Shopper reads answered from the shopper cache, with no side effects (the widget's profile): the
 * limit is counted alongside the read instead of before it, so the count and the cache read share
 * one Redis round trip (the client writes commands issued in the same tick together). A refused
 * request still gets its 429; the read it made, a cache hit, is dropped. Not for reads that write
 * or query Postgres on every call (history, referral): a client over its limit must not cost those.
 */
export const shopperCachedReadProcedure = t.procedure.use(limitedShopper("shopperRead", "alongside"));

/** Shopper writes (redeem, claim, join): a tighter limit per customer. */
export const shopperWriteProcedure = t.procedure.use(limitedShopper("shopperWrite", "before"));

/**
 * Typed errors, authentication and the limit in ONE middleware: every tRPC layer costs the
 * shopper read path measurably (bench/p4), so the hot procedures get one instead of three.
 */
function limitedShopper(kind: RateLimitKind, counted: "before" | "alongside") {
  return t.middleware(async ({ ctx, next }) => {
    let authed: Awaited<ReturnType<typeof authenticateShopper>>;
    let limit: Promise<void>;
    try {
      authed = await authenticateShopper(ctx);
      limit = enforceLimit(ctx.deps, kind, authed.shop.id, authed.shopper.shopifyCustomerId);
      if (counted === "before") await limit;
    } catch (cause) {
      throwTyped(asTrpcError(cause));
    }
    // Settled below; this only keeps a refusal that lands while the read fails from going unhandled.
    limit.catch(() => {});
    const result = await next({ ctx: authed });
    if (counted === "alongside") await limit.catch((cause: unknown) => throwTyped(asTrpcError(cause)));
    if (!result.ok) throwTyped(result.error);
    return result;
  });
}

const asTrpcError = (cause: unknown) =>
  cause instanceof TRPCError ? cause : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause });

/** Anonymous storefront actions (e.g. a referral visit): limited per shop and per visitor address. */
export const proxyWriteProcedure = proxyProcedure.use(async ({ ctx, next }) => {
  const subject = ctx.visitor.shopifyCustomerId ?? `anon:${ctx.headers.get("x-forwarded-for") ?? "unknown"}`;
  await enforceLimit(ctx.deps, "shopperWrite", ctx.shop.id, subject);
  return next();
});

/** POS writes: limited per staff member. */
export const posWriteProcedure = posProcedure.use(async ({ ctx, next }) => {
  await enforceLimit(ctx.deps, "posWrite", ctx.shop.id, ctx.staff.userId ?? "unknown");
  return next();
});
