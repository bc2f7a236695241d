/**
 * The slice of a Shopify order that earning needs, already reduced to **shop-currency** minor
 * units (`*_set.shop_money`), so a multi-currency store earns the same for the same purchase.
 */

/** Where an order was placed. Shopify's `source_name` "pos" maps to `pos`; everything else is `online`. */
export type SalesChannel = "online" | "pos";

export interface OrderLineItem {
  id: string;
  quantity: number;
  /** Unit price × quantity before any discount, shop currency minor units. */
  grossMinor: number;
  /**
   * Every discount allocated to this line: its own line discounts plus its share of order-level
   * discounts (Shopify's `discount_allocations`), so the sum over lines is the order's discount.
   */
  discountMinor: number;
  /** Tax charged on this line. Inside `grossMinor` when the order's prices include tax. */
  taxMinor: number;
  /** A gift card sold as a line item (buying a gift card is not a purchase of goods yet). */
  giftCard: boolean;
  productTags: readonly string[];
  collectionIds: readonly string[];
}

export interface OrderShipping {
  grossMinor: number;
  discountMinor: number;
  taxMinor: number;
}

export interface EarningOrder {
  id: string;
  /** Null for a guest checkout. */
  customerId: string | null;
  /** The shop currency every amount below is expressed in. */
  currency: string;
  channel: SalesChannel;
  /** When the order was placed (not paid): tiers and campaigns are read at this instant. */
  placedAt: Date;
  /** Shopify's `taxes_included`: line and shipping prices already contain their tax. */
  taxesIncluded: boolean;
  lineItems: readonly OrderLineItem[];
  shipping: OrderShipping;
  tipMinor: number;
}

/** Shopify tags are case-insensitive; compare them trimmed and lower-cased. */
export const normalizeTag = (tag: string) => tag.trim().toLowerCase();

/** True when any of `tags` is in `excluded`, ignoring case and surrounding blanks. */
export function hasAnyTag(tags: readonly string[], excluded: readonly string[]): boolean {
  if (excluded.length === 0) return false;
  const wanted = new Set(excluded.map(normalizeTag));
  return tags.some((t) => wanted.has(normalizeTag(t)));
}
