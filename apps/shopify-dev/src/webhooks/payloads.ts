import { formatCents, moneySet } from "../money";
import type { Customer, LineItem, Order, Refund, Shop } from "../state";
import { gid } from "../state";
import { orderTotals } from "../graphql/views";

/**
 * Webhook bodies shaped like Shopify's reference payloads (REST-style snake_case, numeric ids,
 * decimal-string amounts with `*_set.shop_money` / `presentment_money` twins).
 */

export function customerPayload(shop: Shop, customer: Customer) {
  return {
    id: customer.id,
    email: customer.email,
    created_at: customer.createdAt,
    updated_at: customer.updatedAt,
    first_name: customer.firstName,
    last_name: customer.lastName,
    state: "disabled",
    note: customer.note,
    verified_email: true,
    multipass_identifier: null,
    tax_exempt: false,
    phone: customer.phone,
    email_marketing_consent: customer.email
      ? { state: "not_subscribed", opt_in_level: "single_opt_in", consent_updated_at: null }
      : null,
    sms_marketing_consent: null,
    tags: customer.tags.join(", "),
    currency: shop.currencyCode,
    tax_exemptions: [],
    admin_graphql_api_id: gid("Customer", customer.id),
    default_address: null,
    addresses: [],
  };
}

function lineItemPayload(order: Order, line: LineItem) {
  const currency = order.currency;
  return {
    id: line.id,
    admin_graphql_api_id: gid("LineItem", line.id),
    current_quantity: line.quantity - line.refundedQuantity,
    fulfillable_quantity: line.quantity - line.refundedQuantity,
    fulfillment_service: "manual",
    fulfillment_status: null,
    gift_card: false,
    grams: 0,
    name: line.title,
    price: formatCents(line.priceCents),
    price_set: moneySet(line.priceCents, currency),
    product_exists: true,
    product_id: line.productId,
    properties: [],
    quantity: line.quantity,
    requires_shipping: true,
    sku: line.sku,
    taxable: true,
    title: line.title,
    total_discount: "0.00",
    total_discount_set: moneySet(0, currency),
    variant_id: line.variantId,
    variant_inventory_management: "shopify",
    variant_title: null,
    vendor: null,
    tax_lines: [],
    duties: [],
    discount_allocations:
      line.discountCents > 0
        ? order.discountCodes
            .map((d, i) => ({ d, i }))
            .filter(({ d }) => d.type !== "shipping")
            .slice(0, 1)
            .map(({ i }) => ({
              amount: formatCents(line.discountCents),
              amount_set: moneySet(line.discountCents, currency),
              discount_application_index: i,
            }))
        : [],
  };
}

function discountApplications(order: Order) {
  return order.discountCodes.map((d) => ({
    target_type: d.type === "shipping" ? "shipping_line" : "line_item",
    type: "discount_code",
    value: d.value,
    value_type: d.type === "percentage" ? "percentage" : "fixed_amount",
    allocation_method: "across",
    target_selection: "all",
    code: d.code,
  }));
}

function shippingLines(order: Order) {
  if (order.shippingCents === 0 && !order.discountCodes.some((d) => d.type === "shipping")) return [];
  const shippingDiscount = order.discountCodes
    .filter((d) => d.type === "shipping")
    .reduce((s, d) => s + d.amountCents, 0);
  return [
    {
      id: order.id + 1,
      code: "Standard",
      title: "Standard",
      source: "shopify",
      price: formatCents(order.shippingCents),
      price_set: moneySet(order.shippingCents, order.currency),
      discounted_price: formatCents(order.shippingCents - shippingDiscount),
      discounted_price_set: moneySet(order.shippingCents - shippingDiscount, order.currency),
      discount_allocations: [],
      tax_lines: [],
    },
  ];
}

