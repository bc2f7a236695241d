import type { RefundInput, ShopRules } from "@loyalnest/db";
import { lineExclusion, netOfPart } from "@loyalnest/domain";
import type { RefundLineItemPayload, RefundPayload } from "@loyalnest/shopify";
import { toEarningLine } from "./order-mapping";

/**
 * A Shopify refund → the services' `RefundInput`. The refunded basis is what the refunded units
 * had added to the order's purchase basis: each line's net (after its discount allocations; tax
 * only where the shop counts taxes; nothing for gift cards or excluded products) × the refunded
 * share of its quantity, floored per line; plus refunded shipping only where the shop counts
 * shipping. The service caps the total at the order's basis.
 */
export function toRefundInput(refund: RefundPayload, rules: ShopRules): RefundInput {
  const basis = rules.purchase.basis;
  const lines = refund.refund_line_items.reduce((total, item) => total + lineBasis(item, rules), 0);
  const shippingMinor = refundedShipping(refund);
  return {
    shopifyRefundId: refund.id,
    shopifyOrderId: refund.order_id,
    refundedMinor: refundedMoney(refund, shippingMinor),
    refundedBasisMinor: lines + (basis.includeShipping ? shippingMinor : 0),
    refundedAt: refund.processed_at ?? refund.created_at,
  };
}

function lineBasis(item: RefundLineItemPayload, rules: ShopRules): number {
  const settings = rules.purchase.basis;
  const taxMinor = item.total_tax_set?.amountMinor ?? 0;
  if (!item.line_item || item.line_item.quantity === 0) {
    // Without the original line only the refund's own subtotal (after discounts) is known.
    return Math.max(0, item.subtotal_set.amountMinor + (settings.includeTaxes ? taxMinor : 0));
  }
  const line = toEarningLine(item.line_item);
  if (lineExclusion(line, settings, rules.purchase.rule)) return 0;
  // The refund does not say whether prices included tax; refunds are read as tax-exclusive.
  const net = netOfPart(line, false, settings);
  const units = Math.min(item.quantity, line.quantity);
  return Number((BigInt(net) * BigInt(units)) / BigInt(line.quantity));
}

/** Shipping given back: an order adjustment of kind `shipping_refund` (negative) or `refund_shipping_lines`. */
function refundedShipping(refund: RefundPayload): number {
  const adjustments = refund.order_adjustments
    .filter((a) => a.kind === "shipping_refund")
    .reduce((total, a) => total + Math.abs(a.amount_set.amountMinor), 0);
  const lines = refund.refund_shipping_lines.reduce(
    (total, l) => total + l.subtotal_amount_set.amountMinor,
    0,
  );
  return adjustments + lines;
}

/** Money refunded in the shop currency: lines, their tax, and shipping. */
function refundedMoney(refund: RefundPayload, shippingMinor: number): number {
  const lines = refund.refund_line_items.reduce(
    (total, item) => total + item.subtotal_set.amountMinor + (item.total_tax_set?.amountMinor ?? 0),
    0,
  );
  return lines + shippingMinor;
}
