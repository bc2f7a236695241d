import { schema } from "@loyalnest/db";
import { and, desc, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { pageInput, pageOutput, toIso, toIsoOrNull } from "../../schemas";
import { shopperReadProcedure } from "../../trpc";

export const historyInput = pageInput.strict();

const entrySchema = z.object({
  id: z.number().int(),
  kind: z.enum(["earn", "redeem", "refund_clawback", "expire", "adjust", "import", "reversal"]),
  /** Signed: positive credits, negative debits. */
  amount: z.number().int(),
  status: z.enum(["pending", "available", "void"]),
  /** A short line a shopper understands ("Points for an order", "Reward redeemed", …). */
  description: z.string(),
  occurredAt: z.string(),
  /** Pending points: when they become spendable. */
  availableAt: z.string().nullable(),
});

export const historyOutput = pageOutput(entrySchema);

type Entry = typeof schema.pointsLedger.$inferSelect;

const SOURCE_TEXT: Partial<Record<Entry["sourceType"], string>> = {
  order: "Points for an order",
  referral: "Referral reward",
  campaign: "Bonus campaign",
  tier_entry: "VIP tier welcome points",
  signup: "Points for signing up",
  birthday: "Birthday points",
  newsletter: "Points for subscribing to the newsletter",
  review: "Points for a product review",
  social: "Points for following us",
  import_row: "Points carried over from the previous programme",
  pos: "Points awarded in store",
};

/** The shopper-facing line for a ledger row; staff reasons are not shown (they are internal notes). */
export function describeEntry(entry: Pick<Entry, "kind" | "sourceType">): string {
  switch (entry.kind) {
    case "redeem":
      return "Reward redeemed";
    case "reversal":
      return entry.sourceType === "redemption" ? "Points returned from a reward" : "Points reversed";
    case "refund_clawback":
      return "Points removed for a refund";
    case "expire":
      return "Points expired";
    case "adjust":
      return "Points adjusted by the store";
    case "import":
      return "Points carried over from the previous programme";
    case "earn":
      return SOURCE_TEXT[entry.sourceType] ?? "Points earned";
  }
}

/**
 * The shopper's own ledger, newest first, a page at a time (`cursor` = the last id of the previous
 * page). A shopper whose customer row does not exist yet has an empty history.
 */
export const history = shopperReadProcedure
  .meta({
    openapi: {
      method: "GET",
      path: "/shopper/history",
      tags: ["shopper"],
      summary: "The logged-in shopper's points history, newest first",
      protect: true,
    },
  })
  .input(historyInput)
  .output(historyOutput)
  .query(async ({ ctx, input }) => {
    const customerId = ctx.shopper.customerId;
    if (customerId === null) return { items: [], nextCursor: null };
    const { pointsLedger } = schema;
    const rows = await ctx.deps.database.db
      .select()
      .from(pointsLedger)
      .where(
        and(
          eq(pointsLedger.shopId, ctx.shop.id),
          eq(pointsLedger.customerId, customerId),
          input.cursor === undefined ? undefined : lt(pointsLedger.id, input.cursor),
        ),
      )
      .orderBy(desc(pointsLedger.id))
      .limit(input.limit + 1);
    const page = rows.slice(0, input.limit);
    return {
      items: page.map((row) => ({
        id: row.id,
        kind: row.kind,
        amount: row.amount,
        status: row.status,
        description: describeEntry(row),
        occurredAt: toIso(row.occurredAt),
        availableAt: toIsoOrNull(row.availableAt),
      })),
      nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null,
    };
  });
