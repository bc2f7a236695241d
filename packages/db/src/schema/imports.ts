import { foreignKey, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, shopIdColumn, tenantRef, tenantRowId, timestampTz, updatedAt } from "./columns";
import { importFormat, importJobStatus, importRowStatus } from "./enums";
import { cascadeWithShop } from "./shops";

/** A member import from another loyalty app; the file hash makes a re-run of the same file a no-op. */
export const importJobs = pgTable(
  "import_jobs",
  {
    shopId: shopIdColumn(),
    id: tenantRowId(),
    format: importFormat().notNull(),
    fileName: text().notNull(),
    fileSha256: text().notNull(),
    status: importJobStatus().notNull().default("uploaded"),
    totalRows: integer().notNull().default(0),
    processedRows: integer().notNull().default(0),
    validRows: integer().notNull().default(0),
    invalidRows: integer().notNull().default(0),
    importedRows: integer().notNull().default(0),
    createdBy: text(),
    lastError: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    completedAt: timestampTz(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.id] }),
    cascadeWithShop(t.shopId),
    uniqueIndex("import_jobs_file_key").on(t.shopId, t.fileSha256),
  ],
);

/** One CSV row: its personal data encrypted, its validation result and what importing it did. */
export const importRows = pgTable(
  "import_rows",
  {
    shopId: shopIdColumn(),
    importJobId: tenantRef().notNull(),
    rowNumber: integer().notNull(),
    emailHash: text(),
    dataEnc: text().notNull(),
    points: integer(),
    tierName: text(),
    status: importRowStatus().notNull().default("pending"),
    error: text(),
    customerId: tenantRef(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.shopId, t.importJobId, t.rowNumber] }),
    cascadeWithShop(t.shopId),
    foreignKey({
      columns: [t.shopId, t.importJobId],
      foreignColumns: [importJobs.shopId, importJobs.id],
    }).onDelete("cascade"),
  ],
);
