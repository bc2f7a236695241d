import { z } from "zod";
import { claimShopperAction, SOCIAL_NETWORKS } from "../../services/shopper-actions";
import { shopperWriteProcedure } from "../../trpc";
import { requireCustomerId } from "./shopper-guard";

export const claimActionInput = z
  .object({
    action: z.enum(["birthday", "newsletter", "social"]),
    /** birthday: the date of birth, YYYY-MM-DD (a real date, not in the future). */
    birthday: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "a date like 1990-04-23")
      .optional(),
    /** social: which network the shopper followed. */
    network: z.enum(SOCIAL_NETWORKS).optional(),
  })
  .strict();

export const claimActionOutput = z.object({
  action: z.enum(["birthday", "newsletter", "social"]),
  /**
   * `awarded`: points credited now; `already_awarded`: this action earned before (nothing new);
   * `birthday_saved`: the birthday is stored — its points arrive on the birthday.
   */
  outcome: z.enum(["awarded", "already_awarded", "birthday_saved"]),
  points: z.number().int(),
  balance: z.number().int(),
  message: z.string(),
});

/**
 * The shopper claims a one-off earning action (product.md §4):
 * - `birthday`: stores the date of birth once (a second attempt is refused: it cannot be moved to
 *   harvest points). The daily job pays the points on the birthday; a birthday saved less than 30
 *   days before it falls earns nothing that year (packages/db loyalty/birthdays.ts).
 * - `newsletter`: Shopify's marketing consent is the proof. The points are recorded only once the
 *   consent we hold is `subscribed`; before that the claim is refused with what to do. The ledger
 *   key is the one the customers/update webhook uses, so the award is paid once whichever comes first.
 * - `social`: once per network from a fixed list, the points from the shop's `social` earning rule
 *   for that network (its `variant`, or a rule without variant for every network; 50 when the shop
 *   never configured one), keyed `social:<customer>:<network>`.
 */
export const claimAction = shopperWriteProcedure
  .meta({
    openapi: {
      method: "POST",
      path: "/shopper/claim-action",
      tags: ["shopper"],
      summary: "Claim points for a birthday, newsletter or social follow",
      protect: true,
    },
  })
  .input(claimActionInput)
  .output(claimActionOutput)
  .mutation(async ({ ctx, input }) => {
    const customerId = requireCustomerId(ctx.shopper);
    return claimShopperAction(ctx.deps, ctx.shop, customerId, input);
  });
