import { schema } from "@loyalnest/db";
import { and, eq, sql } from "drizzle-orm";
import { defineHandler } from "./define-handler";
import { ignored, processed } from "./handler-context";

const { customers } = schema;

/**
 * `customers/delete`: the customer is marked deleted in Shopify; their ledger and balance stay
 * (erasing personal data is `customers/redact`'s job). The first deletion time is kept.
 */
export const customersDeleteHandler = defineHandler("customers/delete", async (ctx, payload) => {
  const rows = await ctx.tx
    .update(customers)
    .set({
      deletedInShopifyAt: sql`coalesce(${customers.deletedInShopifyAt}, ${ctx.at.toISOString()}::timestamptz)`,
    })
    .where(and(eq(customers.shopId, ctx.shopId), eq(customers.shopifyCustomerId, payload.id)))
    .returning({ id: customers.id });
  return rows.length > 0 ? processed() : ignored(`customer ${payload.id} is not known to LoyalNest`);
});
