import { assertInteger } from "../money";
import type { LineExclusions } from "./basis";
import type { EarningOrder, SalesChannel } from "./order";
import { hasAnyTag } from "./order";

/** The purchase rule's eligibility filters (per shop, versioned with the rule). */
export interface EarningRule extends LineExclusions {
  /**
   * Orders whose purchase basis is below this earn nothing. Compared with the basis (what would
   * earn), not the order total, so shipping or a gift card cannot lift an order over the minimum.
   */
  minOrderMinor: number | null;
  /** A customer carrying any of these tags earns nothing (e.g. "wholesale", "staff"). */
  excludedCustomerTags: readonly string[];
  /** Channels that earn; POS earns the same as online by default. */
  channels: readonly SalesChannel[];
}

export const DEFAULT_EARNING_RULE: EarningRule = {
  minOrderMinor: null,
  productTags: [],
  collectionIds: [],
  excludedCustomerTags: [],
  channels: ["online", "pos"],
};

export type OrderIneligibility = "channel_not_eligible" | "customer_tag_excluded" | "below_minimum_order";

/**
 * Why an order earns nothing under the rule, or null when it is eligible. Product exclusions are
 * not here: they remove lines from the basis instead of refusing the order.
 */
export function orderIneligibility(
  order: Pick<EarningOrder, "channel">,
  customerTags: readonly string[],
  basisMinor: number,
  rule: EarningRule,
): OrderIneligibility | null {
  if (!rule.channels.includes(order.channel)) return "channel_not_eligible";
  if (hasAnyTag(customerTags, rule.excludedCustomerTags)) return "customer_tag_excluded";
  if (rule.minOrderMinor !== null) {
    assertInteger(rule.minOrderMinor, "minOrderMinor");
    if (basisMinor < rule.minOrderMinor) return "below_minimum_order";
  }
  return null;
}
