import { assertInteger } from "../money";

/** An order's still-pending points in one ledger entry (voidable, never clawed back). */
export interface PendingOrderPoints {
  entryId: string;
  points: number;
}

/**
 * What an order has earned and what it still holds, as read from the ledger rows whose source
 * is the order. Every point credited for the order (multiplied points and campaign bonuses) is
 * counted, because a refund reverses the order's points as a whole.
 */
export interface OrderPoints {
  orderId: string;
  /** The purchase basis the order earned on (shop minor units). */
  basisMinor: number;
  /** Every point ever credited for the order, pending or available. */
  earnedPoints: number;
  /** Points already taken back from the order: clawed back or voided. */
  reversedPoints: number;
  /** The order's points that are still pending, by ledger entry. */
  pending: readonly PendingOrderPoints[];
}

/** Points the order still holds (pending plus available). */
export const heldPoints = (order: OrderPoints) => order.earnedPoints - order.reversedPoints;

export const pendingPoints = (order: OrderPoints) => order.pending.reduce((sum, p) => sum + p.points, 0);

/** Points the order still holds that are already available (and so must be clawed back). */
export const availableHeldPoints = (order: OrderPoints) => heldPoints(order) - pendingPoints(order);

export function assertOrderPoints(order: OrderPoints): void {
  assertInteger(order.basisMinor, "basisMinor");
  assertInteger(order.earnedPoints, "earnedPoints");
  assertInteger(order.reversedPoints, "reversedPoints");
  if (order.basisMinor < 0 || order.earnedPoints < 0 || order.reversedPoints < 0) {
    throw new RangeError("order points must not be negative");
  }
  if (order.reversedPoints > order.earnedPoints)
    throw new RangeError("an order cannot have lost more than it earned");
  for (const p of order.pending) {
    assertInteger(p.points, "pending points");
    if (p.points < 0) throw new RangeError("pending points must not be negative");
  }
  if (pendingPoints(order) > heldPoints(order))
    throw new RangeError("pending points exceed what the order holds");
}
