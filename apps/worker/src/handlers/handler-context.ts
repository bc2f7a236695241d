import type { PiiKeyring, Transaction } from "@loyalnest/db";
import type { PgBoss } from "pg-boss";

/** The stored delivery a job is about (the edge's `webhook_deliveries` row). */
export interface DeliveryRef {
  id: number;
  topic: string;
  /** `X-Shopify-Triggered-At`: when Shopify emitted the event. */
  triggeredAt: Date | null;
  receivedAt: Date;
}

/**
 * What every handler gets: the job's ONE transaction (everything a handler writes commits or
 * rolls back together with the delivery's status), the shop, the PII keyring, and pg-boss for
 * follow-up jobs sent on the same transaction.
 */
export interface HandlerContext {
  tx: Transaction;
  shopId: string;
  delivery: DeliveryRef;
  keyring: PiiKeyring;
  boss: PgBoss;
  /** The event's time (Triggered-At, else when the edge received it): handlers never read the wall clock. */
  at: Date;
}

/**
 * How a delivery ends: `processed` (its effects are written), `parked` (it waits for another
 * event, e.g. a refund for an order not yet seen, and is replayed later) or `ignored` (nothing to
 * do, with the reason kept in `last_error` for the operations view).
 */
export type HandlerOutcome =
  | { status: "processed"; note?: string }
  | { status: "parked"; reason: string }
  | { status: "ignored"; reason: string };

export const processed = (note?: string): HandlerOutcome =>
  note === undefined ? { status: "processed" } : { status: "processed", note };
export const parked = (reason: string): HandlerOutcome => ({ status: "parked", reason });
export const ignored = (reason: string): HandlerOutcome => ({ status: "ignored", reason });
