import { z } from "zod";

/** Bodies of the `/_dev` control API. */
const controls = {
  duplicate: z.number().int().min(0).max(100).optional(),
  delayMs: z.number().int().min(0).max(3_600_000).optional(),
  deliver: z.boolean().optional(),
};

const shopDomain = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, "must be a *.myshopify.com domain");
const id = z.union([z.number().int(), z.string().min(1)]);
const amount = z.union([z.string().regex(/^-?\d+(\.\d+)?$/), z.number()]);

export const createShopSchema = z.object({
  domain: shopDomain,
  name: z.string().optional(),
  currencyCode: z.string().length(3).optional(),
  ianaTimezone: z.string().optional(),
  planName: z.string().optional(),
});

export const createCustomerSchema = z.object({
  shop: shopDomain,
  email: z.string().email().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  phone: z.string().optional(),
  tags: z.array(z.string()).optional(),
  note: z.string().optional(),
  ...controls,
});

export const createOrderSchema = z.object({
  shop: shopDomain,
  customerId: id.nullable().optional(),
  email: z.string().email().optional(),
  lineItems: z
    .array(
      z.object({
        title: z.string().optional(),
        price: amount,
        quantity: z.number().int().min(1).optional(),
        productId: z.number().int().optional(),
        sku: z.string().optional(),
        productTags: z.array(z.string()).optional(),
      }),
    )
    .min(1),
  discountCodes: z
    .array(
      z.union([
        z.string(),
        z.object({
          code: z.string(),
          amount,
          type: z.enum(["fixed_amount", "percentage", "shipping"]).optional(),
        }),
      ]),
    )
    .optional(),
  shipping: amount.optional(),
  test: z.boolean().optional(),
  createdAt: z.string().datetime({ offset: true }).optional(),
  ...controls,
});

export const refundSchema = z.object({
  lines: z.array(z.object({ lineItemId: id, quantity: z.number().int().min(1) })),
  shipping: amount.optional(),
  note: z.string().optional(),
  ...controls,
});

export const cancelSchema = z.object({
  reason: z.enum(["customer", "fraud", "inventory", "declined", "other"]).optional(),
  refund: z.boolean().optional(),
  ...controls,
});

export const customerGdprSchema = z.object({ shop: shopDomain, customerId: id, ...controls });
export const shopGdprSchema = z.object({ shop: shopDomain, ...controls });

export const releaseSchema = z.object({
  order: z.enum(["fifo", "reverse", "shuffle"]).default("fifo"),
  seed: z.number().int().optional(),
  wait: z.boolean().optional(),
});

export const sessionTokenSchema = z.object({
  shop: shopDomain,
  kind: z.enum(["admin", "checkout", "customer_account", "pos"]).default("admin"),
  sub: z.string().optional(),
  ttlSeconds: z.number().int().optional(),
});

export const accessTokenSchema = z.object({ shop: shopDomain, expiring: z.boolean().default(true) });

export const appProxySchema = z.object({
  shop: shopDomain,
  path: z.string().default("/"),
  query: z.union([z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string())]))]).optional(),
  loggedInCustomerId: id.nullable().optional(),
  pathPrefix: z.string().default("/apps/loyalnest"),
  proxyUrl: z.string().url().optional(),
  timestamp: z.number().int().optional(),
});

export const loadSchema = z.object({
  shop: shopDomain.optional(),
  ordersPerSecond: z.number().positive().max(1000),
  customers: z.number().int().min(1).max(10_000),
  seconds: z.number().positive().max(600),
  duplicateRate: z.number().min(0).max(1).default(0),
  reorderRate: z.number().min(0).max(1).default(0),
  seed: z.number().int().default(1),
});

/** The extension preview's checkout: a code to add next to the codes already on the checkout. */
export const checkoutCodeSchema = z.object({
  shop: shopDomain,
  customerId: z
    .string()
    .regex(/^\d{1,20}$/)
    .nullable(),
  code: z.string().min(1).max(255),
  codes: z.array(z.string().max(255)).max(20),
});
