import { previewTierThresholds, schema, type Executor, type Transaction } from "@loyalnest/db";
import type { Tier, TierPreview } from "@loyalnest/domain";
import { TRPCError } from "@trpc/server";
import { and, asc, count, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { writeAudit } from "../audit";
import type { StaffActor } from "../trpc/auth/admin-session";

/**
 * The VIP tier ladder as staff edit it (spec §8): the list, the threshold-change preview and the
 * save that replaces the ladder in one transaction.
 *
 * Rules chosen:
 * - A save sends the whole ladder: listed tiers with an id are updated (and reactivated if they
 *   were inactive), listed tiers without one are created, and active tiers not listed are
 *   deactivated — never deleted, since customers' tier history and rewards reference them.
 * - Thresholds are unique among the listed tiers. An inactive tier keeps its threshold for the
 *   record until a new ladder needs that value; then it is released (stored as −id, shown as null).
 * - Saving never touches points or moves a customer by itself: upgrades follow on the next earning
 *   event or the nightly evaluation (which also catches up lowered thresholds), downgrades wait for
 *   the nightly evaluation and the retention period. The preview shows who would move.
 * - A tier's entry reward must be a live reward of this shop; another shop's tier or reward id is
 *   "not found".
 * - Rewards restricted to a tier that the save deactivates are reported back as warnings (the
 *   engine then refuses them to everyone until the merchant picks another tier).
 */

export type TierRow = typeof schema.vipTiers.$inferSelect;

export interface LadderTier {
  id?: number;
  name: string;
  threshold: number;
  earnMultiplierBp: number;
  entryRewardPoints: number;
  entryRewardId: number | null;
  benefits: string[];
}

type Ctx = { shop: { id: string }; staff: StaffActor };

/** The shop's tiers (active first, by threshold) with how many live customers hold each. */
export async function listTiers(db: Executor, shopId: string) {
  const t = schema.vipTiers;
  const c = schema.customers;
  const [tiers, holders] = await Promise.all([
    db
      .select()
      .from(t)
      .where(eq(t.shopId, shopId))
      .orderBy(sql`${t.active} desc`, asc(t.threshold), asc(t.id)),
    db
      .select({ tierId: c.tierId, members: count() })
      .from(c)
      .where(and(eq(c.shopId, shopId), isNotNull(c.tierId), eq(c.isTombstone, false)))
      .groupBy(c.tierId),
  ]);
  const membersOf = new Map(holders.map((h) => [h.tierId, h.members]));
  return tiers.map((tier) => ({ ...tier, members: membersOf.get(tier.id) ?? 0 }));
}

/** Ids must be this shop's tiers, entry rewards this shop's live rewards. */
async function assertLadderRefs(
  tx: Executor,
  shopId: string,
  ladder: readonly LadderTier[],
  existing: TierRow[],
) {
  for (const tier of ladder) {
    if (tier.id !== undefined && !existing.some((row) => row.id === tier.id)) {
      throw new TRPCError({ code: "NOT_FOUND", message: `Tier ${tier.id} does not exist in this shop.` });
    }
  }
  const rewardIds = [
    ...new Set(ladder.flatMap((tier) => (tier.entryRewardId === null ? [] : [tier.entryRewardId]))),
  ];
  if (rewardIds.length === 0) return;
  const rewards = await tx
    .select({ id: schema.rewards.id, active: schema.rewards.active, archivedAt: schema.rewards.archivedAt })
    .from(schema.rewards)
    .where(and(eq(schema.rewards.shopId, shopId), inArray(schema.rewards.id, rewardIds)));
  for (const id of rewardIds) {
    const reward = rewards.find((row) => row.id === id);
    if (!reward)
      throw new TRPCError({ code: "NOT_FOUND", message: `Reward ${id} does not exist in this shop.` });
    if (!reward.active || reward.archivedAt) {
      const index = ladder.findIndex((tier) => tier.entryRewardId === id);
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: `tiers.${index}.entryRewardId: reward ${id} is inactive or archived; choose a live reward.`,
      });
    }
  }
}

async function loadTierRows(tx: Executor, shopId: string): Promise<TierRow[]> {
  return tx.select().from(schema.vipTiers).where(eq(schema.vipTiers.shopId, shopId));
}

/** The proposed ladder as domain tiers; new tiers get stand-in ids −1, −2, … by position. */
function proposedDomainTiers(ladder: readonly LadderTier[]): Tier[] {
  return ladder.map((tier, index) => ({
    id: tier.id ?? -(index + 1),
    name: tier.name,
    threshold: tier.threshold,
    earnMultiplierBp: tier.earnMultiplierBp,
    entryRewardPoints: tier.entryRewardPoints,
    entryRewardId: tier.entryRewardId,
    active: true,
  }));
}

export interface LadderPreview extends Omit<TierPreview, "byNewTier" | "byCurrentTier"> {
  byCurrentTier: (TierPreview["byCurrentTier"][number] & { name: string | null })[];
  /** `index` is the position in the proposed list (null = no tier); `tierId` null for a new tier. */
  byNewTier: { index: number | null; tierId: number | null; name: string | null; customers: number }[];
}

