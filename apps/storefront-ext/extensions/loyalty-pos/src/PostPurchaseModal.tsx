import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/pos.purchase.post.action.render";
import { render } from "preact";
import type { PosHost } from "../../../src/pos/host";
import { createPosServices, customerRef } from "../../../src/pos/setup";
import { LoyaltyApp } from "../../../src/pos/ui/loyalty-app";

/** After the sale: the order's points arrive when it is paid; redeem (a code to hand over) or award. */
export default async () => {
  const api = shopify as unknown as Api;
  const host: PosHost = api;
  const controller = createPosServices(host).controller();
  render(
    <LoyaltyApp
      controller={controller}
      initialCustomer={customerRef(api.order.customerId)}
      subheading={`Order ${api.order.name}: its points are credited when it is paid`}
      hasCart={false}
    />,
    document.body,
  );
};
