import { schema, type Executor } from "@loyalnest/db";
import type { StaffActor } from "./trpc/auth/admin-session";

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  reason?: string | null;
  /** Field names and non-personal values only: the audit log never holds PII. */
  changes?: Record<string, unknown> | null;
}

/** One audit row for a staff action, written in the same transaction as the change it records. */
export async function writeAudit(
  tx: Executor,
  ctx: { shop: { id: string }; staff: StaffActor },
  entry: AuditEntry,
  actorType: "staff" | "pos_staff" = "staff",
) {
  await tx.insert(schema.auditLog).values({
    shopId: ctx.shop.id,
    actorType,
    actorId: ctx.staff.userId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
    reason: entry.reason ?? null,
    changes: entry.changes ?? null,
  });
}
