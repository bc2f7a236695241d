import { schema } from "@loyalnest/db";
import { z } from "zod";
import { toIso, toIsoOrNull } from "../../../schemas";

export const referralStatusSchema = z.enum(schema.referralStatus.enumValues);

export const referralSchema = z.object({
  id: z.number().int(),
  status: referralStatusSchema,
  advocateCustomerId: z.number().int(),
  friendCustomerId: z.number().int().nullable(),
  /** 0–100: at or above the shop's threshold the referral waits for review. */
  fraudScore: z.number().int(),
  fraudReasons: z.array(z.string()),
  /** The friend's first paid order (Shopify id). */
  firstOrderId: z.string().nullable(),
  firstOrderPaidAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reversedAt: z.string().nullable(),
  advocatePointsAwarded: z.number().int(),
  createdAt: z.string(),
});

type ReferralRow = Omit<
  z.infer<typeof referralSchema>,
  "firstOrderId" | "firstOrderPaidAt" | "completedAt" | "reviewedAt" | "reversedAt" | "createdAt"
> & {
  firstOrderId: number | null;
  firstOrderPaidAt: Date | null;
  completedAt: Date | null;
  reviewedAt: Date | null;
  reversedAt: Date | null;
  createdAt: Date;
};

export const toReferral = (r: ReferralRow): z.infer<typeof referralSchema> => ({
  id: r.id,
  status: r.status,
  advocateCustomerId: r.advocateCustomerId,
  friendCustomerId: r.friendCustomerId,
  fraudScore: r.fraudScore,
  fraudReasons: r.fraudReasons,
  firstOrderId: r.firstOrderId === null ? null : String(r.firstOrderId),
  firstOrderPaidAt: toIsoOrNull(r.firstOrderPaidAt),
  completedAt: toIsoOrNull(r.completedAt),
  reviewedBy: r.reviewedBy,
  reviewedAt: toIsoOrNull(r.reviewedAt),
  reversedAt: toIsoOrNull(r.reversedAt),
  advocatePointsAwarded: r.advocatePointsAwarded,
  createdAt: toIso(r.createdAt),
});
