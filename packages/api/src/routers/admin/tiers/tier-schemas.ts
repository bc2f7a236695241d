import { z } from "zod";
import { rowId, shortText } from "../../../schemas";
import type { LadderTier } from "../../../services/tier-ladder";

/** Shared by the tier procedures: one proposed tier, and a ladder of them. */

const INT4_MAX = 2_147_483_647;

export const ladderTierInput = z.strictObject({
  /** An existing tier of this shop to keep (updated in place); omit for a new tier. */
  id: rowId.optional(),
  name: shortText(60),
  /** Points earned or minor units spent (per the shop's tier metric) needed to qualify. */
  threshold: z.number().int().min(0).max(INT4_MAX),
  /** Earn multiplier in basis points: 10000 = ×1, 15000 = ×1.5 (at most ×10). */
  earnMultiplierBp: z.number().int().min(10_000).max(100_000).default(10_000),
  /** Points granted once on entering the tier (0 = none). */
  entryRewardPoints: z.number().int().min(0).max(1_000_000).default(0),
  /** A catalogue reward granted once on entering the tier (null = none). */
  entryRewardId: rowId.nullable().default(null),
  /** Free-text perks shown to shoppers. */
  benefits: z.array(shortText(200)).max(20).default([]),
});

/** The whole ladder, any order: thresholds, names and ids unique. */
export const ladderInput = z
  .array(ladderTierInput)
  .max(20, "at most 20 tiers")
  .superRefine((tiers: LadderTier[], ctx) => {
    const seen = {
      threshold: new Map<number, number>(),
      name: new Map<string, number>(),
      id: new Map<number, number>(),
    };
    tiers.forEach((tier, index) => {
      const first = seen.threshold.get(tier.threshold);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [index, "threshold"],
          message: `tier ${first + 1} already has threshold ${tier.threshold}; thresholds must differ`,
        });
      } else seen.threshold.set(tier.threshold, index);
      const name = tier.name.toLowerCase();
      if (seen.name.has(name)) {
        ctx.addIssue({
          code: "custom",
          path: [index, "name"],
          message: `two tiers are named "${tier.name}"`,
        });
      } else seen.name.set(name, index);
      if (tier.id !== undefined) {
        if (seen.id.has(tier.id)) {
          ctx.addIssue({ code: "custom", path: [index, "id"], message: `tier ${tier.id} is listed twice` });
        } else seen.id.set(tier.id, index);
      }
    });
  });
