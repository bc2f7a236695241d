import type { Database } from "@loyalnest/db";
import { verifyWebhook } from "@loyalnest/shopify";
import type { PgBoss } from "pg-boss";
import { DeliveryRecorder } from "./delivery-recorder";
import { ShopDirectory } from "./shop-directory";

/** The topics LoyalNest subscribes to (shopify.app.toml); anything else is refused. */
export const WEBHOOK_TOPICS = [
  "orders/paid",
  "orders/updated",
  "orders/cancelled",
  "refunds/create",
  "customers/create",
  "customers/update",
  "customers/delete",
  "app/uninstalled",
  "app_subscriptions/update",
  "customers/data_request",
  "customers/redact",
  "shop/redact",
] as const;

/** Shopify's payloads are small; a larger body is not one of them. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

export interface IngestDeps {
  shops: ShopDirectory;
  recorder: DeliveryRecorder;
  secret: string;
}

/** The edge's collaborators for one process: a shop directory and a group-committing recorder. */
export const createIngestDeps = (db: Database, boss: PgBoss, secret: string): IngestDeps => ({
  shops: new ShopDirectory(db),
  recorder: new DeliveryRecorder(db, boss),
  secret,
});

export interface IngestResult {
  status: 200 | 400 | 401 | 413 | 503;
  body: { ok: boolean; outcome?: "accepted" | "duplicate" | "unknown_shop"; error?: string };
}

const refuse = (status: IngestResult["status"], error: string): IngestResult => ({
  status,
  body: { ok: false, error },
});
const accept = (outcome: NonNullable<IngestResult["body"]["outcome"]>): IngestResult => ({
  status: 200,
  body: { ok: true, outcome },
});

/**
 * The webhook edge: verify the HMAC on the raw body (401, nothing stored), check size, topic and
 * JSON, then record the delivery and enqueue its job in one transaction (a repeated event id is
 * acknowledged and dropped; concurrent deliveries share the commit, see DeliveryRecorder). No
 * business work happens here, so Shopify gets its 200 fast; if the database is down the answer
 * is 503 and Shopify retries.
 */
export async function ingestWebhook(
  deps: IngestDeps,
  request: { rawBody: Buffer; headers: Headers | Record<string, string | string[] | undefined> },
): Promise<IngestResult> {
  if (request.rawBody.length > MAX_WEBHOOK_BODY_BYTES)
    return refuse(413, "webhook body is larger than 1 MiB");
  const verified = verifyWebhook({ rawBody: request.rawBody, headers: request.headers, secret: deps.secret });
  if (!verified.ok) {
    const unauthenticated = ["missing_hmac", "malformed_hmac", "invalid_hmac"].includes(verified.reason);
    return refuse(unauthenticated ? 401 : 400, verified.message);
  }
  const { delivery } = verified;
  if (!(WEBHOOK_TOPICS as readonly string[]).includes(delivery.topic)) {
    return refuse(400, `topic ${delivery.topic} is not one LoyalNest subscribes to`);
  }
  let payload: unknown;
  try {
    payload = JSON.parse(request.rawBody.toString("utf8"));
  } catch {
    return refuse(400, "webhook body is not valid JSON");
  }

  try {
    const shopId = await deps.shops.shopIdFor(delivery.shopDomain);
    // A shop that is not installed (or already erased) has nothing for us to do; Shopify must not retry.
    if (!shopId) return accept("unknown_shop");
    const outcome = await deps.recorder.record({
      shopId,
      eventId: delivery.eventId,
      webhookId: delivery.webhookId,
      topic: delivery.topic,
      apiVersion: delivery.apiVersion,
      triggeredAt: delivery.triggeredAt,
      payload: payload as object,
    });
    return accept(outcome);
  } catch {
    return refuse(503, "LoyalNest cannot store the delivery right now; Shopify will retry");
  }
}
