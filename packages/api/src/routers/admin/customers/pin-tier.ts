import { z } from "zod";
import { pinTierForCustomer } from "../../../services/admin-customer-actions";
import { adminProcedure } from "../../../trpc";
import { isoDateTime, requestKey, rowId, toIsoOrNull } from "../../../schemas";
import { storedText, tierRefSchema } from "./customer-schemas";

export const pinTierInput = z.object({
  customerId: rowId,
  /** The tier to pin; null pins the customer to "no tier". */
  tierId: rowId.nullable(),
  /** Optional end of the pin (in the future); absent or null = until unpinned. */
  until: isoDateTime.nullable().optional(),
  /** Staff note kept in the tier history (not copied to the audit log). */
  reason: storedText(500).optional(),
  requestKey,
});

export const tierActionOutput = z.object({
  /** `duplicate`: this request key was already recorded; nothing changed again. */
  outcome: z.enum(["changed", "duplicate"]),
  tier: tierRefSchema.nullable(),
  pinned: z.boolean(),
  pinnedUntil: z.string().nullable(),
});

/** Pins a tier to a customer (overriding evaluation), optionally until a date; kept in history and audited. */
export const pinTier = adminProcedure
  .input(pinTierInput)
  .output(tierActionOutput)
  .mutation(async ({ ctx, input }) => {
    const result = await pinTierForCustomer(
      ctx.deps.database.db,
      ctx.shop.id,
      ctx.staff,
      {
        customerId: input.customerId,
        tierId: input.tierId,
        until: input.until ? new Date(input.until) : null,
        reason: input.reason ?? null,
        requestKey: input.requestKey,
      },
      ctx.deps.now(),
    );
    return { ...result, pinnedUntil: toIsoOrNull(result.pinnedUntil) };
  });
