import { assertInteger } from "../money";
import type { PurchaseBasis } from "../earning";

/**
 * Everything refunded on an order so far, **this refund included**. Working from cumulative
 * totals (not per-refund amounts) means rounding never drifts: refunding an order in three
 * parts takes back exactly what refunding it at once would.
 */
export interface CumulativeRefund {
  /** Units refunded per line item id. */
  lineQuantities: Readonly<Record<string, number>>;
  /** Shipping refunded, shop minor units. Counts only when the shop's basis includes shipping. */
  shippingMinor: number;
  /** Tip refunded, shop minor units. Counts only when the shop's basis includes tips. */
  tipMinor: number;
}

/**
 * The part of the order's earning basis refunded so far: each line's basis share for the units
 * refunded (floor, per line), plus refunded shipping and tips up to what they added to the
 * basis. Lines that did not earn (gift cards, excluded products) refund no basis, so refunding
 * them claws nothing back.
 */
export function refundedBasisMinor(basis: PurchaseBasis, refunded: CumulativeRefund): number {
  let total = 0;
  for (const line of basis.lines) {
    const units = refunded.lineQuantities[line.lineItemId] ?? 0;
    assertInteger(units, "refunded quantity");
    if (units <= 0 || line.basisMinor === 0 || line.quantity <= 0) continue;
    const share = BigInt(line.basisMinor) * BigInt(Math.min(units, line.quantity));
    total += Number(share / BigInt(line.quantity));
  }
  assertInteger(refunded.shippingMinor, "refunded shipping");
  assertInteger(refunded.tipMinor, "refunded tip");
  total += Math.min(Math.max(0, refunded.shippingMinor), basis.shippingBasisMinor);
  total += Math.min(Math.max(0, refunded.tipMinor), basis.tipBasisMinor);
  return Math.min(total, basis.basisMinor);
}
