import type { z } from "zod";
import { signAppProxyRequest } from "./app-proxy";
import type { Commands } from "./commands";
import { devFrameHtml } from "./dev-frame";
import type { HttpResult } from "./http";
import { HttpError } from "./http";
import { generateLoad, isLoopbackUrl } from "./load-generator";
import type { ResolvedOptions } from "./options";
import {
  accessTokenSchema,
  appProxySchema,
  cancelSchema,
  createCustomerSchema,
  createOrderSchema,
  createShopSchema,
  customerGdprSchema,
  loadSchema,
  refundSchema,
  releaseSchema,
  checkoutCodeSchema,
  sessionTokenSchema,
  shopGdprSchema,
} from "./schemas";
import { gid } from "./state";
import type { Order, Shop } from "./state";
import { mintSessionToken } from "./tokens/session-token";
import type { TokenStore } from "./tokens/token-store";
import type { Delivery, DeliveryControls } from "./webhooks/dispatcher";
import { orderPayload } from "./webhooks/payloads";
import { parsePosPreviewQuery, renderPosPreview, servePosPreviewAsset } from "./pos-preview";
import { parsePreviewQuery, renderStorefrontPreview, serveThemeAsset } from "./storefront";
import {
  judgeCheckoutCode,
  parseExtensionPreviewQuery,
  renderExtensionPreview,
  serveExtensionBundle,
  serveExtensionShim,
} from "./extension-preview";

/** The `/_dev` control API: commands, inspection, tokens, app-proxy signing and load. */
export interface DevRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  remoteLoopback: boolean;
}

export interface DevContext {
  commands: Commands;
  tokens: TokenStore;
  options: ResolvedOptions;
  baseUrl: string;
}

type Handler = (req: DevRequest, ctx: DevContext, params: string[]) => Promise<HttpResult> | HttpResult;

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const result = schema.safeParse(body);
  if (!result.success) throw new HttpError(400, "Invalid request body", result.error.issues);
  return result.data;
}

function controlsOf(body: {
  duplicate?: number | undefined;
  delayMs?: number | undefined;
  deliver?: boolean | undefined;
}): DeliveryControls {
  return { duplicate: body.duplicate, delayMs: body.delayMs, deliver: body.deliver };
}

export function deliveryView(delivery: Delivery, withBody = true) {
  return {
    webhookId: delivery.webhookId,
    eventId: delivery.eventId,
    topic: delivery.topic,
    shop: delivery.shopDomain,
    apiVersion: delivery.apiVersion,
    triggeredAt: delivery.triggeredAt,
    status: delivery.status,
    duplicateOf: delivery.duplicateOf,
    nextAttemptAt: delivery.nextAttemptAt,
    attempts: delivery.attempts,
    ...(withBody ? { body: delivery.body } : {}),
  };
}

const summary = (deliveries: Delivery[]) => deliveries.map((d) => deliveryView(d, false));

function shopView(shop: Shop) {
  return {
    id: shop.id,
    gid: gid("Shop", shop.id),
    domain: shop.domain,
    name: shop.name,
    currencyCode: shop.currencyCode,
    ianaTimezone: shop.ianaTimezone,
    planName: shop.planName,
  };
}

function orderResult(ctx: DevContext, order: Order) {
  const shop = ctx.commands.state.requireShop(order.shopDomain);
  return orderPayload(shop, order);
}

