import { allocate, toCents } from "./money";
import type { ResolvedOptions } from "./options";
import type {
  AppSubscription,
  Customer,
  DiscountCode,
  LineItem,
  NewShop,
  Order,
  OrderDiscountCode,
  Refund,
  Shop,
  StandInState,
} from "./state";
import { BadRequestError, gid, NotFoundError, parseGid } from "./state";
import type { TokenStore } from "./tokens/token-store";
import type { Delivery, DeliveryControls, WebhookDispatcher } from "./webhooks/dispatcher";
import {
  customerDataRequestPayload,
  customerPayload,
  customerRedactPayload,
  orderPayload,
  refundPayload,
  shopRedactPayload,
} from "./webhooks/payloads";

/**
 * What a merchant or shopper would do in Shopify, on command: each changes the stand-in's state and
 * emits the webhooks Shopify would send for it.
 */
export interface NewCustomer {
  shop: string;
  email?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  phone?: string | undefined;
  tags?: string[] | undefined;
  note?: string | undefined;
}

export interface NewLineItem {
  title?: string | undefined;
  price: string | number;
  quantity?: number | undefined;
  productId?: number | undefined;
  sku?: string | undefined;
  productTags?: string[] | undefined;
}

export type DiscountCodeInput =
  string | { code: string; amount: string | number; type?: OrderDiscountCode["type"] | undefined };

export interface NewOrder {
  shop: string;
  /** Customer id or gid; omit or null for a guest checkout. */
  customerId?: number | string | null | undefined;
  email?: string | undefined;
  lineItems: NewLineItem[];
  discountCodes?: DiscountCodeInput[] | undefined;
  shipping?: string | number | undefined;
  test?: boolean | undefined;
  createdAt?: string | undefined;
}

export interface RefundInput {
  lines: { lineItemId: number | string; quantity: number }[];
  shipping?: string | number | undefined;
  note?: string | undefined;
}

export interface CommandResult<T> {
  result: T;
  deliveries: Delivery[];
}

export class Commands {
  constructor(
    readonly state: StandInState,
    readonly dispatcher: WebhookDispatcher,
    private readonly tokens: TokenStore,
    private readonly options: ResolvedOptions,
  ) {}

  createShop(input: NewShop): Shop {
    return this.state.createShop(input);
  }

  createCustomer(input: NewCustomer, controls: DeliveryControls = {}): CommandResult<Customer> {
    const shop = this.state.requireShop(input.shop);
    const now = new Date().toISOString();
    const customer: Customer = {
      id: this.state.nextId(),
      email: input.email ?? null,
      firstName: input.firstName ?? null,
      lastName: input.lastName ?? null,
      phone: input.phone ?? null,
      tags: input.tags ?? [],
      note: input.note ?? null,
      createdAt: now,
      updatedAt: now,
      metafields: new Map(),
    };
    if (customer.email && [...shop.customers.values()].some((c) => c.email === customer.email))
      throw new BadRequestError("Email has already been taken");
    shop.customers.set(customer.id, customer);
    const deliveries = this.dispatcher.emit(
      shop.domain,
      "customers/create",
      customerPayload(shop, customer),
      controls,
    );
    return { result: customer, deliveries };
  }

