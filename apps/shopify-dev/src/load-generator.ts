import type { Commands } from "./commands";
import { formatCents } from "./money";
import { seededRandom } from "./random";
import { orderTotals } from "./graphql/views";
import type { Delivery } from "./webhooks/dispatcher";

/**
 * "N orders per second from M customers for T seconds": creates the customers, then paces orders
 * over the run. Each `orders/paid` is sent 1+ times (an extra copy with probability
 * `duplicateRate`) and, with probability `reorderRate`, held and released shuffled with the rest of
 * its second's held deliveries. Everything random comes from `seed`, so totals are reproducible.
 */
export interface LoadSpec {
  shop?: string | undefined;
  ordersPerSecond: number;
  customers: number;
  seconds: number;
  duplicateRate?: number | undefined;
  reorderRate?: number | undefined;
  seed?: number | undefined;
}

export interface LoadResult {
  shop: string;
  customers: number;
  orders: number;
  /** orders/paid deliveries, duplicates included (customers/create deliveries are not counted). */
  deliveries: number;
  duplicates: number;
  reordered: number;
  totalSpend: string;
  perCustomer: { customerId: number; email: string; orders: number; spend: string }[];
  durationMs: number;
}

export const LOAD_LIMITS = {
  maxOrdersPerSecond: 1000,
  maxCustomers: 10_000,
  maxSeconds: 600,
  maxOrders: 100_000,
};

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function checkLimits(spec: LoadSpec): void {
  const orders = Math.round(spec.ordersPerSecond * spec.seconds);
  if (
    spec.ordersPerSecond <= 0 ||
    spec.ordersPerSecond > LOAD_LIMITS.maxOrdersPerSecond ||
    spec.customers < 1 ||
    spec.customers > LOAD_LIMITS.maxCustomers ||
    spec.seconds <= 0 ||
    spec.seconds > LOAD_LIMITS.maxSeconds ||
    orders > LOAD_LIMITS.maxOrders
  )
    throw new RangeError(`load out of bounds (limits: ${JSON.stringify(LOAD_LIMITS)})`);
}

/** Load only ever targets this machine. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}

export async function generateLoad(target: { commands: Commands }, spec: LoadSpec): Promise<LoadResult> {
  checkLimits(spec);
  const { commands } = target;
  if (!isLoopbackUrl(commands.apiOptions.webhookUrl))
    throw new RangeError("load generation only targets a loopback webhook URL");
  const started = performance.now();
  const random = seededRandom(spec.seed ?? 1);
  const shop = spec.shop ?? commands.apiOptions.shops[0]?.domain ?? "loyalnest-demo.myshopify.com";
  commands.createShop({ domain: shop });
  const runTag = `${spec.seed ?? 1}-${Date.now().toString(36)}`;
  const customers = Array.from({ length: spec.customers }, (_, i) => {
    const email = `load-${runTag}-${i}@example.com`;
    return commands.createCustomer({ shop, email, firstName: "Load", lastName: `Customer ${i}` }).result;
  });
  const spend = new Map<number, { orders: number; cents: number }>();
  const totalOrders = Math.round(spec.ordersPerSecond * spec.seconds);
  const intervalMs = 1000 / spec.ordersPerSecond;
  let deliveries = 0;
  let duplicates = 0;
  let reordered = 0;
  let held: Delivery[] = [];
  let second = 0;
  for (let n = 0; n < totalOrders; n++) {
    const customer = customers[Math.floor(random() * customers.length)] ?? customers[0];
    if (!customer) break;
    const lineCount = 1 + Math.floor(random() * 3);
    const lineItems = Array.from({ length: lineCount }, () => ({
      price: formatCents(500 + Math.floor(random() * 19_500)),
      quantity: 1 + Math.floor(random() * 3),
    }));
    const duplicate = random() < (spec.duplicateRate ?? 0) ? 1 : 0;
    const hold = random() < (spec.reorderRate ?? 0);
    const { result: order, deliveries: sent } = commands.createOrder(
      { shop, customerId: customer.id, lineItems },
      { duplicate, deliver: !hold },
    );
    deliveries += sent.length;
    duplicates += duplicate;
    if (hold) {
      reordered += 1;
      held.push(...sent);
    }
    const entry = spend.get(customer.id) ?? { orders: 0, cents: 0 };
    entry.orders += 1;
    entry.cents += orderTotals(order).total;
    spend.set(customer.id, entry);
    const due = (n + 1) * intervalMs - (performance.now() - started);
    const secondNow = Math.floor(((n + 1) * intervalMs) / 1000);
    if (secondNow !== second || n === totalOrders - 1) {
      await commands.dispatcher.release("shuffle", (spec.seed ?? 1) + second, {
        only: held,
        sequential: false,
      });
      held = [];
      second = secondNow;
    }
    if (due > 1) await sleep(due);
  }
  const perCustomer = customers.map((c) => {
    const entry = spend.get(c.id) ?? { orders: 0, cents: 0 };
    return { customerId: c.id, email: c.email ?? "", orders: entry.orders, spend: formatCents(entry.cents) };
  });
  return {
    shop,
    customers: customers.length,
    orders: totalOrders,
    deliveries,
    duplicates,
    reordered,
    totalSpend: formatCents([...spend.values()].reduce((s, e) => s + e.cents, 0)),
    perCustomer,
    durationMs: Math.round(performance.now() - started),
  };
}
