import { z } from "zod";
import { minorUnits, requestKey, rowId } from "../../schemas";
import { redeemAtPos } from "../../services/pos-actions";
import { posWriteProcedure } from "../../trpc";
import { redemptionViewSchema } from "../shopper/shopper-guard";

export const posRedeemInput = z
  .object({
    /** Our customer id, from `pos.lookupCustomer`. */
    customerId: rowId,
    rewardId: rowId,
    requestKey,
    /** The cart subtotal in shop minor units: a reward's minimum order is judged against it. */
    cartSubtotalMinor: minorUnits,
    /** Points-for-money only: the points the customer chose. */
    chosenPoints: z.number().int().positive().max(10_000_000).optional(),
  })
  .strict();

export const posRedeemOutput = z.object({
  redemption: redemptionViewSchema,
  balance: z.number().int(),
  replayed: z.boolean(),
});

/**
 * Redeems a reward at the till into a single-use code for this customer, which the POS applies to
 * the cart as a discount. Same issuing service (and replay rules) as the storefront, channel `pos`;
 * audited with actor `pos_staff`.
 */
export const redeem = posWriteProcedure
  .meta({
    openapi: {
      method: "POST",
      path: "/pos/redeem",
      tags: ["pos"],
      summary: "Redeem a reward for the customer at the till (a cart discount code)",
      protect: true,
    },
  })
  .input(posRedeemInput)
  .output(posRedeemOutput)
  .mutation(({ ctx, input }) =>
    redeemAtPos(ctx, {
      customerId: input.customerId,
      rewardId: input.rewardId,
      requestKey: input.requestKey,
      cartSubtotalMinor: input.cartSubtotalMinor,
      chosenPoints: input.chosenPoints,
    }),
  );
