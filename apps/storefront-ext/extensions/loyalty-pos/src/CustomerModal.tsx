import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/pos.customer-details.action.render";
import { render } from "preact";
import type { PosHost, WithCart } from "../../../src/pos/host";
import { createPosServices, customerRef } from "../../../src/pos/setup";
import { LoyaltyApp } from "../../../src/pos/ui/loyalty-app";

export default async () => {
  const api = shopify as unknown as Api;
  const host: PosHost & WithCart = api;
  const controller = createPosServices(host).controller({ cart: host.cart });
  render(
    <LoyaltyApp controller={controller} initialCustomer={customerRef(api.customer.id)} hasCart />,
    document.body,
  );
};
