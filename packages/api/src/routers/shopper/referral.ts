import { randomInt } from "node:crypto";
import { ensureReferralCode, schema } from "@loyalnest/db";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { shopperReadProcedure } from "../../trpc";

export const referralInput = z.object({}).strict().optional();

export const referralOutput = z.object({
  /** Null until the shopper is a member (opt-in shops: after joining) and Shopify knows them. */
  code: z.string().nullable(),
  /** `https://{shop domain}/?ref=CODE`, for e-mail, SMS, WhatsApp or copy. */
  shareUrl: z.string().nullable(),
  stats: z.object({
    /** Visits through the link. */
    visits: z.number().int(),
    /** Friends whose first paid order completed the referral (including approved after review). */
    completed: z.number().int(),
    /** Friends referred whose first order has not arrived yet, or who wait for the store's review. */
    pending: z.number().int(),
    /** Net points from referrals (awards minus reversals of refunded ones). */
    pointsEarned: z.number().int(),
  }),
});

const ZERO = { visits: 0, completed: 0, pending: 0, pointsEarned: 0 };

/**
 * The shopper's own referral code (created on first request; the same code every time after) with
 * the share link and how their referrals are doing.
 */
export const referral = shopperReadProcedure
  .meta({
    openapi: {
      method: "GET",
      path: "/shopper/referral",
      tags: ["shopper"],
      summary: "The logged-in shopper's referral code, share link and stats",
      protect: true,
    },
  })
  .input(referralInput)
  .output(referralOutput)
  .query(async ({ ctx }) => {
    const customerId = ctx.shopper.customerId;
    const empty = { code: null, shareUrl: null, stats: ZERO };
    if (customerId === null) return empty;
    const shopId = ctx.shop.id;
    return ctx.deps.database.db.transaction(async (tx) => {
      const [customer] = await tx
        .select({ status: schema.customers.membershipStatus, tombstone: schema.customers.isTombstone })
        .from(schema.customers)
        .where(and(eq(schema.customers.shopId, shopId), eq(schema.customers.id, customerId)));
      if (!customer || customer.tombstone || customer.status !== "member") return empty;
      const code = await ensureReferralCode(tx, shopId, customerId, (max) => randomInt(max));

      const { referralCodes, referralVisits, referrals, pointsLedger } = schema;
      const [visits] = await tx
        .select({ count: sql<number>`count(*)::int` })
        .from(referralVisits)
        .innerJoin(
          referralCodes,
          and(
            eq(referralCodes.shopId, referralVisits.shopId),
            eq(referralCodes.id, referralVisits.referralCodeId),
          ),
        )
        .where(and(eq(referralVisits.shopId, shopId), eq(referralCodes.customerId, customerId)));
      const counts = await tx
        .select({ status: referrals.status, count: sql<number>`count(*)::int` })
        .from(referrals)
        .where(and(eq(referrals.shopId, shopId), eq(referrals.advocateCustomerId, customerId)))
        .groupBy(referrals.status);
      const countOf = (statuses: string[]) =>
        counts.filter((c) => statuses.includes(c.status)).reduce((sum, c) => sum + c.count, 0);
      const [points] = await tx
        .select({ total: sql<number>`coalesce(sum(${pointsLedger.amount}), 0)::int` })
        .from(pointsLedger)
        .where(
          and(
            eq(pointsLedger.shopId, shopId),
            eq(pointsLedger.customerId, customerId),
            eq(pointsLedger.sourceType, "referral"),
            inArray(pointsLedger.kind, ["earn", "reversal"]),
            ne(pointsLedger.status, "void"),
          ),
        );
      return {
        code,
        shareUrl: `https://${ctx.shop.domain}/?ref=${encodeURIComponent(code)}`,
        stats: {
          visits: visits?.count ?? 0,
          completed: countOf(["completed", "approved"]),
          pending: countOf(["pending", "flagged"]),
          pointsEarned: points?.total ?? 0,
        },
      };
    });
  });
