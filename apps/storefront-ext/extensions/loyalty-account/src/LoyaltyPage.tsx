import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/customer-account.page.render";
import { render } from "preact";
import type { AccountHost } from "../../../src/account/apps";
import { LoyaltyPageApp } from "../../../src/account/apps";

/** `customer-account.page.render`: the loyalty hub. */
export default async function extension() {
  const host: AccountHost = (globalThis as unknown as { shopify: Api }).shopify;
  render(<LoyaltyPageApp host={host} />, document.body);
}
