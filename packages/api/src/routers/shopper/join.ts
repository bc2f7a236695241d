import { z } from "zod";
import { availablePoints } from "../../services/redemption-issuing";
import { joinProgramme } from "../../services/shopper-actions";
import { shopperWriteProcedure } from "../../trpc";

export const joinInput = z.object({}).strict().optional();

export const joinOutput = z.object({
  status: z.enum(["member", "not_member", "excluded"]),
  /** True when this call made the shopper a member (false: they already were). */
  joined: z.boolean(),
  /** The signup points credited by joining (0 when already paid or not offered). */
  signupPoints: z.number().int(),
  balance: z.number().int(),
});

/**
 * Joins the rewards programme (shops whose membership mode is opt-in; in automatic shops every
 * customer already is a member and this changes nothing). Works before Shopify's customers/create
 * webhook has arrived: the customer row is created from the verified Shopify customer id.
 */
export const join = shopperWriteProcedure
  .meta({
    openapi: {
      method: "POST",
      path: "/shopper/join",
      tags: ["shopper"],
      summary: "Join the rewards programme",
      protect: true,
    },
  })
  .input(joinInput)
  .output(joinOutput)
  .mutation(async ({ ctx }) => {
    const result = await joinProgramme(ctx.deps, ctx.shop, ctx.shopper.shopifyCustomerId);
    return {
      status: result.status,
      joined: result.joined,
      signupPoints: result.signupPoints,
      balance: await availablePoints(ctx.deps.database.db, ctx.shop.id, result.customerId),
    };
  });