const ROUTES: [string, RegExp, Handler][] = [
  ["GET", /^\/_dev\/health$/, () => ({ status: 200, json: { ok: true } })],
  [
    "POST",
    /^\/_dev\/shops$/,
    (req, ctx) => ({
      status: 201,
      json: { shop: shopView(ctx.commands.createShop(parse(createShopSchema, req.body))) },
    }),
  ],
  [
    "GET",
    /^\/_dev\/shops\/([^/]+)$/,
    (_req, ctx, [domain]) => {
      const shop = ctx.commands.state.requireShop(domain ?? "");
      return {
        status: 200,
        json: {
          shop: shopView(shop),
          customers: shop.customers.size,
          orders: shop.orders.size,
          discounts: [...shop.discounts.values()],
          storeCreditAccounts: [...shop.storeCreditAccounts.values()],
          metafields: [...shop.customers.values()].flatMap((c) =>
            [...c.metafields.values()].map((m) => ({ ownerId: gid("Customer", c.id), ...m })),
          ),
          appMetafields: [...shop.appMetafields.values()].map((m) => ({
            ownerId: gid("AppInstallation", shop.id),
            ...m,
          })),
          flowTriggers: shop.flowTriggers,
          subscriptions: [...shop.subscriptions.values()],
          throttleStatus: shop.bucket.status(),
        },
      };
    },
  ],
  [
    "POST",
    /^\/_dev\/shops\/([^/]+)\/uninstall$/,
    (req, ctx, [domain]) => {
      const { result, deliveries } = ctx.commands.uninstall(
        domain ?? "",
        controlsOf(parse(shopGdprSchema.partial(), req.body)),
      );
      return { status: 200, json: { ...result, deliveries: summary(deliveries) } };
    },
  ],
  [
    "POST",
    /^\/_dev\/customers$/,
    (req, ctx) => {
      const body = parse(createCustomerSchema, req.body);
      const { result, deliveries } = ctx.commands.createCustomer(body, controlsOf(body));
      return {
        status: 201,
        json: {
          customer: { id: result.id, gid: gid("Customer", result.id), email: result.email },
          deliveries: summary(deliveries),
        },
      };
    },
  ],
  [
    "POST",
    /^\/_dev\/orders$/,
    (req, ctx) => {
      const body = parse(createOrderSchema, req.body);
      const { result, deliveries } = ctx.commands.createOrder(body, controlsOf(body));
      return { status: 201, json: { order: orderResult(ctx, result), deliveries: summary(deliveries) } };
    },
  ],
  [
    "POST",
    /^\/_dev\/orders\/(\d+)\/refunds$/,
    (req, ctx, [id]) => {
      const body = parse(refundSchema, req.body);
      const { result, deliveries } = ctx.commands.refund(Number(id), body, controlsOf(body));
      return {
        status: 201,
        json: {
          refund: { id: result.id, amount: (result.amountCents / 100).toFixed(2) },
          deliveries: summary(deliveries),
        },
      };
    },
  ],
  [
    "POST",
    /^\/_dev\/orders\/(\d+)\/cancel$/,
    (req, ctx, [id]) => {
      const body = parse(cancelSchema, req.body);
      const { result, deliveries } = ctx.commands.cancel(Number(id), body, controlsOf(body));
      return { status: 200, json: { order: orderResult(ctx, result), deliveries: summary(deliveries) } };
    },
  ],
  [
    "POST",
    /^\/_dev\/gdpr\/customers-data-request$/,
    (req, ctx) => {
      const body = parse(customerGdprSchema, req.body);
      const { result, deliveries } = ctx.commands.customersDataRequest(
        body.shop,
        body.customerId,
        controlsOf(body),
      );
      return { status: 200, json: { ...result, deliveries: summary(deliveries) } };
    },
  ],
  [
    "POST",
    /^\/_dev\/gdpr\/customers-redact$/,
    (req, ctx) => {
      const body = parse(customerGdprSchema, req.body);
      const { result, deliveries } = ctx.commands.customersRedact(
        body.shop,
        body.customerId,
        controlsOf(body),
      );
      return { status: 200, json: { ...result, deliveries: summary(deliveries) } };
    },
  ],
  [
    "POST",
    /^\/_dev\/gdpr\/shop-redact$/,
    (req, ctx) => {
      const body = parse(shopGdprSchema, req.body);
      const { result, deliveries } = ctx.commands.shopRedact(body.shop, controlsOf(body));
      return { status: 200, json: { ...result, deliveries: summary(deliveries) } };
    },
  ],
  [
    "GET",
    /^\/_dev\/deliveries$/,
    (req, ctx) => {
      const topic = req.query.get("topic");
      const status = req.query.get("status");
      const shop = req.query.get("shop");
      const withBody = req.query.get("body") !== "0";
      const list = ctx.commands.dispatcher.deliveries.filter(
        (d) =>
          (!topic || d.topic === topic) &&
          (!status || d.status === status) &&
          (!shop || d.shopDomain === shop),
      );
      return { status: 200, json: { deliveries: list.map((d) => deliveryView(d, withBody)) } };
    },
  ],
  [
    "POST",
    /^\/_dev\/deliveries\/release$/,
    async (req, ctx) => {
      const body = parse(releaseSchema, req.body);
      const released = await ctx.commands.dispatcher.release(body.order, body.seed, {
        sequential: body.wait !== false,
      });
      return { status: 200, json: { released: summary(released) } };
    },
  ],
  [
    "POST",
    /^\/_dev\/deliveries\/flush$/,
    async (_req, ctx) => {
      await ctx.commands.dispatcher.deliverPending();
      return { status: 200, json: { ok: true } };
    },
  ],
  [
    "POST",
    /^\/_dev\/session-token$/,
    async (req, ctx) => {
      const body = parse(sessionTokenSchema, req.body);
      ctx.commands.state.requireShop(body.shop);
      const token = await mintSessionToken({
        ...body,
        apiKey: ctx.options.apiKey,
        apiSecret: ctx.options.apiSecret,
      });
      return { status: 200, json: { token } };
    },
  ],
  [
    "POST",
    /^\/_dev\/access-token$/,
    (req, ctx) => {
      // A shortcut for scripts and tests that need Admin API access without a token exchange.
      const body = parse(accessTokenSchema, req.body);
      ctx.commands.state.requireShop(body.shop);
      const json = body.expiring
        ? ctx.tokens.issuePair(body.shop, ctx.options.scopes)
        : ctx.tokens.issueNonExpiring(body.shop, ctx.options.scopes);
      return { status: 200, json };
    },
  ],
  [
    "GET",
    /^\/_dev\/frame$/,
    async (req, ctx) => {
      const shop = req.query.get("shop") ?? ctx.options.shops[0]?.domain ?? "";
      ctx.commands.state.requireShop(shop);
      const idToken = await mintSessionToken({
        shop,
        kind: "admin",
        apiKey: ctx.options.apiKey,
        apiSecret: ctx.options.apiSecret,
      });
      return { status: 200, html: devFrameHtml({ appUrl: ctx.options.appUrl, shop, idToken }) };
    },
  ],
  [
    "GET",
    /^\/_dev\/storefront$/,
    (req, ctx) => {
      const shop = ctx.commands.state.requireShop(
        req.query.get("shop") ?? ctx.options.shops[0]?.domain ?? "",
      );
      return renderStorefrontPreview(shop, parsePreviewQuery(req.query), ctx.options);
    },
  ],
  [
    "GET",
    /^\/_dev\/storefront\/assets\/([^/]+)$/,
    (_req, ctx, [file]) => serveThemeAsset(file ?? "", ctx.options),
  ],
  [
    "GET",
    /^\/_dev\/pos$/,
    (req, ctx) => {
      const shop = ctx.commands.state.requireShop(
        req.query.get("shop") ?? ctx.options.shops[0]?.domain ?? "",
      );
      return renderPosPreview(shop, parsePosPreviewQuery(req.query));
    },
  ],
  [
    "GET",
    /^\/_dev\/pos\/assets\/([^/]+)$/,
    (_req, ctx, [file]) => servePosPreviewAsset(file ?? "", ctx.options),
  ],
  // The checkout / customer-account extension preview (extension-preview.ts).
  ...(["", "/frame"] as const).map((suffix): [string, RegExp, Handler] => [
    "GET",
    new RegExp(`^/_dev/extension${suffix}$`),
    (req, ctx) => {
      const shop = ctx.commands.state.requireShop(
        req.query.get("shop") ?? ctx.options.shops[0]?.domain ?? "",
      );
      return renderExtensionPreview(shop, parseExtensionPreviewQuery(req.query), suffix === "/frame");
    },
  ]),
  ["GET", /^\/_dev\/extension\/shim\.js$/, () => serveExtensionShim()],
  [
    "GET",
    /^\/_dev\/extension\/assets\/([^/]+)$/,
    (_req, ctx, [file]) => serveExtensionBundle(file ?? "", ctx.options),
  ],
  [
    "POST",
    /^\/_dev\/extension\/discount-codes$/,
    (req, ctx) => ({
      status: 200,
      json: judgeCheckoutCode(ctx.commands.state, parse(checkoutCodeSchema, req.body)),
    }),
  ],
  [
    "POST",
    /^\/_dev\/app-proxy\/sign$/,
    (req, ctx) => {
      const body = parse(appProxySchema, req.body);
      const signed = signAppProxyRequest(
        { ...body, proxyUrl: body.proxyUrl ?? ctx.options.appProxyUrl },
        ctx.options.apiSecret,
      );
      return { status: 200, json: signed };
    },
  ],
  [
    "POST",
    /^\/_dev\/load$/,
    async (req, ctx) => {
      if (!req.remoteLoopback) throw new HttpError(403, "load generation is loopback only");
      if (!isLoopbackUrl(ctx.options.webhookUrl))
        throw new HttpError(403, "load generation only targets a loopback webhook URL");
      const body = parse(loadSchema, req.body);
      try {
        return { status: 200, json: await generateLoad(ctx, body) };
      } catch (error) {
        if (error instanceof RangeError) throw new HttpError(400, error.message);
        throw error;
      }
    },
  ],
];

export async function handleDevRequest(req: DevRequest, ctx: DevContext): Promise<HttpResult | undefined> {
  for (const [method, pattern, handler] of ROUTES) {
    const match = pattern.exec(req.path);
    if (!match) continue;
    if (method !== req.method) continue;
    return handler(
      req,
      ctx,
      match.slice(1).map((p) => decodeURIComponent(p)),
    );
  }
  return undefined;
}
