import { schema } from "@loyalnest/db";
import { z } from "zod";
import { shopFailedWork } from "../../../services/admin-operations";
import { adminProcedure } from "../../../trpc";
import { toIso } from "../../../schemas";

export const failedWorkInput = z
  .object({ limit: z.coerce.number().int().min(1).max(100).default(50) })
  .optional();

export const failedWorkOutput = z.object({
  /** False when no job queue is installed: dead-lettered jobs cannot be listed (nor retried). */
  queueAvailable: z.boolean(),
  deliveries: z.array(
    z.object({
      id: z.number().int(),
      topic: z.string(),
      eventId: z.string(),
      status: z.enum(schema.webhookDeliveryStatus.enumValues),
      attempts: z.number().int(),
      lastError: z.string().nullable(),
      receivedAt: z.string(),
    }),
  ),
  deadJobs: z.array(
    z.object({
      jobId: z.string(),
      deliveryId: z.number().int(),
      topic: z.string(),
      failedAt: z.string(),
      error: z.string().nullable(),
    }),
  ),
});

/** Webhook deliveries that failed, died or wait parked, and dead-lettered jobs, each with its error. */
export const failedWork = adminProcedure
  .input(failedWorkInput)
  .output(failedWorkOutput)
  .query(async ({ ctx, input }) => {
    const work = await shopFailedWork(ctx.deps.database.db, ctx.shop.id, input?.limit ?? 50);
    return {
      queueAvailable: work.queueAvailable,
      deliveries: work.deliveries.map((d) => ({ ...d, receivedAt: toIso(d.receivedAt) })),
      deadJobs: work.deadJobs.map((j) => ({ ...j, failedAt: toIso(j.failedAt) })),
    };
  });
