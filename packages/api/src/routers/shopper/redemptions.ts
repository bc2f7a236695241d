import { schema } from "@loyalnest/db";
import { and, desc, eq, lt } from "drizzle-orm";
import { pageInput, pageOutput } from "../../schemas";
import { redemptionView } from "../../services/redemption-issuing";
import { shopperReadProcedure } from "../../trpc";
import { redemptionViewSchema } from "./shopper-guard";

export const redemptionsInput = pageInput.strict();
export const redemptionsOutput = pageOutput(redemptionViewSchema);

/**
 * The shopper's redemptions, newest first: each with its status, the code while it can be used
 * (or once used), and when it expires. Released ones (a Shopify failure, an expired unused code)
 * stay listed without their code, so the shopper sees where their points went and came back.
 */
export const redemptions = shopperReadProcedure
  .meta({
    openapi: {
      method: "GET",
      path: "/shopper/redemptions",
      tags: ["shopper"],
      summary: "The logged-in shopper's reward codes, with status and expiry",
      protect: true,
    },
  })
  .input(redemptionsInput)
  .output(redemptionsOutput)
  .query(async ({ ctx, input }) => {
    const customerId = ctx.shopper.customerId;
    if (customerId === null) return { items: [], nextCursor: null };
    const table = schema.redemptions;
    const { rewards } = schema;
    const rows = await ctx.deps.database.db
      .select({ redemption: table, reward: { name: rewards.name, type: rewards.type } })
      .from(table)
      .leftJoin(rewards, and(eq(rewards.shopId, table.shopId), eq(rewards.id, table.rewardId)))
      .where(
        and(
          eq(table.shopId, ctx.shop.id),
          eq(table.customerId, customerId),
          input.cursor === undefined ? undefined : lt(table.id, input.cursor),
        ),
      )
      .orderBy(desc(table.id))
      .limit(input.limit + 1);
    const page = rows.slice(0, input.limit);
    return {
      items: page.map((row) => redemptionView(row.redemption, row.reward ?? undefined)),
      nextCursor: rows.length > input.limit ? page[page.length - 1]!.redemption.id : null,
    };
  });
