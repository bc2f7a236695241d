import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/customer-account.profile.block.render";
import { render } from "preact";
import type { AccountHost } from "../../../src/account/apps";
import { ProfileBlockApp } from "../../../src/account/apps";

/** `customer-account.profile.block.render`: balance and a link to the loyalty page. */
export default async function extension() {
  const host: AccountHost = (globalThis as unknown as { shopify: Api }).shopify;
  render(<ProfileBlockApp host={host} />, document.body);
}
