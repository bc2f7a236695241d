import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/pos.customer-details.block.render";
import { render } from "preact";
import type { PosHost, WithAction } from "../../../src/pos/host";
import { createPosServices, customerRef } from "../../../src/pos/setup";
import { CustomerBlock } from "../../../src/pos/ui/targets";

export default async () => {
  const api = shopify as unknown as Api;
  const host: PosHost & WithAction = api;
  render(
    <CustomerBlock host={host} services={createPosServices(host)} customer={customerRef(api.customer.id)} />,
    document.body,
  );
};
