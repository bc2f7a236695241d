import { schema } from "@loyalnest/db";
import { z } from "zod";
import { customerDetail } from "../../../services/admin-customers";
import { adminProcedure } from "../../../trpc";
import { pageOutput, rowId, toIso, toIsoOrNull } from "../../../schemas";
import { customerSummarySchema, ledgerEntrySchema, toLedgerEntry } from "./customer-schemas";

export const detailInput = z.object({ customerId: rowId });

const referralSchema = z.object({
  id: z.number().int(),
  status: z.enum(schema.referralStatus.enumValues),
  advocateCustomerId: z.number().int(),
  friendCustomerId: z.number().int().nullable(),
  fraudScore: z.number().int(),
  fraudReasons: z.array(z.string()),
  advocatePointsAwarded: z.number().int(),
  completedAt: z.string().nullable(),
  createdAt: z.string(),
});

export const detailOutput = z.object({
  customer: customerSummarySchema.extend({
    phone: z.string().nullable(),
    countryCode: z.string().nullable(),
    locale: z.string().nullable(),
    tags: z.array(z.string()),
    marketingConsent: z.enum(schema.marketingConsent.enumValues),
    joinedAt: z.string().nullable(),
    holdout: z.boolean(),
    tierAchievedAt: z.string().nullable(),
    tierPinned: z.boolean(),
    tierPinnedUntil: z.string().nullable(),
    rfm: z
      .object({
        recency: z.number().int(),
        frequency: z.number().int(),
        monetary: z.number().int(),
        /** Composite score × 10 (one decimal, exact). */
        compositeX10: z.number().int(),
        bigSpender: z.boolean(),
      })
      .nullable(),
    lastActivityAt: z.string().nullable(),
    createdAt: z.string(),
  }),
  balance: z.object({
    available: z.number().int(),
    pending: z.number().int(),
    lifetimeEarned: z.number().int(),
    lifetimeRedeemed: z.number().int(),
  }),
  /** The first page of the ledger; `admin.customers.ledger` pages on from `nextCursor`. */
  ledger: pageOutput(ledgerEntrySchema),
  redemptions: z.array(
    z.object({
      id: z.number().int(),
      rewardId: z.number().int(),
      rewardName: z.string().nullable(),
      status: z.enum(schema.redemptionStatus.enumValues),
      pointsSpent: z.number().int(),
      /** Minor units of `currency`. */
      valueMinor: z.number().int().nullable(),
      currency: z.string().nullable(),
      channel: z.enum(schema.salesChannel.enumValues),
      discountCode: z.string().nullable(),
      expiresAt: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  referralsAsAdvocate: z.array(referralSchema),
  referralAsFriend: referralSchema.nullable(),
  tierHistory: z.array(
    z.object({
      id: z.number().int(),
      fromTierId: z.number().int().nullable(),
      toTierId: z.number().int().nullable(),
      reason: z.enum(schema.tierChangeReason.enumValues),
      pinnedUntil: z.string().nullable(),
      note: z.string().nullable(),
      actorType: z.enum(schema.actorType.enumValues),
      createdAt: z.string(),
    }),
  ),
});

type ReferralRow = Omit<z.infer<typeof referralSchema>, "completedAt" | "createdAt"> & {
  completedAt: Date | null;
  createdAt: Date;
};
const toReferral = (r: ReferralRow) => ({
  ...r,
  completedAt: toIsoOrNull(r.completedAt),
  createdAt: toIso(r.createdAt),
});

function snapshotName(snapshot: unknown): string | null {
  const name = (snapshot as { name?: unknown } | null)?.name;
  return typeof name === "string" ? name : null;
}

/** One customer's page: profile, balance, recent ledger, redemptions, referrals and tier history. */
export const detail = adminProcedure
  .input(detailInput)
  .output(detailOutput)
  .query(async ({ ctx, input }) => {
    const d = await customerDetail(ctx.deps.database.db, ctx.deps.keyring, ctx.shop.id, input.customerId);
    const { row } = d;
    const scored =
      row.rfmRecency !== null &&
      row.rfmFrequency !== null &&
      row.rfmMonetary !== null &&
      row.rfmCompositeX10 !== null;
    return {
      customer: {
        ...d.summary,
        phone: d.phone,
        countryCode: row.countryCode,
        locale: row.locale,
        tags: row.tags,
        marketingConsent: row.marketingConsent,
        joinedAt: toIsoOrNull(row.joinedAt),
        holdout: row.holdout,
        tierAchievedAt: toIsoOrNull(row.tierAchievedAt),
        tierPinned: row.tierPinned,
        tierPinnedUntil: toIsoOrNull(row.tierPinnedUntil),
        rfm: scored
          ? {
              recency: row.rfmRecency!,
              frequency: row.rfmFrequency!,
              monetary: row.rfmMonetary!,
              compositeX10: row.rfmCompositeX10!,
              bigSpender: row.rfmBigSpender,
            }
          : null,
        lastActivityAt: toIsoOrNull(row.lastActivityAt),
        createdAt: toIso(row.createdAt),
      },
      balance: {
        ...d.summary.balance,
        lifetimeEarned: row.lifetimeEarned ?? 0,
        lifetimeRedeemed: row.lifetimeRedeemed ?? 0,
      },
      ledger: { items: d.ledger.items.map(toLedgerEntry), nextCursor: d.ledger.nextCursor },
      redemptions: d.redemptions.map(({ rewardSnapshot, ...r }) => ({
        ...r,
        rewardName: snapshotName(rewardSnapshot),
        expiresAt: toIsoOrNull(r.expiresAt),
        createdAt: toIso(r.createdAt),
      })),
      referralsAsAdvocate: d.referralsAsAdvocate.map(toReferral),
      referralAsFriend: d.referralAsFriend ? toReferral(d.referralAsFriend) : null,
      tierHistory: d.tierHistory.map((h) => ({
        ...h,
        pinnedUntil: toIsoOrNull(h.pinnedUntil),
        createdAt: toIso(h.createdAt),
      })),
    };
  });
