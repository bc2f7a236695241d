import { schema } from "@loyalnest/db";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { page } from "../../../services/admin-customers";
import { adminProcedure } from "../../../trpc";
import { pageInput, pageOutput, toIso } from "../../../schemas";
import { storedText } from "../customers/customer-schemas";

const { auditLog } = schema;

export const listInput = pageInput.extend({
  /** e.g. "customer", "referral", "gdpr_request", "webhook_delivery". */
  entityType: storedText(64).optional(),
  entityId: storedText(64).optional(),
  /** e.g. "points.adjust", "tier.pin", "referral.approve". */
  action: storedText(100).optional(),
});

export const listOutput = pageOutput(
  z.object({
    id: z.number().int(),
    actorType: z.enum(schema.actorType.enumValues),
    actorId: z.string().nullable(),
    action: z.string(),
    entityType: z.string(),
    entityId: z.string().nullable(),
    reason: z.string().nullable(),
    /** Field names and non-personal values. */
    changes: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.string(),
  }),
);

const asChanges = (value: unknown) =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;

/** Who did what in the shop (staff adjustments, pins, reviews, GDPR downloads, retries…), newest first. */
export const list = adminProcedure
  .input(listInput)
  .output(listOutput)
  .query(async ({ ctx, input }) => {
    const conditions: (SQL | undefined)[] = [
      eq(auditLog.shopId, ctx.shop.id),
      input.entityType === undefined ? undefined : eq(auditLog.entityType, input.entityType),
      input.entityId === undefined ? undefined : eq(auditLog.entityId, input.entityId),
      input.action === undefined ? undefined : eq(auditLog.action, input.action),
      input.cursor === undefined ? undefined : lt(auditLog.id, input.cursor),
    ];
    const rows = await ctx.deps.database.db
      .select()
      .from(auditLog)
      .where(and(...conditions))
      .orderBy(desc(auditLog.id))
      .limit(input.limit + 1);
    const result = page(rows, input.limit);
    return {
      items: result.items.map((r) => ({
        id: r.id,
        actorType: r.actorType,
        actorId: r.actorId,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId,
        reason: r.reason,
        changes: asChanges(r.changes),
        createdAt: toIso(r.createdAt),
      })),
      nextCursor: result.nextCursor,
    };
  });
