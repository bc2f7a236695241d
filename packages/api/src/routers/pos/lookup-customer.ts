import { decryptOptional, emailBlindIndex, schema } from "@loyalnest/db";
import { checkRedemptionEligibility, maxRedeemablePoints } from "@loyalnest/domain";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { minorUnits, shopifyNumericId, rewardTypeSchema } from "../../schemas";
import { loadShopCatalog, loadShopperState } from "../../services/shopper-profile";
import { posProcedure } from "../../trpc";

export const lookupCustomerInput = z
  .object({
    /** The customer's e-mail, as the associate typed it (matched exactly, case-insensitively). */
    email: z.string().trim().email("an e-mail address").max(254).optional(),
    /** Or the Shopify customer id (e.g. from the POS cart's customer). */
    shopifyCustomerId: shopifyNumericId.optional(),
    /** The cart subtotal in shop minor units, to judge rewards with a minimum order. */
    cartSubtotalMinor: z.coerce.number().pipe(minorUnits).optional(),
  })
  .strict()
  .refine((input) => (input.email === undefined) !== (input.shopifyCustomerId === undefined), {
    message: "Give either an e-mail or a Shopify customer id.",
  });

const rewardSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  type: rewardTypeSchema,
  pointsCost: z.number().int(),
  /** Points-for-money: the most points this customer can put in now. */
  maxPoints: z.number().int().nullable(),
  redeemable: z.boolean(),
  unavailableReasons: z.array(z.string()),
});

export const lookupCustomerOutput = z.object({
  customer: z.object({
    id: z.number().int(),
    shopifyCustomerId: z.string().nullable(),
    firstName: z.string().nullable(),
    status: z.enum(["member", "not_member", "excluded"]),
  }),
  balance: z.object({ available: z.number().int(), pending: z.number().int() }),
  tier: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  /** Rewards offered at the POS, each with whether this customer can redeem it now. */
  rewards: z.array(rewardSchema),
});

const NOT_FOUND = "No rewards member matches that e-mail or customer in this shop.";

/**
 * Finds a customer of this shop by e-mail (through the keyed blind index, never a scan of
 * decrypted e-mails) or by Shopify customer id, with their balance, tier and the POS rewards.
 */
export const lookupCustomer = posProcedure
  .meta({
    openapi: {
      method: "GET",
      path: "/pos/customer",
      tags: ["pos"],
      summary: "Look a customer up by e-mail or Shopify id: balance, tier, redeemable rewards",
      protect: true,
    },
  })
  .input(lookupCustomerInput)
  .output(lookupCustomerOutput)
  .query(async ({ ctx, input }) => {
    const { db } = ctx.deps.database;
    const { customers } = schema;
    const match =
      input.email !== undefined
        ? eq(customers.emailHash, emailBlindIndex(ctx.deps.keyring, input.email))
        : eq(customers.shopifyCustomerId, Number(input.shopifyCustomerId));
    const [row] = await db
      .select()
      .from(customers)
      .where(and(eq(customers.shopId, ctx.shop.id), eq(customers.isTombstone, false), match))
      .limit(1);
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: NOT_FOUND });

    const [catalog, state] = await Promise.all([
      loadShopCatalog(db, ctx.shop),
      loadShopperState(db, ctx.shop.id, row.id, ctx.deps.now()),
    ]);
    if (!state) throw new TRPCError({ code: "NOT_FOUND", message: NOT_FOUND });
    const status = state.holdout ? "excluded" : state.membership;
    const tier = catalog.tiers.find((t) => t.id === state.tierId) ?? null;
    const tierRanks = catalog.tiers.map((t) => ({ id: String(t.id), threshold: t.threshold }));
    const rewards = catalog.rewards
      .filter((reward) => reward.channels.includes("pos"))
      .map((reward) => {
        const kind = reward.kind;
        const pfm = kind.type === "points_for_money" ? kind : null;
        const eligibility = checkRedemptionEligibility(reward, {
          availablePoints: state.available,
          customerTierId: state.tierId === null ? null : String(state.tierId),
          tiers: tierRanks,
          redemptionsOfReward: state.redemptionsByReward[reward.id] ?? 0,
          channel: "pos",
          cartSubtotalMinor: input.cartSubtotalMinor ?? null,
          ...(pfm ? { chosenPoints: pfm.minPoints } : {}),
        });
        const blocked = !catalog.programmeEnabled || status !== "member";
        const reasons: string[] = blocked
          ? ["not_a_member"]
          : eligibility.eligible
            ? []
            : eligibility.reasons;
        return {
          id: Number(reward.id),
          name: reward.name,
          type: kind.type,
          pointsCost: kind.type === "points_for_money" ? kind.minPoints : kind.pointsCost,
          maxPoints: pfm ? (maxRedeemablePoints(pfm, state.available) ?? null) : null,
          redeemable: !blocked && eligibility.eligible,
          unavailableReasons: reasons,
        };
      });
    return {
      customer: {
        id: row.id,
        shopifyCustomerId: row.shopifyCustomerId === null ? null : String(row.shopifyCustomerId),
        firstName: decryptOptional(ctx.deps.keyring, row.firstNameEnc, "customers.first_name"),
        status,
      },
      balance: { available: state.available, pending: state.pending },
      tier: tier ? { id: tier.id, name: tier.name } : null,
      rewards,
    };
  });
