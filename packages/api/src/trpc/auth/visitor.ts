/** A storefront or extension visitor; `shopifyCustomerId` is null for an anonymous one. */
export interface Visitor {
  shopifyCustomerId: string | null;
  /** Our customer row, once Shopify has told us about the customer (null until then). */
  customerId: number | null;
  via: "proxy" | "checkout" | "customer-account";
}
