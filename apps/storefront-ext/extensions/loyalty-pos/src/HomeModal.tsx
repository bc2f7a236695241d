import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/pos.home.modal.render";
import { render } from "preact";
import type { PosHost, WithCart } from "../../../src/pos/host";
import { createPosServices, customerRef } from "../../../src/pos/setup";
import { LoyaltyApp } from "../../../src/pos/ui/loyalty-app";

export default async () => {
  const host: PosHost & WithCart = shopify as unknown as Api;
  const controller = createPosServices(host).controller({ cart: host.cart });
  render(
    <LoyaltyApp
      controller={controller}
      initialCustomer={customerRef(host.cart.current.value.customer?.id)}
      hasCart
    />,
    document.body,
  );
};
