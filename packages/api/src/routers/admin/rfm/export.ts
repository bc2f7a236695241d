import type { RfmSegment } from "@loyalnest/domain";
import { z } from "zod";
import { writeAudit } from "../../../audit";
import { toIso } from "../../../schemas";
import { adminProcedure } from "../../../trpc";
import { localDay } from "../../../services/analytics/range";
import { MAX_EXPORT_ROWS, exportSegment } from "../../../services/rfm/segment-export";

/** §11's segments (the `rfm_segment` enum). */
const SEGMENTS = [
  "inactive",
  "champions",
  "loyal",
  "new",
  "at_risk",
  "hibernating",
  "needs_attention",
] as const satisfies readonly RfmSegment[];
export const rfmSegmentSchema = z.enum(SEGMENTS);

export const exportInput = z
  .object({
    segment: rfmSegmentSchema,
    /** Only the segment's big spenders (M5). */
    bigSpendersOnly: z.boolean().default(false),
  })
  .strict();

export const exportOutput = z.object({
  segment: rfmSegmentSchema,
  filename: z.string(),
  /** CSV text (RFC 4180, CRLF line ends, header row first). */
  csv: z.string(),
  rows: z.number().int(),
  /** True when the segment had more than `maxRows` customers: only the first `maxRows` are in the file. */
  truncated: z.boolean(),
  maxRows: z.number().int(),
  generatedAt: z.string(),
});

/**
 * A CSV of one RFM segment's customers: Shopify id, e-mail (decrypted), scores and the metrics
 * behind them, at most 10,000 rows. A mutation because it is audited as an export of personal data.
 */
export const exportSegmentCsv = adminProcedure
  .input(exportInput)
  .output(exportOutput)
  .mutation(async ({ ctx, input }) => {
    const { shop, deps } = ctx;
    const now = deps.now();
    const result = await deps.database.db.transaction(async (tx) => {
      const exported = await exportSegment(tx, deps.keyring, shop, input);
      await writeAudit(tx, ctx, {
        action: "rfm.segment.exported",
        entityType: "rfm_segment",
        entityId: input.segment,
        changes: {
          rows: exported.rows,
          truncated: exported.truncated,
          bigSpendersOnly: input.bigSpendersOnly,
        },
      });
      return exported;
    });
    const suffix = input.bigSpendersOnly ? "-big-spenders" : "";
    return {
      segment: input.segment,
      filename: `rfm-${input.segment.replaceAll("_", "-")}${suffix}-${localDay(now, shop.timezone)}.csv`,
      csv: result.csv,
      rows: result.rows,
      truncated: result.truncated,
      maxRows: MAX_EXPORT_ROWS,
      generatedAt: toIso(now),
    };
  });
