import { z } from "zod";

/**
 * Building blocks shared by the topic schemas. Every object schema strips fields LoyalNest does
 * not read (Shopify adds fields in every API version) and validates the ones it does.
 */

/** Shopify's numeric REST ids (orders, customers, line items, refunds) fit below 2^53. */
export const shopifyIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** An ISO 8601 instant with its offset, as Shopify writes them; read as a Date. */
export const timestampSchema = z
  .string()
  .refine((value) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)), {
    message: "an ISO 8601 timestamp",
  })
  .transform((value) => new Date(value));

export const nullableTimestampSchema = timestampSchema.nullish().transform((value) => value ?? null);

/** Free text that may be null or absent; read as `string | null`. */
export const optionalTextSchema = z
  .string()
  .nullish()
  .transform((value) => (value === undefined || value === null || value.trim() === "" ? null : value));

/** Shopify's comma-separated tag string ("vip, wholesale"), or an array, read as trimmed tags. */
export const tagsSchema = z
  .union([z.string(), z.array(z.string())])
  .nullish()
  .transform((value) => {
    const parts =
      value === null || value === undefined ? [] : Array.isArray(value) ? value : value.split(",");
    return parts.map((tag) => tag.trim()).filter((tag) => tag !== "");
  });

/** "gid://shopify/AppSubscription/123" → 123 (the REST id inside a GraphQL id). */
export const gidSchema = z
  .string()
  .regex(/^gid:\/\/shopify\/[A-Za-z]+\/\d+$/, "a Shopify GraphQL id")
  .transform((value) => Number(value.slice(value.lastIndexOf("/") + 1)));
