import { blindIndex, type PaidOrder, type PiiKeyring } from "@loyalnest/db";
import type { OrderLineItem } from "@loyalnest/domain";
import {
  parseMoneyMinor,
  type AddressPayload,
  type MinorMoney,
  type OrderLineItemPayload,
  type OrderPayload,
} from "@loyalnest/shopify";

/**
 * Shopify's order payload → the services' `PaidOrder`, all in shop-currency minor units (from
 * `*_set.shop_money`, never the presentment amounts).
 */

const sum = (amounts: readonly MinorMoney[]) => amounts.reduce((total, m) => total + m.amountMinor, 0);

/** One line as earning reads it: gross, every discount allocated to it, its tax. */
export function toEarningLine(line: OrderLineItemPayload): OrderLineItem {
  return {
    id: String(line.id),
    quantity: line.quantity,
    grossMinor: line.price_set.amountMinor * line.quantity,
    discountMinor: sum(line.discount_allocations.map((a) => a.amount_set)),
    taxMinor: sum(line.tax_lines.map((t) => t.price_set)),
    giftCard: line.gift_card,
    productTags: line.product_tags ?? [],
    collectionIds: [],
  };
}

function shipping(order: OrderPayload) {
  return order.shipping_lines.reduce(
    (total, line) => {
      // Shopify reports shipping discounts as allocations; some payloads only give the discounted price.
      const allocated = sum(line.discount_allocations.map((a) => a.amount_set));
      const byPrice = line.discounted_price_set
        ? line.price_set.amountMinor - line.discounted_price_set.amountMinor
        : 0;
      return {
        grossMinor: total.grossMinor + line.price_set.amountMinor,
        discountMinor: total.discountMinor + Math.max(allocated, byPrice),
        taxMinor: total.taxMinor + sum(line.tax_lines.map((t) => t.price_set)),
      };
    },
    { grossMinor: 0, discountMinor: 0, taxMinor: 0 },
  );
}

/** The shop currency: every `shop_money` of the order is in it. */
export const shopCurrencyOf = (order: OrderPayload) => order.total_price_set.currency;

/**
 * Tips have no `_set` twin: the plain amount is in the presentment currency, so it is read only
 * when that is the shop currency (otherwise the tip counts as 0, which only matters to shops
 * that include tips in the basis).
 */
function tipMinor(order: OrderPayload): number {
  const currency = shopCurrencyOf(order);
  const presentment = order.presentment_currency?.toUpperCase() ?? currency;
  if (order.total_tip_received === null || order.total_tip_received === undefined) return 0;
  return presentment === currency ? parseMoneyMinor(order.total_tip_received, currency) : 0;
}

/** `?ref=CODE` on the page the shopper landed on (§9), if any. */
export function referralCodeOf(landingSite: string | null): string | null {
  if (!landingSite) return null;
  try {
    const code = new URL(landingSite, "https://landing.invalid").searchParams.get("ref");
    return code && code.trim() !== "" ? code.trim() : null;
  } catch {
    return null;
  }
}

/** Keyed hash of a shipping address (referral fraud checks); the address itself is never stored. */
export function addressHash(keyring: PiiKeyring, address: AddressPayload): string | null {
  if (!address?.address1) return null;
  const normalized = [
    address.address1,
    address.address2,
    address.city,
    address.zip,
    address.province_code,
    address.country_code,
  ]
    .map((part) => (part ?? "").trim().toLowerCase().replace(/\s+/g, " "))
    .join("|");
  return blindIndex(keyring, "shipping_address", normalized);
}

function countryOf(order: OrderPayload): string | null {
  const code = (
    order.shipping_address?.country_code ??
    order.billing_address?.country_code ??
    order.customer?.default_address?.country_code ??
    ""
  ).toUpperCase();
  return /^[A-Z]{2}$/.test(code) ? code : null;
}

export interface OrderParties {
  customerId: number | null;
  guestEmailHash: string | null;
  shippingAddressHash: string | null;
}

/**
 * When the order was paid. `orders/paid` has no paid-at field, and the same instant must come out
 * whichever topic (paid, updated) LoyalNest sees first, so it is the order's `processed_at`
 * (Shopify's time the order was processed), falling back to `created_at`.
 */
export const paidAtOf = (order: OrderPayload) => order.processed_at ?? order.created_at;

export function toPaidOrder(order: OrderPayload, parties: OrderParties): PaidOrder {
  const lines = order.line_items.map(toEarningLine);
  const orderShipping = shipping(order);
  const currency = shopCurrencyOf(order);
  const tip = tipMinor(order);
  return {
    shopifyOrderId: order.id,
    orderName: order.name,
    customerId: parties.customerId,
    guestEmailHash: parties.customerId === null ? parties.guestEmailHash : null,
    earning: {
      currency,
      channel: order.source_name?.toLowerCase() === "pos" ? "pos" : "online",
      placedAt: order.created_at,
      taxesIncluded: order.taxes_included,
      lineItems: lines,
      shipping: orderShipping,
      tipMinor: tip,
    },
    totals: {
      subtotalMinor: order.subtotal_price_set.amountMinor,
      discountMinor:
        order.total_discounts_set?.amountMinor ??
        sum(lines.map((l) => ({ amountMinor: l.discountMinor, currency }))),
      shippingMinor: order.total_shipping_price_set?.amountMinor ?? orderShipping.grossMinor,
      taxMinor: order.total_tax_set?.amountMinor ?? 0,
      tipMinor: tip,
      giftCardMinor: lines.filter((l) => l.giftCard).reduce((total, l) => total + l.grossMinor, 0),
      totalMinor: order.total_price_set.amountMinor,
    },
    presentmentCurrency: order.presentment_currency?.toUpperCase() ?? null,
    countryCode: countryOf(order),
    discountCodes: order.discount_codes.map((d) => d.code),
    referralCode: referralCodeOf(order.landing_site),
    shippingAddressHash: parties.shippingAddressHash,
    paidAt: paidAtOf(order),
    shopifyUpdatedAt: order.updated_at,
  };
}
