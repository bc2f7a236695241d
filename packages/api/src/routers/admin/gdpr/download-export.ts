import { z } from "zod";
import { downloadGdprExport } from "../../../services/admin-gdpr";
import { adminProcedure } from "../../../trpc";
import { rowId } from "../../../schemas";

export const downloadExportInput = z.object({ id: rowId });

export const downloadExportOutput = z.object({
  id: z.number().int(),
  shopifyCustomerId: z.string().nullable(),
  /** A name to save the file under. */
  fileName: z.string(),
  /** Everything LoyalNest holds about the customer (§13), as JSON. */
  export: z.record(z.string(), z.unknown()),
});

/**
 * The export of a completed `customers/data_request`, decrypted for the merchant to hand to the
 * customer. Each download is recorded in the audit log. A request that is not a completed data
 * request is a 412 with the reason.
 */
export const downloadExport = adminProcedure
  .input(downloadExportInput)
  .output(downloadExportOutput)
  .mutation(async ({ ctx, input }) => {
    const { row, document } = await downloadGdprExport(ctx.deps.database.db, ctx.deps.keyring, ctx, input.id);
    return {
      id: row.id,
      shopifyCustomerId: row.shopifyCustomerId === null ? null : String(row.shopifyCustomerId),
      fileName: `loyalnest-data-request-${row.id}.json`,
      export:
        document && typeof document === "object" && !Array.isArray(document)
          ? (document as Record<string, unknown>)
          : { data: document },
    };
  });