/** How many customers would move up, down or stay under the proposed ladder; changes nothing. */
export async function previewLadder(
  tx: Transaction,
  shopId: string,
  ladder: readonly LadderTier[],
  at: Date,
): Promise<LadderPreview> {
  const existing = await loadTierRows(tx, shopId);
  await assertLadderRefs(tx, shopId, ladder, existing);
  const proposed = proposedDomainTiers(ladder);
  const preview = await previewTierThresholds(tx, shopId, proposed, at);
  const nameOf = (id: number | null) =>
    id === null
      ? null
      : (proposed.find((t) => t.id === id)?.name ?? existing.find((t) => t.id === id)?.name ?? null);
  return {
    up: preview.up,
    down: preview.down,
    stay: preview.stay,
    pinned: preview.pinned,
    byCurrentTier: preview.byCurrentTier.map((row) => ({ ...row, name: nameOf(row.tierId) })),
    byNewTier: preview.byNewTier.map((row) => {
      const index = row.tierId === null ? -1 : proposed.findIndex((t) => t.id === row.tierId);
      return {
        index: index === -1 ? null : index,
        tierId: row.tierId !== null && row.tierId > 0 ? row.tierId : null,
        name: nameOf(row.tierId),
        customers: row.customers,
      };
    }),
  };
}

const tierFields = (tier: LadderTier) => ({
  name: tier.name,
  threshold: tier.threshold,
  earnMultiplierBp: tier.earnMultiplierBp,
  entryRewardPoints: tier.entryRewardPoints,
  entryRewardId: tier.entryRewardId,
  benefits: tier.benefits,
});

/** Replaces the ladder in `tx` (see the module note); returns the saved tiers and any warnings. */
export async function saveLadder(tx: Transaction, ctx: Ctx, ladder: readonly LadderTier[], at: Date) {
  const shopId = ctx.shop.id;
  const t = schema.vipTiers;
  // One ladder save at a time per shop: the release-then-assign of thresholds below must not interleave.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`tier-ladder:${shopId}`}))`);
  const existing = await loadTierRows(tx, shopId);
  await assertLadderRefs(tx, shopId, ladder, existing);

  const listedIds = new Set(ladder.flatMap((tier) => (tier.id === undefined ? [] : [tier.id])));
  const wanted = new Set(ladder.map((tier) => tier.threshold));
  const deactivated = existing.filter((row) => row.active && !listedIds.has(row.id));
  // Free every threshold the new ladder assigns: listed tiers move to a stand-in (−id) before taking
  // their final value, and unlisted tiers holding a wanted value give it up for good.
  const release = existing
    .filter((row) => listedIds.has(row.id) || wanted.has(row.threshold))
    .map((row) => row.id);
  if (release.length > 0) {
    await tx
      .update(t)
      .set({ threshold: sql`-${t.id}` })
      .where(and(eq(t.shopId, shopId), inArray(t.id, release)));
  }
  if (deactivated.length > 0) {
    await tx
      .update(t)
      .set({ active: false, updatedAt: at })
      .where(
        and(
          eq(t.shopId, shopId),
          inArray(
            t.id,
            deactivated.map((row) => row.id),
          ),
        ),
      );
  }

  const updated: { id: number; changes: Record<string, unknown> }[] = [];
  const created: { id: number; name: string; threshold: number }[] = [];
  for (const tier of ladder) {
    const fields = tierFields(tier);
    if (tier.id !== undefined) {
      const before = existing.find((row) => row.id === tier.id)!;
      const next = { ...fields, active: true };
      const changes = Object.fromEntries(
        (Object.keys(next) as (keyof typeof next)[])
          .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(next[key]))
          .map((key) => [key, { from: before[key], to: next[key] }]),
      );
      await tx
        .update(t)
        .set(Object.keys(changes).length > 0 ? { ...next, updatedAt: at } : { threshold: tier.threshold })
        .where(and(eq(t.shopId, shopId), eq(t.id, tier.id)));
      if (Object.keys(changes).length > 0) updated.push({ id: tier.id, changes });
    } else {
      const [row] = await tx
        .insert(t)
        .values({ shopId, ...fields, active: true, createdAt: at, updatedAt: at })
        .returning({ id: t.id });
      created.push({ id: row!.id, name: tier.name, threshold: tier.threshold });
    }
  }

  const warnings = await restrictedRewardWarnings(tx, shopId, deactivated);
  const changed = created.length + updated.length + deactivated.length > 0;
  if (changed) {
    await writeAudit(tx, ctx, {
      action: "tiers.save",
      entityType: "vip_tiers",
      changes: {
        created,
        updated,
        deactivated: deactivated.map((row) => ({ id: row.id, name: row.name, threshold: row.threshold })),
      },
    });
  }
  return { changed, warnings };
}

/** Live rewards restricted to a tier this save deactivated: nobody can redeem them until fixed. */
async function restrictedRewardWarnings(
  tx: Executor,
  shopId: string,
  deactivated: TierRow[],
): Promise<string[]> {
  if (deactivated.length === 0) return [];
  const r = schema.rewards;
  const rows = await tx
    .select({ id: r.id, name: r.name, minTierId: r.minTierId })
    .from(r)
    .where(
      and(
        eq(r.shopId, shopId),
        isNull(r.archivedAt),
        inArray(
          r.minTierId,
          deactivated.map((tier) => tier.id),
        ),
      ),
    );
  return rows.map((row) => {
    const tier = deactivated.find((t) => t.id === row.minTierId)!;
    return `Reward "${row.name}" (${row.id}) is limited to tier "${tier.name}", which is now inactive: nobody can redeem it until you choose another tier for it.`;
  });
}
