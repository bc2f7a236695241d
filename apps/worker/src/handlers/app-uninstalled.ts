import { schema } from "@loyalnest/db";
import { and, eq, isNull, sql } from "drizzle-orm";
import { defineHandler } from "./define-handler";
import { processed } from "./handler-context";

const { shops, shopifySessions } = schema;

/**
 * `app/uninstalled` (§13): "stop all work for the shop at once, revoke tokens". The shop turns
 * `uninstalled` (the pipeline then ignores its business topics) and every stored token is revoked.
 */
export const appUninstalledHandler = defineHandler(
  "app/uninstalled",
  async (ctx) => {
    await ctx.tx
      .update(shops)
      .set({
        status: sql`case when ${shops.status} = 'redacted' then ${shops.status} else 'uninstalled' end`,
        uninstalledAt: sql`coalesce(${shops.uninstalledAt}, ${ctx.at.toISOString()}::timestamptz)`,
        updatedAt: sql`now()`,
      })
      .where(eq(shops.id, ctx.shopId));
    const revoked = await ctx.tx
      .update(shopifySessions)
      .set({ revokedAt: ctx.at, refreshLeaseUntil: null, updatedAt: sql`now()` })
      .where(and(eq(shopifySessions.shopId, ctx.shopId), isNull(shopifySessions.revokedAt)))
      .returning({ id: shopifySessions.id });
    return processed(`revoked ${revoked.length} sessions`);
  },
  { runsForInactiveShop: true },
);
