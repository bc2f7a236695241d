import { assertInteger } from "../money";
import type { EarningOrder, OrderLineItem } from "./order";
import { hasAnyTag } from "./order";

/**
 * Which parts of an order count toward the purchase basis. Each is a per-shop setting; the
 * defaults give the spec's basis: the subtotal after discounts, excluding shipping, taxes, tips
 * and gift-card line items.
 */
export interface BasisSettings {
  /** Subtract discounts (line and order level). Off = earn on the pre-discount subtotal. */
  deductDiscounts: boolean;
  includeShipping: boolean;
  includeTaxes: boolean;
  includeTips: boolean;
  includeGiftCards: boolean;
}

export const DEFAULT_BASIS_SETTINGS: BasisSettings = {
  deductDiscounts: true,
  includeShipping: false,
  includeTaxes: false,
  includeTips: false,
  includeGiftCards: false,
};

/** Products a rule keeps out of the basis (the rest of the order still earns). */
export interface LineExclusions {
  productTags: readonly string[];
  collectionIds: readonly string[];
}

export const NO_LINE_EXCLUSIONS: LineExclusions = { productTags: [], collectionIds: [] };

export type LineExclusionReason = "gift_card" | "excluded_product_tag" | "excluded_collection";

export interface LineBasis {
  lineItemId: string;
  quantity: number;
  /** This line's contribution (0 when excluded). Kept so refunds can take back the same share. */
  basisMinor: number;
  excludedBy: LineExclusionReason | null;
}

export interface PurchaseBasis {
  currency: string;
  /** The total the earn rate is applied to. */
  basisMinor: number;
  lines: readonly LineBasis[];
  shippingBasisMinor: number;
  tipBasisMinor: number;
}

/** Why a line is kept out of the basis, or null when it counts. */
export function lineExclusion(
  line: OrderLineItem,
  settings: BasisSettings,
  exclusions: LineExclusions,
): LineExclusionReason | null {
  if (line.giftCard && !settings.includeGiftCards) return "gift_card";
  if (hasAnyTag(line.productTags, exclusions.productTags)) return "excluded_product_tag";
  if (
    exclusions.collectionIds.length > 0 &&
    line.collectionIds.some((c) => exclusions.collectionIds.includes(c))
  ) {
    return "excluded_collection";
  }
  return null;
}

/**
 * Net amount of one priced part (a line or the shipping) under the settings. Tax is removed when
 * prices include it and taxes are excluded, and added when prices exclude it and taxes are
 * included. Never negative: a discount larger than the price earns nothing, it does not subtract.
 */
export function netOfPart(
  part: { grossMinor: number; discountMinor: number; taxMinor: number },
  taxesIncluded: boolean,
  settings: BasisSettings,
): number {
  assertInteger(part.grossMinor, "grossMinor");
  assertInteger(part.discountMinor, "discountMinor");
  assertInteger(part.taxMinor, "taxMinor");
  let net = part.grossMinor;
  if (settings.deductDiscounts) net -= part.discountMinor;
  if (taxesIncluded && !settings.includeTaxes) net -= part.taxMinor;
  if (!taxesIncluded && settings.includeTaxes) net += part.taxMinor;
  return Math.max(0, net);
}

/**
 * The purchase basis of an order in shop-currency minor units: included lines (net of their
 * discounts and, by default, tax), plus shipping and tips when the shop counts them. Paying with
 * a gift card does not lower the basis: it is a means of payment, not a discount (the points
 * were not earned when the gift card was bought, since gift-card lines are excluded by default).
 */
export function computePurchaseBasis(
  order: EarningOrder,
  settings: BasisSettings = DEFAULT_BASIS_SETTINGS,
  exclusions: LineExclusions = NO_LINE_EXCLUSIONS,
): PurchaseBasis {
  const lines: LineBasis[] = order.lineItems.map((line) => {
    const excludedBy = lineExclusion(line, settings, exclusions);
    return {
      lineItemId: line.id,
      quantity: line.quantity,
      basisMinor: excludedBy ? 0 : netOfPart(line, order.taxesIncluded, settings),
      excludedBy,
    };
  });
  const shippingBasisMinor = settings.includeShipping
    ? netOfPart(order.shipping, order.taxesIncluded, settings)
    : 0;
  assertInteger(order.tipMinor, "tipMinor");
  const tipBasisMinor = settings.includeTips ? Math.max(0, order.tipMinor) : 0;
  const linesTotal = lines.reduce((sum, l) => sum + l.basisMinor, 0);
  return {
    currency: order.currency,
    basisMinor: linesTotal + shippingBasisMinor + tipBasisMinor,
    lines,
    shippingBasisMinor,
    tipBasisMinor,
  };
}
