import type { SignalLike } from "../ui-ext/signals";

/**
 * The part of Shopify's checkout extension API (`purchase.checkout.block.render`, 2026-01+) the
 * redeem block uses, as plain interfaces: the entry module passes `shopify` (its `Api` type must
 * satisfy these), tests and the preview pass stand-ins.
 */
export interface Money {
  /** Major units, as Shopify gives them (e.g. 42.5). */
  amount: number;
  currencyCode: string;
}

export type DiscountCodeChange =
  { type: "addDiscountCode"; code: string } | { type: "removeDiscountCode"; code: string };
export type DiscountCodeChangeResult = { type: "success" } | { type: "error"; message: string };

export interface CheckoutDiscountHost {
  cost: { subtotalAmount: SignalLike<Money> };
  discountCodes: SignalLike<readonly { code: string }[]>;
  /** Applied discounts; a code that is on the checkout but has no allocation did not apply. */
  discountAllocations: SignalLike<readonly { type: string; code?: string }[]>;
  instructions: SignalLike<{ discounts: { canUpdateDiscountCodes: boolean } }>;
  applyDiscountCodeChange(change: DiscountCodeChange): Promise<DiscountCodeChangeResult>;
}

export interface SessionHost {
  sessionToken: { get(): Promise<string> };
}
