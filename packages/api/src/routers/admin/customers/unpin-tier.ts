import { z } from "zod";
import { unpinTierForCustomer } from "../../../services/admin-customer-actions";
import { adminProcedure } from "../../../trpc";
import { storedText } from "./customer-schemas";
import { requestKey, rowId, toIsoOrNull } from "../../../schemas";
import { tierActionOutput } from "./pin-tier";

export const unpinTierInput = z.object({
  customerId: rowId,
  reason: storedText(500).optional(),
  requestKey,
});

/** Removes a customer's tier pin: they move at once to the highest tier they qualify for. Audited. */
export const unpinTier = adminProcedure
  .input(unpinTierInput)
  .output(tierActionOutput)
  .mutation(async ({ ctx, input }) => {
    const result = await unpinTierForCustomer(
      ctx.deps.database.db,
      ctx.shop.id,
      ctx.staff,
      { customerId: input.customerId, reason: input.reason ?? null, requestKey: input.requestKey },
      ctx.deps.now(),
    );
    return { ...result, pinnedUntil: toIsoOrNull(result.pinnedUntil) };
  });
