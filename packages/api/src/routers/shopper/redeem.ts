import { z } from "zod";
import { requestKey, rowId } from "../../schemas";
import { issueRedemption, redemptionView } from "../../services/redemption-issuing";
import { shopperWriteProcedure } from "../../trpc";
import { redemptionViewSchema, requireCustomerId } from "./shopper-guard";

export const redeemInput = z
  .object({
    rewardId: rowId,
    /** A new key per click; a retried click (or a lost response) sends the same key again. */
    requestKey,
    /** Points-for-money only: the points to turn into a discount (whole steps, within the reward's bounds). */
    chosenPoints: z.number().int().positive().max(10_000_000).optional(),
  })
  .strict();

export const redeemOutput = z.object({
  redemption: redemptionViewSchema,
  /** The shopper's available points after this redemption. */
  balance: z.number().int(),
  /** True when this request key was seen before: nothing was debited again. */
  replayed: z.boolean(),
});

/**
 * Redeems a reward for the logged-in shopper: the points are reserved, the single-use code (or the
 * store credit) is created in Shopify, and the code comes back. Idempotent on `requestKey`; see
 * services/redemption-issuing.ts for what a replay returns. A Shopify failure returns the points
 * and answers 502 "Could not create your code; your points were returned."
 */
export const redeem = shopperWriteProcedure
  .meta({
    openapi: {
      method: "POST",
      path: "/shopper/redeem",
      tags: ["shopper"],
      summary: "Redeem a reward for a discount code or store credit",
      protect: true,
    },
  })
  .input(redeemInput)
  .output(redeemOutput)
  .mutation(async ({ ctx, input }) => {
    const customerId = requireCustomerId(ctx.shopper);
    const result = await issueRedemption(
      { db: ctx.deps.database.db, shopifyAdmin: ctx.deps.shopifyAdmin, now: ctx.deps.now },
      ctx.shop,
      {
        customerId,
        rewardId: input.rewardId,
        requestKey: input.requestKey,
        chosenPoints: input.chosenPoints,
        channel: "online",
      },
    );
    return {
      redemption: redemptionView(result.redemption),
      balance: result.availablePoints,
      replayed: result.replayed,
    };
  });