  createOrder(input: NewOrder, controls: DeliveryControls = {}): CommandResult<Order> {
    const shop = this.state.requireShop(input.shop);
    const customer = this.customerFor(shop, input.customerId);
    if (input.lineItems.length === 0) throw new BadRequestError("An order needs at least one line item");
    const lineItems = input.lineItems.map((l) => this.lineItem(l));
    const shippingCents = input.shipping === undefined ? 0 : toCents(input.shipping);
    const goods = lineItems.reduce((s, l) => s + l.priceCents * l.quantity, 0);
    const discountCodes = (input.discountCodes ?? []).map((d) =>
      this.applyDiscount(shop, d, customer, goods, shippingCents),
    );
    const lineDiscount = Math.min(
      goods,
      discountCodes.filter((d) => d.type !== "shipping").reduce((s, d) => s + d.amountCents, 0),
    );
    allocate(
      lineDiscount,
      lineItems.map((l) => l.priceCents * l.quantity),
    ).forEach((share, i) => {
      (lineItems[i] as LineItem).discountCents = share;
    });
    const at = input.createdAt ?? new Date().toISOString();
    const number = shop.nextOrderNumber++;
    const order: Order = {
      id: this.state.nextId(),
      shopDomain: shop.domain,
      number,
      name: `#${number}`,
      customerId: customer?.id ?? null,
      email: input.email ?? customer?.email ?? null,
      currency: shop.currencyCode,
      lineItems,
      discountCodes,
      shippingCents,
      createdAt: at,
      updatedAt: at,
      processedAt: at,
      cancelledAt: null,
      cancelReason: null,
      financialStatus: "paid",
      paymentTransactionId: this.state.nextId(),
      refunds: [],
      test: input.test ?? false,
    };
    shop.orders.set(order.id, order);
    const deliveries = this.dispatcher.emit(shop.domain, "orders/paid", orderPayload(shop, order), controls);
    return { result: order, deliveries };
  }

  private customerFor(shop: Shop, id: NewOrder["customerId"]): Customer | undefined {
    if (id === undefined || id === null) return undefined;
    const customer = shop.customers.get(parseGid(id, "Customer") ?? -1);
    if (!customer) throw new NotFoundError(`unknown customer ${String(id)}`);
    return customer;
  }

  private lineItem(input: NewLineItem): LineItem {
    const quantity = input.quantity ?? 1;
    if (!Number.isInteger(quantity) || quantity < 1)
      throw new BadRequestError("quantity must be a positive integer");
    const priceCents = toCents(input.price);
    if (priceCents < 0) throw new BadRequestError("price must not be negative");
    const productId = input.productId ?? this.state.nextId();
    return {
      id: this.state.nextId(),
      title: input.title ?? `Product ${productId}`,
      sku: input.sku ?? null,
      productId,
      variantId: productId + 1,
      productTags: input.productTags ?? [],
      priceCents,
      quantity,
      discountCents: 0,
      refundedQuantity: 0,
    };
  }

  /** A code created through the Admin API is honoured with its own value and restrictions. */
  private applyDiscount(
    shop: Shop,
    input: DiscountCodeInput,
    customer: Customer | undefined,
    goodsCents: number,
    shippingCents: number,
  ): OrderDiscountCode {
    if (typeof input !== "string") {
      const amountCents = toCents(input.amount);
      return {
        code: input.code,
        amountCents,
        type: input.type ?? "fixed_amount",
        value: (amountCents / 100).toFixed(1),
      };
    }
    const discount = [...shop.discounts.values()].find((d) => d.code.toLowerCase() === input.toLowerCase());
    if (!discount) throw new BadRequestError(`Discount code ${input} is not valid`);
    this.checkDiscountApplies(discount, customer);
    discount.usageCount += 1;
    if (discount.kind === "free_shipping")
      return { code: discount.code, amountCents: shippingCents, type: "shipping", value: "100.0" };
    const value = discount.value;
    if (value && "percentage" in value)
      return {
        code: discount.code,
        amountCents: Math.round(goodsCents * value.percentage),
        type: "percentage",
        value: (value.percentage * 100).toFixed(1),
      };
    const amount = Math.min(goodsCents, value?.amountCents ?? 0);
    return {
      code: discount.code,
      amountCents: amount,
      type: "fixed_amount",
      value: ((value?.amountCents ?? 0) / 100).toFixed(1),
    };
  }

  private checkDiscountApplies(discount: DiscountCode, customer: Customer | undefined): void {
    const now = Date.now();
    if (Date.parse(discount.startsAt) > now || (discount.endsAt && Date.parse(discount.endsAt) <= now))
      throw new BadRequestError(`Discount code ${discount.code} is not active`);
    if (discount.usageLimit !== null && discount.usageCount >= discount.usageLimit)
      throw new BadRequestError(`Discount code ${discount.code} has reached its usage limit`);
    if (discount.customerIds.length > 0 && (!customer || !discount.customerIds.includes(customer.id)))
      throw new BadRequestError(`Discount code ${discount.code} is not available to this customer`);
  }

