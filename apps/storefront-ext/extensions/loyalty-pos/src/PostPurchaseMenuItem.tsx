import "@shopify/ui-extensions/preact";
import type { Api } from "@shopify/ui-extensions/pos.purchase.post.action.menu-item.render";
import { render } from "preact";
import type { WithAction } from "../../../src/pos/host";
import { PostPurchaseMenuItem } from "../../../src/pos/ui/targets";

export default async () => {
  const host: WithAction = shopify as unknown as Api;
  render(<PostPurchaseMenuItem host={host} />, document.body);
};
