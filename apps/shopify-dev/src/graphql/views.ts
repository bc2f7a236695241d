import { moneyBag, moneyV2 } from "../money";
import type { AppSubscription, Customer, DiscountCode, LineItem, Metafield, Order, Shop } from "../state";
import { gid } from "../state";
import { paginate } from "./connection";
import { resolveNamespace } from "./namespace";

/** GraphQL-shaped views of the stand-in's records; fields with arguments are functions. */

export function shopView(shop: Shop, baseUrl: string) {
  return {
    __typename: "Shop",
    id: gid("Shop", shop.id),
    name: shop.name,
    email: shop.email,
    contactEmail: shop.email,
    myshopifyDomain: shop.domain,
    url: `${baseUrl}/${shop.domain}`,
    currencyCode: shop.currencyCode,
    ianaTimezone: shop.ianaTimezone,
    timezoneAbbreviation: timezoneAbbreviation(shop.ianaTimezone),
    createdAt: shop.createdAt,
    plan: {
      __typename: "ShopPlan",
      displayName: shop.planName,
      publicDisplayName: shop.planName,
      partnerDevelopment: false,
      shopifyPlus: shop.planName === "Shopify Plus",
    },
    primaryDomain: {
      __typename: "Domain",
      id: gid("Domain", shop.id),
      host: shop.domain,
      url: `https://${shop.domain}`,
    },
  };
}

function timezoneAbbreviation(zone: string): string {
  const part = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "short" })
    .formatToParts(new Date())
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? "UTC";
}

export function metafieldView(metafield: Metafield) {
  return {
    __typename: "Metafield",
    id: gid("Metafield", metafield.id),
    namespace: metafield.namespace,
    key: metafield.key,
    value: metafield.value,
    type: metafield.type,
    jsonValue: jsonValue(metafield),
    compareDigest: Buffer.from(`${metafield.id}:${metafield.updatedAt}`).toString("base64url"),
    ownerType: "CUSTOMER",
    createdAt: metafield.createdAt,
    updatedAt: metafield.updatedAt,
  };
}

function jsonValue(metafield: Metafield): unknown {
  try {
    return metafield.type === "single_line_text_field" || metafield.type === "multi_line_text_field"
      ? metafield.value
      : JSON.parse(metafield.value);
  } catch {
    return metafield.value;
  }
}

export function customerView(shop: Shop, customer: Customer) {
  const orders = [...shop.orders.values()].filter((o) => o.customerId === customer.id && !o.cancelledAt);
  const spent = orders.reduce((sum, o) => sum + orderTotals(o).currentTotal, 0);
  const metafields = [...customer.metafields.values()];
  const accounts = [...shop.storeCreditAccounts.values()].filter((a) => a.customerId === customer.id);
  return {
    __typename: "Customer",
    id: gid("Customer", customer.id),
    legacyResourceId: String(customer.id),
    email: customer.email,
    firstName: customer.firstName,
    lastName: customer.lastName,
    displayName: [customer.firstName, customer.lastName].filter(Boolean).join(" ") || customer.email || "",
    phone: customer.phone,
    state: "ENABLED",
    tags: customer.tags,
    note: customer.note,
    verifiedEmail: true,
    createdAt: customer.createdAt,
    updatedAt: customer.updatedAt,
    numberOfOrders: String(orders.length),
    amountSpent: moneyV2(spent, shop.currencyCode),
    defaultEmailAddress: customer.email
      ? { __typename: "CustomerEmailAddress", emailAddress: customer.email, marketingState: "NOT_SUBSCRIBED" }
      : null,
    metafield: (args: Record<string, unknown>) => {
      const found = customer.metafields.get(
        `${resolveNamespace(args.namespace, shop.appId)}.${String(args.key)}`,
      );
      return found ? metafieldView(found) : null;
    },
    metafields: (args: Record<string, unknown>) =>
      paginate(
        "Metafield",
        metafields.filter(
          (m) => !args.namespace || m.namespace === resolveNamespace(args.namespace, shop.appId),
        ),
        args,
        (m) => m.id,
        metafieldView,
      ),
    storeCreditAccounts: (args: Record<string, unknown>) =>
      paginate(
        "StoreCreditAccount",
        accounts,
        args,
        (a) => a.id,
        (a) => ({
          __typename: "StoreCreditAccount",
          id: gid("StoreCreditAccount", a.id),
          balance: moneyV2(a.balanceCents, a.currencyCode),
        }),
      ),
  };
}