  refund(orderId: number, input: RefundInput, controls: DeliveryControls = {}): CommandResult<Refund> {
    const { shop, order } = this.requireOrder(orderId);
    if (order.cancelledAt) throw new BadRequestError("Order is cancelled");
    const lines = input.lines.map((line) => {
      const item = order.lineItems.find((l) => l.id === parseGid(line.lineItemId, "LineItem"));
      if (!item) throw new BadRequestError(`unknown line item ${String(line.lineItemId)}`);
      if (
        !Number.isInteger(line.quantity) ||
        line.quantity < 1 ||
        line.quantity > item.quantity - item.refundedQuantity
      )
        throw new BadRequestError(`cannot refund ${line.quantity} of line item ${item.id}`);
      return { item, quantity: line.quantity };
    });
    const shippingCents = input.shipping === undefined ? 0 : toCents(input.shipping);
    return { ...this.recordRefund(shop, order, lines, shippingCents, input.note ?? null, controls) };
  }

  private recordRefund(
    shop: Shop,
    order: Order,
    lines: { item: LineItem; quantity: number }[],
    shippingCents: number,
    note: string | null,
    controls: DeliveryControls,
  ): CommandResult<Refund> {
    const now = new Date().toISOString();
    const refundLines = lines.map(({ item, quantity }) => {
      // The refunded share of the line's discount, proportional to quantity.
      const discount = Math.round((item.discountCents * quantity) / item.quantity);
      item.refundedQuantity += quantity;
      return {
        id: this.state.nextId(),
        lineItemId: item.id,
        quantity,
        subtotalCents: item.priceCents * quantity - discount,
      };
    });
    const refund: Refund = {
      id: this.state.nextId(),
      orderId: order.id,
      note,
      createdAt: now,
      lines: refundLines,
      shippingCents,
      transactionId: this.state.nextId(),
      amountCents: refundLines.reduce((s, l) => s + l.subtotalCents, 0) + shippingCents,
    };
    order.refunds.push(refund);
    order.updatedAt = now;
    const allRefunded = order.lineItems.every((l) => l.refundedQuantity === l.quantity);
    order.financialStatus = allRefunded ? "refunded" : "partially_refunded";
    const deliveries = this.dispatcher.emit(
      shop.domain,
      "refunds/create",
      refundPayload(shop, order, refund),
      controls,
    );
    return { result: refund, deliveries };
  }

  /** Cancelling a paid order refunds what is left unless `refund: false`. */
  cancel(
    orderId: number,
    input: { reason?: string | undefined; refund?: boolean | undefined },
    controls: DeliveryControls = {},
  ): CommandResult<Order> {
    const { shop, order } = this.requireOrder(orderId);
    if (order.cancelledAt) throw new BadRequestError("Order is already cancelled");
    const deliveries: Delivery[] = [];
    if (input.refund !== false) {
      const remaining = order.lineItems
        .filter((l) => l.quantity > l.refundedQuantity)
        .map((item) => ({ item, quantity: item.quantity - item.refundedQuantity }));
      const shippingRefunded = order.refunds.reduce((s, r) => s + r.shippingCents, 0);
      const shippingDiscount = order.discountCodes
        .filter((d) => d.type === "shipping")
        .reduce((s, d) => s + d.amountCents, 0);
      const shipping = order.shippingCents - shippingDiscount - shippingRefunded;
      if (remaining.length > 0 || shipping > 0)
        deliveries.push(
          ...this.recordRefund(shop, order, remaining, Math.max(0, shipping), "Order cancelled", controls)
            .deliveries,
        );
    }
    const now = new Date().toISOString();
    order.cancelledAt = now;
    order.cancelReason = input.reason ?? "customer";
    order.updatedAt = now;
    deliveries.push(
      ...this.dispatcher.emit(shop.domain, "orders/cancelled", orderPayload(shop, order), controls),
    );
    return { result: order, deliveries };
  }

