import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/customer-account.order-status.block.render";
import { render } from "preact";
import type { OrderStatusHost } from "../../../src/checkout/apps";
import { OrderStatusApp } from "../../../src/checkout/apps";

/** `customer-account.order-status.block.render`. */
export default async function extension() {
  const host: OrderStatusHost = (globalThis as unknown as { shopify: Api }).shopify;
  render(<OrderStatusApp host={host} />, document.body);
}