export interface OrderTotals {
  lineItemsTotal: number;
  discounts: number;
  subtotal: number;
  total: number;
  refunded: number;
  currentSubtotal: number;
  currentTotal: number;
}

/** Amounts in cents; "current" amounts are net of refunds, as in Shopify. */
export function orderTotals(order: Order): OrderTotals {
  const lineItemsTotal = order.lineItems.reduce((s, l) => s + l.priceCents * l.quantity, 0);
  const lineDiscounts = order.lineItems.reduce((s, l) => s + l.discountCents, 0);
  const shippingDiscount = order.discountCodes
    .filter((d) => d.type === "shipping")
    .reduce((s, d) => s + d.amountCents, 0);
  const subtotal = lineItemsTotal - lineDiscounts;
  const total = subtotal + order.shippingCents - shippingDiscount;
  const refunded = order.refunds.reduce((s, r) => s + r.amountCents, 0);
  const refundedGoods = order.refunds.reduce(
    (s, r) => s + r.lines.reduce((a, l) => a + l.subtotalCents, 0),
    0,
  );
  return {
    lineItemsTotal,
    discounts: lineDiscounts + shippingDiscount,
    subtotal,
    total,
    refunded,
    currentSubtotal: subtotal - refundedGoods,
    currentTotal: total - refunded,
  };
}

export function financialStatusEnum(order: Order): string {
  return order.financialStatus.toUpperCase();
}

function lineItemView(order: Order, line: LineItem) {
  const currency = order.currency;
  const unitDiscount = line.quantity > 0 ? Math.round(line.discountCents / line.quantity) : 0;
  return {
    __typename: "LineItem",
    id: gid("LineItem", line.id),
    title: line.title,
    name: line.title,
    sku: line.sku,
    quantity: line.quantity,
    currentQuantity: line.quantity - line.refundedQuantity,
    refundableQuantity: line.quantity - line.refundedQuantity,
    originalUnitPriceSet: moneyBag(line.priceCents, currency),
    discountedUnitPriceSet: moneyBag(line.priceCents - unitDiscount, currency),
    originalTotalSet: moneyBag(line.priceCents * line.quantity, currency),
    discountedTotalSet: moneyBag(line.priceCents * line.quantity - line.discountCents, currency),
    totalDiscountSet: moneyBag(line.discountCents, currency),
    product: {
      __typename: "Product",
      id: gid("Product", line.productId),
      title: line.title,
      tags: line.productTags,
    },
    variant: {
      __typename: "ProductVariant",
      id: gid("ProductVariant", line.variantId),
      title: "Default Title",
      sku: line.sku,
    },
  };
}

export function orderView(shop: Shop, order: Order) {
  const totals = orderTotals(order);
  const currency = order.currency;
  const customer = order.customerId === null ? undefined : shop.customers.get(order.customerId);
  return {
    __typename: "Order",
    id: gid("Order", order.id),
    legacyResourceId: String(order.id),
    name: order.name,
    email: order.email,
    test: order.test,
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    processedAt: order.processedAt,
    cancelledAt: order.cancelledAt,
    cancelReason: order.cancelReason ? order.cancelReason.toUpperCase() : null,
    closed: false,
    displayFinancialStatus: financialStatusEnum(order),
    currencyCode: currency,
    discountCodes: order.discountCodes.map((d) => d.code),
    customer: customer ? customerView(shop, customer) : null,
    subtotalPriceSet: moneyBag(totals.subtotal, currency),
    totalPriceSet: moneyBag(totals.total, currency),
    currentSubtotalPriceSet: moneyBag(totals.currentSubtotal, currency),
    currentTotalPriceSet: moneyBag(totals.currentTotal, currency),
    totalDiscountsSet: moneyBag(totals.discounts, currency),
    totalShippingPriceSet: moneyBag(order.shippingCents, currency),
    totalRefundedSet: moneyBag(totals.refunded, currency),
    totalTaxSet: moneyBag(0, currency),
    lineItems: (args: Record<string, unknown>) =>
      paginate(
        "LineItem",
        order.lineItems,
        args,
        (l) => l.id,
        (l) => lineItemView(order, l),
      ),
    refunds: order.refunds.map((r) => ({
      __typename: "Refund",
      id: gid("Refund", r.id),
      note: r.note,
      createdAt: r.createdAt,
      totalRefundedSet: moneyBag(r.amountCents, currency),
    })),
  };
}

