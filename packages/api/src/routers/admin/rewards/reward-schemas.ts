import { schema } from "@loyalnest/db";
import { z } from "zod";
import { currencyCode, positivePoints, rowId, shortText, toIso, toIsoOrNull } from "../../../schemas";
import { fieldsOf, type RewardRow } from "../../../services/rewards-catalogue";

/** Shared by the reward procedures: each field's bounds, the output shape and its mapper. */

const INT4_MAX = 2_147_483_647;
const minor = z.number().int().min(1).max(INT4_MAX);
const cost = positivePoints.max(1_000_000);

export const rewardFieldSchemas = {
  name: shortText(120),
  /** Every type but points-for-money: what the reward costs. */
  pointsCost: cost,
  /** Fixed amount / store credit: the value in shop-currency minor units. */
  valueMinor: minor,
  /** Free shipping: the highest shipping rate covered (minor units); null = any rate. */
  maxShippingMinor: minor.nullable(),
  /** Percentage: 1000 = 10 % off (1..10000). */
  percentBp: z.number().int().min(1).max(10_000),
  /** Free product: the Shopify variant (123 or gid://shopify/ProductVariant/123). */
  productVariantId: z
    .string()
    .regex(
      /^(gid:\/\/shopify\/ProductVariant\/)?\d{1,20}$/,
      "a Shopify variant id (123 or gid://shopify/ProductVariant/123)",
    )
    .transform((id) => (id.startsWith("gid://") ? id : `gid://shopify/ProductVariant/${id}`)),
  /** Points-for-money: the shopper turns points into money in steps between a minimum and a maximum. */
  pointsForMoney: z.strictObject({
    stepPoints: cost,
    stepValueMinor: minor,
    minPoints: positivePoints,
    maxPoints: positivePoints,
  }),
  /** Optional round values per presentment currency (e.g. {"EUR": 500}); null clears them. */
  valuesByCurrency: z
    .record(currencyCode, minor)
    .refine((values) => Object.keys(values).length <= 50, "at most 50 currencies")
    .nullable(),
  minOrderMinor: z.number().int().min(0).max(INT4_MAX).nullable(),
  codeExpiryDays: z.number().int().min(1).max(3650),
  combinesWith: z.strictObject({
    orderDiscounts: z.boolean(),
    productDiscounts: z.boolean(),
    shippingDiscounts: z.boolean(),
  }),
  perCustomerLimit: z.number().int().min(1).max(10_000).nullable(),
  /** The lowest tier allowed to redeem; null = everyone. */
  minTierId: rowId.nullable(),
  channels: z
    .array(z.enum(schema.salesChannel.enumValues))
    .min(1, "choose at least one channel")
    .max(schema.salesChannel.enumValues.length)
    .refine((channels) => new Set(channels).size === channels.length, "each channel once"),
  active: z.boolean(),
};

export const rewardOutput = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.enum(schema.rewardType.enumValues),
  pointsCost: z.number().int().nullable(),
  valueMinor: z.number().int().nullable(),
  maxShippingMinor: z.number().int().nullable(),
  percentBp: z.number().int().nullable(),
  productVariantId: z.string().nullable(),
  pointsForMoney: z
    .object({
      stepPoints: z.number().int(),
      stepValueMinor: z.number().int(),
      minPoints: z.number().int(),
      maxPoints: z.number().int(),
    })
    .nullable(),
  valuesByCurrency: z.record(z.string(), z.number()).nullable(),
  /** The currency of the money values (the shop's), null for types without one. */
  currency: z.string().nullable(),
  minOrderMinor: z.number().int().nullable(),
  codeExpiryDays: z.number().int(),
  combinesWith: z.object({
    orderDiscounts: z.boolean(),
    productDiscounts: z.boolean(),
    shippingDiscounts: z.boolean(),
  }),
  perCustomerLimit: z.number().int().nullable(),
  minTierId: z.number().int().nullable(),
  channels: z.array(z.enum(schema.salesChannel.enumValues)),
  active: z.boolean(),
  archivedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export function toRewardOutput(row: RewardRow): z.infer<typeof rewardOutput> {
  return {
    id: row.id,
    ...fieldsOf(row),
    currency: row.currency,
    archivedAt: toIsoOrNull(row.archivedAt),
    createdAt: toIso(row.createdAt),
    updatedAt: toIso(row.updatedAt),
  };
}
