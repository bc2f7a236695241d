import type { Customer, Order } from "../state";
import { gid, parseGid } from "../state";
import { paginate } from "./connection";
import type { Resolver } from "./context";
import type { Accessors } from "./search";
import { matchesSearch, parseSearch } from "./search";
import { customerView, discountNodeView, orderView, shopView, subscriptionView } from "./views";

const customerFields: Accessors<Customer> = {
  id: (c) => c.id,
  email: (c) => c.email,
  first_name: (c) => c.firstName,
  last_name: (c) => c.lastName,
  phone: (c) => c.phone,
  tag: (c) => c.tags,
  created_at: (c) => c.createdAt,
  updated_at: (c) => c.updatedAt,
};

const orderFields: Accessors<Order> = {
  id: (o) => o.id,
  name: (o) => o.name,
  email: (o) => o.email,
  customer_id: (o) => o.customerId,
  financial_status: (o) => o.financialStatus,
  created_at: (o) => o.createdAt,
  updated_at: (o) => o.updatedAt,
  processed_at: (o) => o.processedAt,
  status: (o) => (o.cancelledAt ? "cancelled" : "open"),
  discount_code: (o) => o.discountCodes.map((d) => d.code),
};

export const QUERY_RESOLVERS: Record<string, Resolver> = {
  shop: (_args, ctx) => shopView(ctx.shop, ctx.baseUrl),

  customers: (args, ctx) => {
    const terms = parseSearch(args.query);
    const items = [...ctx.shop.customers.values()].filter((c) =>
      matchesSearch(
        c,
        terms,
        customerFields,
        (x) => `${x.email ?? ""} ${x.firstName ?? ""} ${x.lastName ?? ""}`,
      ),
    );
    return paginate(
      "Customer",
      items,
      args,
      (c) => c.id,
      (c) => customerView(ctx.shop, c),
    );
  },

  customer: (args, ctx) => {
    const customer = ctx.shop.customers.get(parseGid(args.id, "Customer") ?? -1);
    return customer ? customerView(ctx.shop, customer) : null;
  },

  orders: (args, ctx) => {
    const terms = parseSearch(args.query);
    const items = [...ctx.shop.orders.values()].filter((o) =>
      matchesSearch(o, terms, orderFields, (x) => `${x.name} ${x.email ?? ""}`),
    );
    return paginate(
      "Order",
      items,
      args,
      (o) => o.id,
      (o) => orderView(ctx.shop, o),
    );
  },

  order: (args, ctx) => {
    const order = ctx.shop.orders.get(parseGid(args.id, "Order") ?? -1);
    return order ? orderView(ctx.shop, order) : null;
  },

  codeDiscountNode: (args, ctx) => {
    const discount = ctx.shop.discounts.get(parseGid(args.id, "DiscountCodeNode") ?? -1);
    return discount ? discountNodeView(ctx.shop, discount) : null;
  },

  currentAppInstallation: (_args, ctx) => ({
    __typename: "AppInstallation",
    id: gid("AppInstallation", ctx.shop.id),
    launchUrl: `${ctx.baseUrl}/_dev/frame?shop=${ctx.shop.domain}`,
    activeSubscriptions: [...ctx.shop.subscriptions.values()]
      .filter((s) => s.status === "ACTIVE")
      .map(subscriptionView),
    accessScopes: ctx.options.scopes.split(",").map((handle) => ({ __typename: "AccessScope", handle })),
  }),
};