export function discountNodeView(shop: Shop, discount: DiscountCode) {
  const customers = discount.customerIds
    .map((id) => shop.customers.get(id))
    .filter((c): c is Customer => c !== undefined);
  const now = Date.now();
  const status =
    Date.parse(discount.startsAt) > now
      ? "SCHEDULED"
      : discount.endsAt && Date.parse(discount.endsAt) <= now
        ? "EXPIRED"
        : "ACTIVE";
  const value = discount.value;
  return {
    __typename: "DiscountCodeNode",
    id: gid("DiscountCodeNode", discount.id),
    codeDiscount: {
      __typename: discount.kind === "basic" ? "DiscountCodeBasic" : "DiscountCodeFreeShipping",
      title: discount.title,
      status,
      summary: discount.title,
      startsAt: discount.startsAt,
      endsAt: discount.endsAt,
      usageLimit: discount.usageLimit,
      appliesOncePerCustomer: discount.appliesOncePerCustomer,
      asyncUsageCount: discount.usageCount,
      createdAt: discount.createdAt,
      updatedAt: discount.createdAt,
      discountClass: discount.kind === "basic" ? "ORDER" : "SHIPPING",
      combinesWith: { __typename: "DiscountCombinesWith", ...discount.combinesWith },
      codes: (args: Record<string, unknown>) =>
        paginate(
          "DiscountRedeemCode",
          [discount],
          args,
          (d) => d.id,
          (d) => ({
            __typename: "DiscountRedeemCode",
            id: gid("DiscountRedeemCode", d.id),
            code: d.code,
            asyncUsageCount: d.usageCount,
          }),
        ),
      codesCount: { __typename: "Count", count: 1, precision: "EXACT" },
      context: { __typename: "DiscountContext", customers: customers.map((c) => customerView(shop, c)) },
      customerGets: {
        __typename: "DiscountCustomerGets",
        value:
          value && "percentage" in value
            ? { __typename: "DiscountPercentage", percentage: value.percentage }
            : value
              ? {
                  __typename: "DiscountAmount",
                  amount: moneyV2(value.amountCents, shop.currencyCode),
                  appliesOnEachItem: false,
                }
              : null,
      },
    },
  };
}

export function subscriptionView(subscription: AppSubscription) {
  const created = Date.parse(subscription.createdAt);
  return {
    __typename: "AppSubscription",
    id: gid("AppSubscription", subscription.id),
    name: subscription.name,
    status: subscription.status,
    test: subscription.test,
    trialDays: subscription.trialDays,
    createdAt: subscription.createdAt,
    currentPeriodEnd:
      subscription.status === "ACTIVE" ? new Date(created + 30 * 86_400_000).toISOString() : null,
    returnUrl: subscription.returnUrl,
    lineItems: subscriptionLineItems(subscription),
  };
}

function subscriptionLineItems(subscription: AppSubscription) {
  const items = Array.isArray(subscription.lineItems)
    ? (subscription.lineItems as Record<string, unknown>[])
    : [];
  return items.map((item, index) => {
    const plan = (item.plan ?? {}) as Record<string, Record<string, unknown> | undefined>;
    const recurring = plan.appRecurringPricingDetails;
    const usage = plan.appUsagePricingDetails;
    const details = recurring
      ? {
          __typename: "AppRecurringPricing",
          price: asMoney(recurring.price),
          interval: recurring.interval ?? "EVERY_30_DAYS",
        }
      : {
          __typename: "AppUsagePricing",
          cappedAmount: asMoney(usage?.cappedAmount),
          balanceUsed: asMoney({
            amount: 0,
            currencyCode: (usage?.cappedAmount as Record<string, unknown> | undefined)?.currencyCode,
          }),
          terms: usage?.terms ?? null,
          interval: "EVERY_30_DAYS",
        };
    return {
      __typename: "AppSubscriptionLineItem",
      id: `gid://shopify/AppSubscriptionLineItem/${subscription.id}${index}?v=1&index=${index}`,
      plan: { __typename: "AppPlanV2", pricingDetails: details },
    };
  });
}

function asMoney(value: unknown) {
  const m = (value ?? {}) as Record<string, unknown>;
  return {
    __typename: "MoneyV2",
    amount: Number(m.amount ?? 0).toFixed(1),
    currencyCode: String(m.currencyCode ?? "USD"),
  };
}
