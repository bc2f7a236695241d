import type { WebhookHandler } from "./define-handler";
import { appSubscriptionsUpdateHandler } from "./app-subscriptions-update";
import { appUninstalledHandler } from "./app-uninstalled";
import { customersCreateHandler } from "./customers-create";
import { customersDataRequestHandler } from "./customers-data-request";
import { customersDeleteHandler } from "./customers-delete";
import { customersRedactHandler } from "./customers-redact";
import { customersUpdateHandler } from "./customers-update";
import { ordersCancelledHandler } from "./orders-cancelled";
import { ordersPaidHandler } from "./orders-paid";
import { ordersUpdatedHandler } from "./orders-updated";
import { refundsCreateHandler } from "./refunds-create";
import { shopRedactHandler } from "./shop-redact";

/** Every topic LoyalNest subscribes to and its handler; a topic missing here is a permanent error. */
const HANDLERS: readonly WebhookHandler<never>[] = [
  ordersPaidHandler,
  ordersUpdatedHandler,
  ordersCancelledHandler,
  refundsCreateHandler,
  customersCreateHandler,
  customersUpdateHandler,
  customersDeleteHandler,
  appUninstalledHandler,
  appSubscriptionsUpdateHandler,
  customersDataRequestHandler,
  customersRedactHandler,
  shopRedactHandler,
] as unknown as readonly WebhookHandler<never>[];

export const WEBHOOK_HANDLERS: ReadonlyMap<string, WebhookHandler<unknown>> = new Map(
  HANDLERS.map((handler) => [handler.topic, handler as unknown as WebhookHandler<unknown>]),
);

export const handlerFor = (topic: string): WebhookHandler<unknown> | undefined => WEBHOOK_HANDLERS.get(topic);