  customersDataRequest(
    shopDomain: string,
    customerId: number | string,
    controls: DeliveryControls = {},
  ): CommandResult<{ dataRequestId: number }> {
    const { shop, customer } = this.requireCustomer(shopDomain, customerId);
    const dataRequestId = this.state.nextId();
    const payload = customerDataRequestPayload(
      shop,
      customer,
      this.orderIdsOf(shop, customer),
      dataRequestId,
    );
    return {
      result: { dataRequestId },
      deliveries: this.dispatcher.emit(shop.domain, "customers/data_request", payload, controls),
    };
  }

  customersRedact(
    shopDomain: string,
    customerId: number | string,
    controls: DeliveryControls = {},
  ): CommandResult<{ ordersToRedact: number[] }> {
    const { shop, customer } = this.requireCustomer(shopDomain, customerId);
    const ordersToRedact = this.orderIdsOf(shop, customer);
    const payload = customerRedactPayload(shop, customer, ordersToRedact);
    return {
      result: { ordersToRedact },
      deliveries: this.dispatcher.emit(shop.domain, "customers/redact", payload, controls),
    };
  }

  shopRedact(shopDomain: string, controls: DeliveryControls = {}): CommandResult<{ shopId: number }> {
    const shop = this.state.requireShop(shopDomain);
    return {
      result: { shopId: shop.id },
      deliveries: this.dispatcher.emit(shop.domain, "shop/redact", shopRedactPayload(shop), controls),
    };
  }

  /** app/uninstalled: tokens stop working at once, as in Shopify. */
  uninstall(shopDomain: string, controls: DeliveryControls = {}): CommandResult<{ shopId: number }> {
    const shop = this.state.requireShop(shopDomain);
    this.tokens.revokeShop(shop.domain);
    const payload = {
      id: shop.id,
      name: shop.name,
      email: shop.email,
      domain: shop.domain,
      myshopify_domain: shop.domain,
      currency: shop.currencyCode,
      iana_timezone: shop.ianaTimezone,
      plan_name: shop.planName.toLowerCase(),
      created_at: shop.createdAt,
    };
    return {
      result: { shopId: shop.id },
      deliveries: this.dispatcher.emit(shop.domain, "app/uninstalled", payload, controls),
    };
  }

  /** The merchant approves a pending app subscription (what the confirmation page does in Shopify). */
  confirmSubscription(shopDomain: string, subscriptionId: number, approve: boolean): AppSubscription {
    const shop = this.state.requireShop(shopDomain);
    const subscription = shop.subscriptions.get(subscriptionId);
    if (!subscription) throw new NotFoundError(`unknown subscription ${subscriptionId}`);
    if (subscription.status !== "PENDING") return subscription;
    subscription.status = approve ? "ACTIVE" : "DECLINED";
    this.dispatcher.emit(shop.domain, "app_subscriptions/update", {
      app_subscription: {
        admin_graphql_api_id: gid("AppSubscription", subscription.id),
        name: subscription.name,
        status: subscription.status,
        admin_graphql_api_shop_id: gid("Shop", shop.id),
        created_at: subscription.createdAt,
        updated_at: new Date().toISOString(),
        currency: shop.currencyCode,
        capped_amount: null,
      },
    });
    return subscription;
  }

  private orderIdsOf(shop: Shop, customer: Customer): number[] {
    return [...shop.orders.values()].filter((o) => o.customerId === customer.id).map((o) => o.id);
  }

  private requireOrder(orderId: number): { shop: Shop; order: Order } {
    const found = this.state.findOrder(orderId);
    if (!found) throw new NotFoundError(`unknown order ${orderId}`);
    return found;
  }

  private requireCustomer(
    shopDomain: string,
    customerId: number | string,
  ): { shop: Shop; customer: Customer } {
    const shop = this.state.requireShop(shopDomain);
    const customer = shop.customers.get(parseGid(customerId, "Customer") ?? -1);
    if (!customer) throw new NotFoundError(`unknown customer ${String(customerId)}`);
    return { shop, customer };
  }

  get apiOptions(): ResolvedOptions {
    return this.options;
  }
}
