import { z } from "zod";

/** Shopify's MoneyV2: a decimal string and an ISO currency code. */
export const moneySchema = z.object({ amount: z.string(), currencyCode: z.string() });
export type Money = z.infer<typeof moneySchema>;

export const pageInfoSchema = z.object({
  hasNextPage: z.boolean(),
  endCursor: z.string().nullable(),
});

/** One page of a connection and the cursor for the next. */
export interface Page<T> {
  nodes: T[];
  hasNextPage: boolean;
  endCursor: string | null;
}

export const toGid = (type: string, id: string | number) =>
  typeof id === "string" && id.startsWith("gid://") ? id : `gid://shopify/${type}/${id}`;

/** The numeric id of a `gid://shopify/Type/123`. */
export function numericId(gid: string): number {
  const match = /\/(\d+)$/.exec(gid);
  if (!match) throw new Error(`not a Shopify gid: ${gid}`);
  return Number(match[1]);
}

/** Money input as Shopify wants it: a decimal string, never a float. */
export const decimalString = z
  .union([z.string(), z.number()])
  .transform((v) => (typeof v === "number" ? v.toFixed(2) : v))
  .refine((v) => /^\d+(\.\d{1,2})?$/.test(v), "an amount like 5 or 5.00");
