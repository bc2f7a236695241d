import type { PaidOrder } from "@loyalnest/db";
import { numericId, parseMoneyMinor, type OrderNode } from "@loyalnest/shopify";

/** Shopify MoneyV2 decimal string → integer minor units of its currency, exactly (no float). */
export const toMinorUnits = (amount: string, currency: string) => parseMoneyMinor(amount, currency);

/**
 * Whether reconciliation may record the order as paid. Only `PAID` orders, not cancelled, not test:
 * a refunded or partially refunded order's "current" amounts already net the refunds, and its
 * `refunds/create` webhooks would then claw back a second time — those wait for their webhooks or
 * staff. Guest orders are left too: without the buyer's e-mail hash they could never be claimed.
 */
export function isReconcilable(order: OrderNode): boolean {
  return (
    order.financialStatus === "PAID" &&
    order.cancelledAt === null &&
    !order.test &&
    order.customerId !== null &&
    order.currentSubtotal !== null &&
    order.currentTotal !== null
  );
}

/**
 * The `orders/paid` service input from what the Admin API's order list carries. Rule chosen: the
 * list has no line items, shipping or tax split, so the order earns on its current subtotal (after
 * discounts, excluding shipping) as one line, and no discount codes are seen — what the webhook
 * would have added (product-tag exclusions, a used reward code) is not applied to a repaired order.
 */
export function paidOrderFromNode(order: OrderNode, customerId: number): PaidOrder {
  const subtotalMinor = toMinorUnits(order.currentSubtotal!.amount, order.currentSubtotal!.currencyCode);
  const totalMinor = toMinorUnits(order.currentTotal!.amount, order.currentTotal!.currencyCode);
  const paidAt = new Date(order.processedAt ?? order.createdAt);
  return {
    shopifyOrderId: numericId(order.id),
    orderName: order.name,
    customerId,
    guestEmailHash: null,
    earning: {
      currency: order.currentSubtotal!.currencyCode,
      channel: "online",
      placedAt: new Date(order.createdAt),
      taxesIncluded: false,
      lineItems: [
        {
          id: "reconciled",
          quantity: 1,
          grossMinor: subtotalMinor,
          discountMinor: 0,
          taxMinor: 0,
          giftCard: false,
          productTags: [],
          collectionIds: [],
        },
      ],
      shipping: { grossMinor: Math.max(0, totalMinor - subtotalMinor), discountMinor: 0, taxMinor: 0 },
      tipMinor: 0,
    },
    totals: {
      subtotalMinor,
      discountMinor: 0,
      shippingMinor: Math.max(0, totalMinor - subtotalMinor),
      taxMinor: 0,
      tipMinor: 0,
      giftCardMinor: 0,
      totalMinor,
    },
    presentmentCurrency: null,
    countryCode: null,
    discountCodes: [],
    referralCode: null,
    shippingAddressHash: null,
    paidAt,
    shopifyUpdatedAt: new Date(order.updatedAt),
  };
}
