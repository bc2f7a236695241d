import { z } from "zod";
import { isoDateTime, minorUnits, requestKey, rowId, shortText } from "../../schemas";
import { MAX_POS_AWARD, syncOfflineBatch } from "../../services/pos-actions";
import { posWriteProcedure } from "../../trpc";

const earnAction = z
  .object({
    type: z.literal("earn"),
    /** The action's own idempotency key, made on the till when it was recorded. */
    key: requestKey,
    recordedAt: isoDateTime,
    customerId: rowId,
    points: z.number().int().positive().max(MAX_POS_AWARD),
    reason: shortText(200),
  })
  .strict();

const redeemAction = z
  .object({
    type: z.literal("redeem"),
    key: requestKey,
    recordedAt: isoDateTime,
    customerId: rowId,
    rewardId: rowId,
    cartSubtotalMinor: minorUnits.optional(),
    chosenPoints: z.number().int().positive().max(10_000_000).optional(),
  })
  .strict();

export const syncOfflineInput = z
  .object({
    actions: z
      .array(z.discriminatedUnion("type", [earnAction, redeemAction]))
      .min(1)
      .max(100),
  })
  .strict();

export const syncOfflineOutput = z.object({
  results: z.array(
    z.object({
      key: z.string(),
      type: z.enum(["earn", "redeem"]),
      status: z.enum(["applied", "duplicate", "refused"]),
      reason: z.string().nullable(),
      message: z.string().nullable(),
      pointsDelta: z.number().int(),
      discountCode: z.string().nullable(),
      balance: z.number().int().nullable(),
    }),
  ),
});

/**
 * Syncs up to 100 earn / redeem actions the till recorded while offline, in order, each with its
 * own key. Every action gets a result (applied, duplicate, or refused with a reason such as
 * `insufficient_points` at sync time) — none is dropped; a replayed batch changes nothing.
 */
export const syncOffline = posWriteProcedure
  .meta({
    openapi: {
      method: "POST",
      path: "/pos/sync-offline",
      tags: ["pos"],
      summary: "Apply a batch of earn / redeem actions recorded while offline",
      protect: true,
    },
  })
  .input(syncOfflineInput)
  .output(syncOfflineOutput)
  .mutation(async ({ ctx, input }) => ({ results: await syncOfflineBatch(ctx, input.actions) }));
