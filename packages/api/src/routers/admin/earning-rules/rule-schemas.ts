import { schema } from "@loyalnest/db";
import { z } from "zod";
import { minorUnits, positivePoints, shortText, toIso } from "../../../schemas";
import type { EarningRuleView } from "../../../services/earning-rules";

/** Shared by the earning-rule procedures: the settings of each kind of rule, as input and output. */

const tag = shortText(255);
const collectionId = z
  .string()
  .regex(
    /^(gid:\/\/shopify\/Collection\/)?\d{1,20}$/,
    "a Shopify collection id (123 or gid://shopify/Collection/123)",
  );
const uniqueList = <T extends z.ZodType<string>>(item: T, max: number) =>
  z
    .array(item)
    .max(max)
    .refine((items) => new Set(items).size === items.length, "each value once");

const actionPoints = positivePoints.max(1_000_000);

export const purchaseFiltersSchema = z.strictObject({
  /** Orders whose purchase basis is below this (shop minor units) earn nothing; null = no minimum. */
  minOrderMinor: minorUnits.nullable().default(null),
  /** Products with any of these tags are kept out of the basis. */
  productTags: uniqueList(tag, 100).default([]),
  /** Products in any of these collections are kept out of the basis. */
  collectionIds: uniqueList(collectionId, 100).default([]),
  /** Customers with any of these tags earn nothing from purchases. */
  excludedCustomerTags: uniqueList(tag, 100).default([]),
  /** Channels that earn (online, POS). */
  channels: uniqueList(z.enum(["online", "pos"]), 2)
    .min(1, "choose at least one channel")
    .default(["online", "pos"]),
});

/** One rule's settings; `kind` says which. */
export const ruleSettingsSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("purchase"), filters: purchaseFiltersSchema }),
  z.strictObject({ kind: z.literal("signup"), points: actionPoints }),
  z.strictObject({ kind: z.literal("birthday"), points: actionPoints }),
  z.strictObject({ kind: z.literal("newsletter"), points: actionPoints }),
  z.strictObject({
    kind: z.literal("review"),
    points: actionPoints,
    /** Reviews rewarded per customer per calendar month (shop time). */
    monthlyLimit: z.number().int().min(1).max(100),
  }),
  z.strictObject({ kind: z.literal("social"), points: actionPoints }),
]);

/** A social network's name as rules store it: lower case, no spaces (e.g. "instagram"). */
export const networkSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_.-]+$/, "a network name like instagram (letters, digits, . _ -)");

const ruleSettingsOutput = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("purchase"),
    filters: z.object({
      minOrderMinor: z.number().int().nullable(),
      productTags: z.array(z.string()),
      collectionIds: z.array(z.string()),
      excludedCustomerTags: z.array(z.string()),
      channels: z.array(z.enum(["online", "pos"])),
    }),
  }),
  z.object({ kind: z.enum(["signup", "birthday", "newsletter", "social"]), points: z.number().int() }),
  z.object({ kind: z.literal("review"), points: z.number().int(), monthlyLimit: z.number().int() }),
]);

export const earningRuleOutput = z.object({
  id: z.number().int(),
  kind: z.enum(schema.earningRuleKind.enumValues),
  network: z.string().nullable(),
  active: z.boolean(),
  currentVersion: z.number().int(),
  settings: ruleSettingsOutput,
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const ruleVersionOutput = z.object({
  version: z.number().int(),
  settings: ruleSettingsOutput,
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  current: z.boolean(),
});

export function toRuleOutput(rule: EarningRuleView): z.infer<typeof earningRuleOutput> {
  return { ...rule, createdAt: toIso(rule.createdAt), updatedAt: toIso(rule.updatedAt) };
}
