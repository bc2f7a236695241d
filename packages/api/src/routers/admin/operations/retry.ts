import { z } from "zod";
import { retryShopDelivery } from "../../../services/admin-operations";
import { adminProcedure } from "../../../trpc";
import { rowId } from "../../../schemas";

export const retryInput = z.object({ deliveryId: rowId });
export const retryOutput = z.object({ deliveryId: z.number().int(), jobId: z.string().nullable() });

/** Retries one failed, dead or parked webhook delivery (handlers are idempotent). Audited. */
export const retry = adminProcedure
  .input(retryInput)
  .output(retryOutput)
  .mutation(({ ctx, input }) =>
    retryShopDelivery(ctx.deps.database.db, ctx.deps.boss, ctx, input.deliveryId),
  );
