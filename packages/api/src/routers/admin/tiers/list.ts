import { schema, type Database } from "@loyalnest/db";
import { z } from "zod";
import { toIso } from "../../../schemas";
import { adminProcedure } from "../../../trpc";
import { loadProgrammeSettings } from "../../../services/programme-settings";
import { listTiers } from "../../../services/tier-ladder";

export const listTiersInput = z.strictObject({}).optional();

export const tierOutput = z.object({
  id: z.number().int(),
  name: z.string(),
  /** null for an inactive tier whose threshold a later ladder took over. */
  threshold: z.number().int().nullable(),
  earnMultiplierBp: z.number().int(),
  entryRewardPoints: z.number().int(),
  entryRewardId: z.number().int().nullable(),
  benefits: z.array(z.string()),
  active: z.boolean(),
  /** Customers holding the tier now. */
  members: z.number().int(),
  updatedAt: z.string(),
});

export const listTiersOutput = z.object({
  /** What thresholds measure, over which window (programme settings). */
  metric: z.enum(schema.tierMetric.enumValues),
  window: z.enum(schema.tierWindow.enumValues),
  retentionDays: z.number().int(),
  /** Active tiers by threshold, then inactive ones. */
  tiers: z.array(tierOutput),
});

/** The ladder view both `list` and `save` answer with. */
export async function loadLadderView(db: Database, shopId: string): Promise<z.infer<typeof listTiersOutput>> {
  const [settings, tiers] = await Promise.all([loadProgrammeSettings(db, shopId), listTiers(db, shopId)]);
  return {
    metric: settings.tierMetric,
    window: settings.tierWindow,
    retentionDays: settings.tierRetentionDays,
    tiers: tiers.map((tier) => ({
      id: tier.id,
      name: tier.name,
      threshold: tier.threshold < 0 ? null : tier.threshold,
      earnMultiplierBp: tier.earnMultiplierBp,
      entryRewardPoints: tier.entryRewardPoints,
      entryRewardId: tier.entryRewardId,
      benefits: tier.benefits,
      active: tier.active,
      members: tier.members,
      updatedAt: toIso(tier.updatedAt),
    })),
  };
}

/** The VIP ladder with how many customers hold each tier. */
export const list = adminProcedure
  .input(listTiersInput)
  .output(listTiersOutput)
  .query(({ ctx }) => loadLadderView(ctx.deps.database.db, ctx.shop.id));
