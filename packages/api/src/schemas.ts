import { schema } from "@loyalnest/db";
import { z } from "zod";

/**
 * Building blocks for procedure inputs and outputs. Every bound here exists so that hostile input
 * is refused by the schema (a 400 naming the field) rather than reaching Postgres as a value it
 * cannot hold (a 500).
 */

const INT4_MAX = 2_147_483_647;

/** A reward's type, as the database enum spells it. */
export const rewardTypeSchema = z.enum(schema.rewardType.enumValues);

/** One of our row ids (`customers.id`, `rewards.id`, …): a positive int4. Coerced for REST query strings. */
export const rowId = z.coerce.number().int().positive().max(INT4_MAX);

/** A Shopify numeric id (customer, order), as digits. */
export const shopifyNumericId = z
  .string()
  .regex(/^\d{1,16}$/, "a Shopify numeric id")
  .refine((id) => Number.isSafeInteger(Number(id)) && Number(id) > 0, "a Shopify numeric id");

/** Points in any one operation; the engine's own figures stay far below. */
export const pointsAmount = z.number().int().min(-10_000_000).max(10_000_000);
export const positivePoints = z.number().int().positive().max(10_000_000);

/** Money in minor units of the shop currency (≤ 10 billion: beyond any real order). */
export const minorUnits = z.number().int().min(0).max(10_000_000_000);
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, "an ISO 4217 currency code like USD");

/** A client's request key: a retried click or an offline action replays under the same key. */
export const requestKey = z
  .string()
  .min(8, "at least 8 characters")
  .max(100)
  .regex(/^[A-Za-z0-9:_.-]+$/, "letters, digits and : _ . - only");

/** Free text a human typed (a reason, a note, a search). */
export const shortText = (max = 500) => z.string().trim().min(1).max(max);

/** Timestamps travel as ISO 8601 strings in UTC (JSON has no dates; OpenAPI clients agree). */
export const isoDateTime = z.iso.datetime({ offset: true });
export const toIso = (date: Date) => date.toISOString();
export const toIsoOrNull = (date: Date | null | undefined) => (date ? date.toISOString() : null);

/** Keyset pagination: `cursor` is the last row id of the previous page. */
export const pageInput = z.object({
  cursor: rowId.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export const pageOutput = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.number().int().nullable() });
