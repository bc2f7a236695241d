import { WEBHOOK_PAYLOAD_SCHEMAS, type WebhookPayload, type WebhookPayloadTopic } from "@loyalnest/shopify";
import type { z } from "zod";
import type { HandlerContext, HandlerOutcome } from "./handler-context";

/** A topic's handler: its payload schema and a thin adapter from the parsed payload to the services. */
export interface WebhookHandler<P = unknown> {
  topic: WebhookPayloadTopic;
  schema: z.ZodType<P>;
  /**
   * Whether it still runs once the shop is uninstalled. "app/uninstalled: stop all work for the
   * shop at once" — except the compliance topics, which Shopify sends after uninstalling.
   */
  runsForInactiveShop: boolean;
  handle(ctx: HandlerContext, payload: P): Promise<HandlerOutcome>;
}

export function defineHandler<T extends WebhookPayloadTopic>(
  topic: T,
  handle: (ctx: HandlerContext, payload: WebhookPayload<T>) => Promise<HandlerOutcome>,
  options: { runsForInactiveShop?: boolean } = {},
): WebhookHandler<WebhookPayload<T>> {
  return {
    topic,
    schema: WEBHOOK_PAYLOAD_SCHEMAS[topic] as unknown as z.ZodType<WebhookPayload<T>>,
    runsForInactiveShop: options.runsForInactiveShop ?? false,
    handle,
  };
}
