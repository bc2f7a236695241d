import http from "node:http";
import type { AddressInfo } from "node:net";
import { Commands } from "./commands";
import type { DevContext } from "./dev-routes";
import { LeakyBucket } from "./graphql/bucket";
import { appIdFor } from "./graphql/namespace";
import { HttpError, send } from "./http";
import type { StandInOptions } from "./options";
import { resolveOptions } from "./options";
import { route } from "./router";
import { StandInState, BadRequestError, NotFoundError } from "./state";
import { TokenStore } from "./tokens/token-store";
import { WebhookDispatcher } from "./webhooks/dispatcher";

/** A running stand-in. */
export interface ShopifyStandIn {
  url: string;
  port: number;
  state: StandInState;
  commands: Commands;
  dispatcher: WebhookDispatcher;
  tokens: TokenStore;
  /** Releases held deliveries, fires delayed ones and retries now, and waits until none is pending. */
  deliverPending(): Promise<void>;
  close(): Promise<void>;
}

export async function startShopifyStandIn(options: StandInOptions = {}): Promise<ShopifyStandIn> {
  const resolved = resolveOptions(options);
  const state = new StandInState(
    () => new LeakyBucket(resolved.bucketSize, resolved.restoreRate),
    appIdFor(resolved.apiKey),
  );
  const tokens = new TokenStore(resolved.accessTokenTtlSeconds, resolved.refreshTokenTtlSeconds);
  const dispatcher = new WebhookDispatcher({
    webhookUrl: resolved.webhookUrl,
    apiSecret: resolved.apiSecret,
    apiVersion: resolved.apiVersion,
    retryScale: resolved.retryScale,
    connectTimeoutMs: resolved.connectTimeoutMs,
    deliveryTimeoutMs: resolved.deliveryTimeoutMs,
  });
  const commands = new Commands(state, dispatcher, tokens, resolved);
  for (const shop of resolved.shops) commands.createShop(shop);

  const ctx: DevContext = { commands, tokens, options: resolved, baseUrl: "" };
  const server = http.createServer((req, res) => {
    route(req, ctx)
      .then((result) => send(res, result))
      .catch((error: unknown) => send(res, errorResult(error)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, resolved.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${resolved.host.includes(":") ? `[${resolved.host}]` : resolved.host}:${port}`;
  ctx.baseUrl = url;

  return {
    url,
    port,
    state,
    commands,
    dispatcher,
    tokens,
    deliverPending: () => dispatcher.deliverPending(),
    close: async () => {
      await dispatcher.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function errorResult(error: unknown) {
  if (error instanceof HttpError)
    return {
      status: error.status,
      json: { error: error.message, ...(error.details ? { details: error.details } : {}) },
    };
  if (error instanceof NotFoundError) return { status: 404, json: { error: error.message } };
  if (error instanceof BadRequestError) return { status: 400, json: { error: error.message } };
  console.error("shopify-dev: request failed", error);
  return { status: 500, json: { error: "internal error" } };
}