export function orderPayload(shop: Shop, order: Order) {
  const totals = orderTotals(order);
  const currency = order.currency;
  const customer = order.customerId === null ? undefined : shop.customers.get(order.customerId);
  return {
    id: order.id,
    admin_graphql_api_id: gid("Order", order.id),
    app_id: null,
    browser_ip: null,
    buyer_accepts_marketing: false,
    cancel_reason: order.cancelReason,
    cancelled_at: order.cancelledAt,
    cart_token: null,
    checkout_id: null,
    checkout_token: null,
    closed_at: null,
    confirmation_number: `C${order.id}`,
    confirmed: true,
    contact_email: order.email,
    created_at: order.createdAt,
    currency,
    current_subtotal_price: formatCents(totals.currentSubtotal),
    current_subtotal_price_set: moneySet(totals.currentSubtotal, currency),
    current_total_discounts: formatCents(totals.discounts),
    current_total_discounts_set: moneySet(totals.discounts, currency),
    current_total_price: formatCents(totals.currentTotal),
    current_total_price_set: moneySet(totals.currentTotal, currency),
    current_total_tax: "0.00",
    current_total_tax_set: moneySet(0, currency),
    customer_locale: "en",
    discount_codes: order.discountCodes.map((d) => ({
      code: d.code,
      amount: formatCents(d.amountCents),
      type: d.type,
    })),
    discount_applications: discountApplications(order),
    email: order.email,
    estimated_taxes: false,
    financial_status: order.financialStatus,
    fulfillment_status: null,
    landing_site: null,
    name: order.name,
    note: null,
    note_attributes: [],
    number: order.number - 1000,
    order_number: order.number,
    order_status_url: `https://${shop.domain}/${shop.id}/orders/${order.id}/authenticate`,
    payment_gateway_names: ["bogus"],
    phone: null,
    presentment_currency: currency,
    processed_at: order.processedAt,
    reference: null,
    referring_site: null,
    source_name: "web",
    subtotal_price: formatCents(totals.subtotal),
    subtotal_price_set: moneySet(totals.subtotal, currency),
    tags: "",
    tax_lines: [],
    taxes_included: false,
    test: order.test,
    token: `t${order.id}`,
    total_discounts: formatCents(totals.discounts),
    total_discounts_set: moneySet(totals.discounts, currency),
    total_line_items_price: formatCents(totals.lineItemsTotal),
    total_line_items_price_set: moneySet(totals.lineItemsTotal, currency),
    total_outstanding: "0.00",
    total_price: formatCents(totals.total),
    total_price_set: moneySet(totals.total, currency),
    total_shipping_price_set: moneySet(order.shippingCents, currency),
    total_tax: "0.00",
    total_tax_set: moneySet(0, currency),
    total_tip_received: "0.00",
    total_weight: 0,
    updated_at: order.updatedAt,
    user_id: null,
    customer: customer ? customerPayload(shop, customer) : null,
    line_items: order.lineItems.map((l) => lineItemPayload(order, l)),
    refunds: order.refunds.map((r) => refundPayload(shop, order, r)),
    shipping_lines: shippingLines(order),
    billing_address: null,
    shipping_address: null,
    fulfillments: [],
  };
}

export function refundPayload(_shop: Shop, order: Order, refund: Refund) {
  const currency = order.currency;
  return {
    id: refund.id,
    admin_graphql_api_id: gid("Refund", refund.id),
    created_at: refund.createdAt,
    note: refund.note,
    order_id: order.id,
    processed_at: refund.createdAt,
    restock: false,
    total_duties_set: moneySet(0, currency),
    user_id: null,
    order_adjustments:
      refund.shippingCents > 0
        ? [
            {
              id: refund.id + 1,
              order_id: order.id,
              refund_id: refund.id,
              amount: formatCents(-refund.shippingCents),
              amount_set: moneySet(-refund.shippingCents, currency),
              tax_amount: "0.00",
              tax_amount_set: moneySet(0, currency),
              kind: "shipping_refund",
              reason: "Shipping refund",
            },
          ]
        : [],
    transactions: [
      {
        id: refund.transactionId,
        admin_graphql_api_id: gid("OrderTransaction", refund.transactionId),
        amount: formatCents(refund.amountCents),
        authorization: null,
        created_at: refund.createdAt,
        currency,
        device_id: null,
        error_code: null,
        gateway: "bogus",
        kind: "refund",
        location_id: null,
        message: "Bogus Gateway: Forced success",
        order_id: order.id,
        parent_id: order.paymentTransactionId,
        processed_at: refund.createdAt,
        source_name: "web",
        status: "success",
        test: order.test,
        user_id: null,
      },
    ],
    refund_line_items: refund.lines.map((line) => {
      const item = order.lineItems.find((l) => l.id === line.lineItemId);
      return {
        id: line.id,
        line_item_id: line.lineItemId,
        location_id: null,
        quantity: line.quantity,
        restock_type: "no_restock",
        subtotal: Number(formatCents(line.subtotalCents)),
        subtotal_set: moneySet(line.subtotalCents, currency),
        total_tax: 0,
        total_tax_set: moneySet(0, currency),
        line_item: item ? lineItemPayload(order, item) : null,
      };
    }),
    duties: [],
    return: null,
  };
}

export function customerDataRequestPayload(
  shop: Shop,
  customer: Customer,
  orderIds: number[],
  requestId: number,
) {
  return {
    shop_id: shop.id,
    shop_domain: shop.domain,
    orders_requested: orderIds,
    customer: { id: customer.id, email: customer.email, phone: customer.phone },
    data_request: { id: requestId },
  };
}

export function customerRedactPayload(shop: Shop, customer: Customer, orderIds: number[]) {
  return {
    shop_id: shop.id,
    shop_domain: shop.domain,
    customer: { id: customer.id, email: customer.email, phone: customer.phone },
    orders_to_redact: orderIds,
  };
}

export function shopRedactPayload(shop: Shop) {
  return { shop_id: shop.id, shop_domain: shop.domain };
}
