import { floorDiv } from "../money";
import { DAY_MS, toLocalDate } from "../time";
import type { RfmMetrics } from "./types";

/** What RFM needs of an `order_summaries` row. */
export interface RfmOrder {
  paidAt: Date | null;
  cancelledAt: Date | null;
  /** Order total in shop-currency minor units. */
  totalMinor: number;
  /** Refunded so far, minor units. */
  refundedMinor: number;
}

/** The shop-local calendar day number of an instant (days since 1970-01-01 in shop time). */
function localDayNumber(instant: Date, timeZone: string): number {
  const d = toLocalDate(instant, timeZone);
  return Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;
}

/**
 * Days between two instants counted on the shop's calendar (§2: "daily" is shop time): an order at
 * 23:00 yesterday is 1 day old at 01:00 today, when the nightly pass runs.
 */
export const localDaysBetween = (from: Date, to: Date, timeZone: string) =>
  localDayNumber(to, timeZone) - localDayNumber(from, timeZone);

/**
 * An order's net spend: what the customer paid and kept — rule chosen: the order total (shipping
 * and tax included, like Shopify's "amount spent") minus refunds, never below 0.
 */
export const netSpendMinor = (order: RfmOrder) => Math.max(0, order.totalMinor - order.refundedMinor);

/**
 * Whether an order counts for RFM at `asOf`: paid by then, not cancelled, and (unless the window is
 * lifetime) fewer than `windowDays` shop-calendar days old — "the last 365 days" are today and the
 * 364 days before it. A fully refunded order still counts as an order (it was paid) but adds 0 spend.
 */
export function isOrderInRfmWindow(
  order: RfmOrder,
  asOf: Date,
  timeZone: string,
  windowDays: number | null,
): boolean {
  if (!order.paidAt || order.cancelledAt) return false;
  if (order.paidAt.getTime() > asOf.getTime()) return false;
  return windowDays === null || localDaysBetween(order.paidAt, asOf, timeZone) < windowDays;
}

/** §11 Recency, Frequency and Monetary of one customer's orders at `asOf`. */
export function computeRfmMetrics(
  orders: readonly RfmOrder[],
  asOf: Date,
  timeZone: string,
  windowDays: number | null,
): RfmMetrics {
  let frequency = 0;
  let monetaryMinor = 0;
  let lastPaid: Date | null = null;
  for (const order of orders) {
    if (!isOrderInRfmWindow(order, asOf, timeZone, windowDays)) continue;
    frequency++;
    monetaryMinor += netSpendMinor(order);
    if (!lastPaid || order.paidAt!.getTime() > lastPaid.getTime()) lastPaid = order.paidAt;
  }
  return {
    recencyDays: lastPaid ? localDaysBetween(lastPaid, asOf, timeZone) : null,
    frequency,
    monetaryMinor,
  };
}

/**
 * The shop's average order value for the M score: net spend ÷ orders over the same window and the
 * same order rules as the customers' metrics (rule chosen: net of refunds, so M compares like with
 * like), floored to a minor unit; 0 when the shop has no order in the window.
 */
export function averageOrderValueMinor(
  orders: readonly RfmOrder[],
  asOf: Date,
  timeZone: string,
  windowDays: number | null,
): number {
  let count = 0;
  let total = 0n;
  for (const order of orders) {
    if (!isOrderInRfmWindow(order, asOf, timeZone, windowDays)) continue;
    count++;
    total += BigInt(netSpendMinor(order));
  }
  return count === 0 ? 0 : floorDiv(total, BigInt(count));
}
