import type { LeakyBucket } from "./graphql/bucket";

/**
 * The stand-in's memory: shops and what lives in them. Ids are plain increasing integers so the
 * numeric REST ids in webhooks and the `gid://shopify/...` ids in GraphQL line up, as in Shopify.
 */
export interface Shop {
  id: number;
  /** The app's id, used to resolve the app-reserved `$app` metafield namespace. */
  appId: number;
  domain: string;
  name: string;
  email: string;
  currencyCode: string;
  ianaTimezone: string;
  planName: string;
  createdAt: string;
  nextOrderNumber: number;
  customers: Map<number, Customer>;
  orders: Map<number, Order>;
  discounts: Map<number, DiscountCode>;
  storeCreditAccounts: Map<number, StoreCreditAccount>;
  flowTriggers: { handle: string; payload: unknown; receivedAt: string }[];
  subscriptions: Map<number, AppSubscription>;
  /** App-data metafields on the app installation (e.g. the widget's settings), by `namespace.key`. */
  appMetafields: Map<string, Metafield>;
  bucket: LeakyBucket;
}

export interface Metafield {
  id: number;
  namespace: string;
  key: string;
  type: string;
  value: string;
  createdAt: string;
  updatedAt: string;
}

export interface Customer {
  id: number;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  tags: string[];
  note: string | null;
  createdAt: string;
  updatedAt: string;
  metafields: Map<string, Metafield>;
}

export interface LineItem {
  id: number;
  title: string;
  sku: string | null;
  productId: number;
  variantId: number;
  productTags: string[];
  priceCents: number;
  quantity: number;
  /** This line's share of order-level discount codes. */
  discountCents: number;
  refundedQuantity: number;
}

export interface OrderDiscountCode {
  code: string;
  amountCents: number;
  type: "fixed_amount" | "percentage" | "shipping";
  /** Percent for percentage codes, amount for fixed ones (Shopify's `discount_applications.value`). */
  value: string;
}

export interface RefundLine {
  id: number;
  lineItemId: number;
  quantity: number;
  subtotalCents: number;
}

export interface Refund {
  id: number;
  orderId: number;
  note: string | null;
  createdAt: string;
  lines: RefundLine[];
  shippingCents: number;
  transactionId: number;
  amountCents: number;
}

export interface Order {
  id: number;
  shopDomain: string;
  number: number;
  name: string;
  customerId: number | null;
  email: string | null;
  currency: string;
  lineItems: LineItem[];
  discountCodes: OrderDiscountCode[];
  shippingCents: number;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelledAt: string | null;
  cancelReason: string | null;
  financialStatus: "paid" | "partially_refunded" | "refunded" | "voided";
  paymentTransactionId: number;
  refunds: Refund[];
  test: boolean;
}

export interface DiscountCode {
  id: number;
  kind: "basic" | "free_shipping";
  code: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  usageLimit: number | null;
  appliesOncePerCustomer: boolean;
  customerIds: number[];
  combinesWith: { orderDiscounts: boolean; productDiscounts: boolean; shippingDiscounts: boolean };
  /** Basic codes: a percentage (0..1) or a fixed amount. */
  value: { percentage: number } | { amountCents: number } | null;
  usageCount: number;
  createdAt: string;
}

export interface StoreCreditAccount {
  id: number;
  customerId: number;
  currencyCode: string;
  balanceCents: number;
  transactions: { id: number; amountCents: number; createdAt: string; balanceAfterCents: number }[];
}

export interface AppSubscription {
  id: number;
  name: string;
  status: "PENDING" | "ACTIVE" | "DECLINED" | "CANCELLED";
  test: boolean;
  trialDays: number;
  returnUrl: string;
  lineItems: unknown;
  createdAt: string;
}

export interface NewShop {
  domain: string;
  name?: string;
  currencyCode?: string;
  ianaTimezone?: string;
  planName?: string;
}

export class StandInState {
  readonly shops = new Map<string, Shop>();
  private lastId = 1_000_000;

  constructor(
    private readonly makeBucket: () => LeakyBucket,
    private readonly appId: number,
  ) {}

  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  /** Idempotent so the demo shop can be "created" again by a script without error. */
  createShop(input: NewShop): Shop {
    const existing = this.shops.get(input.domain);
    if (existing) return existing;
    const shop: Shop = {
      id: this.nextId(),
      appId: this.appId,
      domain: input.domain,
      name: input.name ?? input.domain.replace(/\.myshopify\.com$/, ""),
      email: `owner@${input.domain}`,
      currencyCode: input.currencyCode ?? "USD",
      ianaTimezone: input.ianaTimezone ?? "America/New_York",
      planName: input.planName ?? "Basic",
      createdAt: new Date().toISOString(),
      nextOrderNumber: 1001,
      customers: new Map(),
      orders: new Map(),
      discounts: new Map(),
      storeCreditAccounts: new Map(),
      flowTriggers: [],
      subscriptions: new Map(),
      appMetafields: new Map(),
      bucket: this.makeBucket(),
    };
    this.shops.set(shop.domain, shop);
    return shop;
  }

  shop(domain: string): Shop | undefined {
    return this.shops.get(domain);
  }

  requireShop(domain: string): Shop {
    const shop = this.shops.get(domain);
    if (!shop) throw new NotFoundError(`unknown shop ${domain}`);
    return shop;
  }

  findOrder(orderId: number): { shop: Shop; order: Order } | undefined {
    for (const shop of this.shops.values()) {
      const order = shop.orders.get(orderId);
      if (order) return { shop, order };
    }
    return undefined;
  }
}

export class NotFoundError extends Error {}
export class BadRequestError extends Error {}

export function gid(type: string, id: number): string {
  return `gid://shopify/${type}/${id}`;
}

/** Accepts `gid://shopify/Customer/42` or `42`; returns undefined for anything else. */
export function parseGid(value: unknown, type?: string): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value !== "string") return undefined;
  const match = /^gid:\/\/shopify\/(\w+)\/(\d+)$/.exec(value);
  if (match) {
    if (type && match[1] !== type) return undefined;
    return Number(match[2]);
  }
  return /^\d+$/.test(value) ? Number(value) : undefined;
}
