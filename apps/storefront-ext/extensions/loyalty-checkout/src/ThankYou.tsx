import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/purchase.thank-you.block.render";
import { render } from "preact";
import type { ThankYouHost } from "../../../src/checkout/apps";
import { ThankYouApp } from "../../../src/checkout/apps";

/** `purchase.thank-you.block.render`: Shopify calls the default export with `shopify` set for the target. */
export default async function extension() {
  const host: ThankYouHost = (globalThis as unknown as { shopify: Api }).shopify;
  render(<ThankYouApp host={host} />, document.body);
}
