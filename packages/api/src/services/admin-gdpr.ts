import { decryptPii, schema, type Database, type Executor, type PiiKeyring } from "@loyalnest/db";
import { TRPCError } from "@trpc/server";
import { and, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import { writeAudit } from "../audit";
import type { StaffActor } from "../trpc/auth/admin-session";
import { page } from "./admin-customers";

/** GDPR requests as the merchant sees them, and the download of a data request's export. */

const { gdprRequests } = schema;
type Kind = (typeof gdprRequests.$inferSelect)["kind"];
type Status = (typeof gdprRequests.$inferSelect)["status"];

/** The AAD the worker encrypts exports under (`customers-data-request.ts`). */
const EXPORT_CONTEXT = "gdpr_requests.export";

const columns = {
  id: gdprRequests.id,
  kind: gdprRequests.kind,
  status: gdprRequests.status,
  shopifyCustomerId: gdprRequests.shopifyCustomerId,
  customerId: gdprRequests.customerId,
  ordersRequested: gdprRequests.ordersRequested,
  shopifyRequestId: gdprRequests.shopifyRequestId,
  lastError: gdprRequests.lastError,
  receivedAt: gdprRequests.receivedAt,
  completedAt: gdprRequests.completedAt,
};

export type GdprRequestRow = Awaited<ReturnType<typeof getGdprRequest>>;

export async function listGdprRequests(
  db: Executor,
  shopId: string,
  filter: {
    kind?: Kind | undefined;
    status?: Status | undefined;
    cursor?: number | undefined;
    limit: number;
  },
) {
  const conditions: (SQL | undefined)[] = [
    eq(gdprRequests.shopId, shopId),
    filter.kind === undefined ? undefined : eq(gdprRequests.kind, filter.kind),
    filter.status === undefined ? undefined : eq(gdprRequests.status, filter.status),
    filter.cursor === undefined ? undefined : lt(gdprRequests.id, filter.cursor),
  ];
  const rows = await db
    .select({ ...columns, hasExport: hasExportSql })
    .from(gdprRequests)
    .where(and(...conditions))
    .orderBy(desc(gdprRequests.id))
    .limit(filter.limit + 1);
  return page(rows, filter.limit);
}

/** Whether the request has an export the merchant can download now. */
const hasExportSql = sql<boolean>`(${gdprRequests.kind} = 'data_request' and ${gdprRequests.status} = 'completed' and ${gdprRequests.exportEnc} is not null)`;

export async function getGdprRequest(db: Executor, shopId: string, id: number) {
  const [row] = await db
    .select({ ...columns, hasExport: hasExportSql })
    .from(gdprRequests)
    .where(and(eq(gdprRequests.shopId, shopId), eq(gdprRequests.id, id)));
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "GDPR request not found." });
  return row;
}

/**
 * Decrypts a completed data request's export for the merchant, and records the download in the
 * audit log (which holds the request id, never the export's contents).
 */
export async function downloadGdprExport(
  db: Database,
  keyring: PiiKeyring,
  ctx: { shop: { id: string }; staff: StaffActor },
  id: number,
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ ...columns, exportEnc: gdprRequests.exportEnc })
      .from(gdprRequests)
      .where(and(eq(gdprRequests.shopId, ctx.shop.id), eq(gdprRequests.id, id)));
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "GDPR request not found." });
    if (row.kind !== "data_request")
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: "Only a customer data request has an export.",
      });
    if (row.status !== "completed" || row.exportEnc === null)
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `This export is not ready yet (the request is ${row.status}).`,
      });
    const document: unknown = JSON.parse(decryptPii(keyring, row.exportEnc, EXPORT_CONTEXT));
    await writeAudit(tx, ctx, {
      action: "gdpr.export_download",
      entityType: "gdpr_request",
      entityId: row.id,
      changes: { kind: row.kind, customerId: row.customerId },
    });
    return { row, document };
  });
}
