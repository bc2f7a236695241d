import { z } from "zod";
import { retryAllShopDeliveries } from "../../../services/admin-operations";
import { adminProcedure } from "../../../trpc";

/** Takes no options; an object is required so every client sends a JSON body. */
export const retryAllInput = z.object({});
export const retryAllOutput = z.object({ retried: z.number().int() });

/** Retries every failed or dead delivery of the shop; parked ones wait for their order. Audited. */
export const retryAll = adminProcedure
  .input(retryAllInput)
  .output(retryAllOutput)
  .mutation(({ ctx }) => retryAllShopDeliveries(ctx.deps.database.db, ctx.deps.boss, ctx));
