import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/pos.home.tile.render";
import { render } from "preact";
import type { PosHost, WithAction } from "../../../src/pos/host";
import { createPosServices } from "../../../src/pos/setup";
import { HomeTile } from "../../../src/pos/ui/targets";

export default async () => {
  const host: PosHost & WithAction = shopify as unknown as Api;
  render(<HomeTile host={host} services={createPosServices(host)} />, document.body);
};
