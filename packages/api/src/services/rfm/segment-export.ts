import { decryptOptional, schema, type Executor, type PiiKeyring } from "@loyalnest/db";
import type { RfmSegment } from "@loyalnest/domain";
import { and, asc, eq } from "drizzle-orm";

/**
 * §15 "CSV export of … RFM segments": the customers of one segment with their Shopify id,
 * decrypted e-mail and scores, for a mailing tool or a spreadsheet.
 *
 * Rules chosen where the spec is silent:
 * - Rows come from the latest scores (`rfm_scores`), oldest customer first; erased customers
 *   (GDPR tombstones) are left out. At most `MAX_EXPORT_ROWS`; `truncated` says there were more.
 * - Cells are RFC 4180 quoted when needed, and a cell a spreadsheet would run as a formula
 *   (starting with = + - @ or a tab/CR) is prefixed with an apostrophe.
 * - Net spend is in minor units of the shop currency (named in its own column), as everywhere.
 */
export const MAX_EXPORT_ROWS = 10_000;

export const EXPORT_COLUMNS = [
  "shopify_customer_id",
  "email",
  "segment",
  "recency_score",
  "frequency_score",
  "monetary_score",
  "composite_score",
  "big_spender",
  "days_since_last_order",
  "orders",
  "net_spend_minor",
  "currency",
] as const;

export interface SegmentExport {
  csv: string;
  rows: number;
  truncated: boolean;
}

export async function exportSegment(
  db: Executor,
  keyring: PiiKeyring,
  shop: { id: string; currency: string },
  options: { segment: RfmSegment; bigSpendersOnly: boolean; maxRows?: number },
): Promise<SegmentExport> {
  const maxRows = options.maxRows ?? MAX_EXPORT_ROWS;
  const s = schema.rfmScores;
  const c = schema.customers;
  const rows = await db
    .select({
      shopifyCustomerId: c.shopifyCustomerId,
      emailEnc: c.emailEnc,
      segment: s.segment,
      r: s.r,
      f: s.f,
      m: s.m,
      compositeX10: s.compositeX10,
      bigSpender: s.bigSpender,
      recencyDays: s.recencyDays,
      frequency: s.frequency,
      monetaryMinor: s.monetaryMinor,
    })
    .from(s)
    .innerJoin(c, and(eq(c.shopId, s.shopId), eq(c.id, s.customerId)))
    .where(
      and(
        eq(s.shopId, shop.id),
        eq(s.segment, options.segment),
        eq(c.isTombstone, false),
        options.bigSpendersOnly ? eq(s.bigSpender, true) : undefined,
      ),
    )
    .orderBy(asc(s.customerId))
    .limit(maxRows + 1);

  const kept = rows.slice(0, maxRows);
  const lines = [EXPORT_COLUMNS.join(",")];
  for (const row of kept) {
    lines.push(
      [
        row.shopifyCustomerId === null ? "" : String(row.shopifyCustomerId),
        decryptOptional(keyring, row.emailEnc, "customers.email") ?? "",
        row.segment,
        row.r,
        row.f,
        row.m,
        (row.compositeX10 / 10).toFixed(1),
        row.bigSpender ? "yes" : "no",
        row.recencyDays ?? "",
        row.frequency,
        row.monetaryMinor,
        shop.currency,
      ]
        .map((cell) => csvCell(String(cell)))
        .join(","),
    );
  }
  return { csv: `${lines.join("\r\n")}\r\n`, rows: kept.length, truncated: rows.length > maxRows };
}

/** One CSV cell: formula-neutralised, then quoted if it holds a comma, quote or line break. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
