import { findBalanceMismatches, schema } from "@loyalnest/db";
import type { Delivery, ShopifyStandIn } from "@loyalnest/shopify-dev";
import { and, eq, sql } from "drizzle-orm";
import { control, customerLedgers, type Pipeline } from "../test-support/pipeline";

/**
 * Shared by the soak tests: a reproducible month of orders, refunds and duplicates generated in
 * the stand-in (every webhook held, so the backlog is built before anyone drains it), the
 * expectation computed by hand from the generator's own inputs, and the checks afterwards.
 */

/** mulberry32: deterministic, so a failing seed can be replayed. */
export function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

export interface ScenarioSize {
  customers: number;
  orders: number;
  /** Share of orders that get one refund of one unit of one line. */
  refundRate: number;
  /** Share of webhooks Shopify sends twice (same event id). */
  duplicateRate: number;
}

/** What one order should leave in the ledger: its basis and the basis refunded, in cents. */
interface ExpectedOrder {
  customerId: number;
  basisCents: number;
  refundedCents: number;
}

export interface Scenario {
  orders: Map<number, ExpectedOrder>;
  customerIds: number[];
  refunds: number;
  /** Distinct events (what the edge stores once each), and copies sent. */
  events: number;
}

interface OrderView {
  id: number;
  line_items: { id: number; quantity: number; price: string }[];
}

const cents = (price: string) => Math.round(Number(price) * 100);

/** Generates the scenario in the stand-in, every delivery held until the caller releases them. */
export async function generateScenario(
  standIn: ShopifyStandIn,
  shop: string,
  size: ScenarioSize,
  seed: number,
): Promise<Scenario> {
  const random = seeded(seed);
  const held = () => ({ deliver: false, duplicate: random.next() < size.duplicateRate ? 1 : 0 });
  const customerIds: number[] = [];
  for (let i = 0; i < size.customers; i++) {
    const { customer } = await control<{ customer: { id: number } }>(standIn, "/_dev/customers", {
      shop,
      email: `soak-${seed}-${i}@example.com`,
      ...held(),
    });
    customerIds.push(customer.id);
  }
  const orders = new Map<number, ExpectedOrder>();
  let refunds = 0;
  for (let n = 0; n < size.orders; n++) {
    const customerId = customerIds[random.int(0, customerIds.length - 1)]!;
    const lineItems = Array.from({ length: random.int(1, 3) }, () => ({
      price: `${random.int(5, 80)}.${String(random.int(0, 99)).padStart(2, "0")}`,
      quantity: random.int(1, 3),
    }));
    const { order } = await control<{ order: OrderView }>(standIn, "/_dev/orders", {
      shop,
      customerId,
      lineItems,
      ...held(),
    });
    const basisCents = lineItems.reduce((s, l) => s + cents(l.price) * l.quantity, 0);
    const expected = { customerId, basisCents, refundedCents: 0 };
    orders.set(order.id, expected);
    if (random.next() < size.refundRate) {
      const line = order.line_items[random.int(0, order.line_items.length - 1)]!;
      await control(standIn, `/_dev/orders/${order.id}/refunds`, {
        lines: [{ lineItemId: line.id, quantity: 1 }],
        ...held(),
      });
      expected.refundedCents = cents(line.price);
      refunds += 1;
    }
  }
  const events = new Set(standIn.dispatcher.deliveries.map((d) => d.eventId)).size;
  return { orders, customerIds, refunds, events };
}

/** The shop's earn rate, as stored (10 points per 100 minor units by default). */
export async function earnRate(pipeline: Pipeline) {
  const [row] = await pipeline.test.db
    .select({ points: schema.shopSettings.earnPoints, perMinor: schema.shopSettings.earnPerMinor })
    .from(schema.shopSettings)
    .where(eq(schema.shopSettings.shopId, pipeline.shopId));
  if (!row) throw new Error("the shop has no settings");
  return row;
}

/** product.md §4 "account signup: 200, once per customer", the default rule every test shop has. */
export const SIGNUP_POINTS = 200;

/**
 * Hand-computed balances by Shopify customer id: the signup bonus, then each order earns
 * floor(basis × rate), per order; a refund takes back floor(earned × refunded / basis)
 * (floor favours the shopper).
 */
export function expectedBalances(scenario: Scenario, rate: { points: number; perMinor: number }) {
  const balances = new Map<number, number>(scenario.customerIds.map((id) => [id, SIGNUP_POINTS]));
  for (const order of scenario.orders.values()) {
    const earned = Math.floor((order.basisCents * rate.points) / rate.perMinor);
    const clawback = Math.floor((earned * order.refundedCents) / order.basisCents);
    balances.set(order.customerId, (balances.get(order.customerId) ?? 0) + earned - clawback);
  }
  return balances;
}

/** Everything the soak tests assert once the backlog is drained. */
export async function settledState(pipeline: Pipeline) {
  const { db } = pipeline.test;
  const ledgers = await customerLedgers(pipeline);
  const balances = new Map([...ledgers].map(([id, l]) => [id, l.available + l.pending]));
  const [counts] = await db.execute<{
    earns: number;
    earned_orders: number;
    signups: number;
    clawbacks: number;
  }>(sql`
    select count(*) filter (where idempotency_key like 'order:%:earn')::int as earns,
           count(distinct source_id) filter (where idempotency_key like 'order:%:earn')::int as earned_orders,
           count(*) filter (where idempotency_key like 'signup:%')::int as signups,
           count(*) filter (where kind = 'refund_clawback')::int as clawbacks
    from points_ledger where shop_id = ${pipeline.shopId}`);
  const statuses = await db
    .select({ status: schema.webhookDeliveries.status, count: sql<number>`count(*)::int` })
    .from(schema.webhookDeliveries)
    .where(and(eq(schema.webhookDeliveries.shopId, pipeline.shopId)))
    .groupBy(schema.webhookDeliveries.status);
  return {
    balances,
    earns: counts?.earns ?? 0,
    earnedOrders: counts?.earned_orders ?? 0,
    signups: counts?.signups ?? 0,
    clawbacks: counts?.clawbacks ?? 0,
    statuses: Object.fromEntries(statuses.map((s) => [s.status, s.count])),
    mismatches: await findBalanceMismatches(db, pipeline.shopId),
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * By hand, from the `orders/paid` bodies the stand-in sent (each event once): floor(subtotal ×
 * rate) per order, plus the signup bonus for every customer the generator created.
 */
export function expectedFromDeliveries(
  deliveries: readonly Delivery[],
  customerIds: readonly number[],
  rate: { points: number; perMinor: number },
) {
  const balances = new Map<number, number>(customerIds.map((id) => [id, SIGNUP_POINTS]));
  const seen = new Set<string>();
  for (const delivery of deliveries) {
    if (delivery.topic !== "orders/paid" || seen.has(delivery.eventId)) continue;
    seen.add(delivery.eventId);
    const order = JSON.parse(delivery.body) as {
      customer: { id: number };
      line_items: { price: string; quantity: number }[];
    };
    const basis = order.line_items.reduce((s, l) => s + cents(l.price) * l.quantity, 0);
    const points = Math.floor((basis * rate.points) / rate.perMinor);
    balances.set(order.customer.id, (balances.get(order.customer.id) ?? 0) + points);
  }
  return { balances, orders: seen.size };
}
