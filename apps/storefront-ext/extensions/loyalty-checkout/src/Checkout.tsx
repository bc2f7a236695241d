import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/purchase.checkout.block.render";
import { render } from "preact";
import type { CheckoutHost } from "../../../src/checkout/apps";
import { CheckoutApp } from "../../../src/checkout/apps";

/** `purchase.checkout.block.render` (Shopify Plus). */
export default async function extension() {
  const host: CheckoutHost = (globalThis as unknown as { shopify: Api }).shopify;
  render(<CheckoutApp host={host} />, document.body);
}
