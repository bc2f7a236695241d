import { oncePerDatabase, schema, tierMetricValue, toDomainReward, type Database } from "@loyalnest/db";
import {
  checkRedemptionEligibility,
  maxRedeemablePoints,
  nextTierProgress,
  orderTiers,
  type RedemptionIneligibility,
  type Reward,
  type Tier,
} from "@loyalnest/domain";
import { and, asc, eq, isNull, ne, sql } from "drizzle-orm";

/** The shop half of a shopper profile: the same for every customer, cached per shop. */
export interface ShopCatalog {
  programmeEnabled: boolean;
  pointsName: { singular: string; plural: string };
  tierMetric: "points_earned" | "amount_spent";
  currency: string;
  tiers: (Tier & { benefits: string[] })[];
  rewards: Reward[];
}

/** The customer half: balance, tier and what they have redeemed, cached per customer. */
export interface ShopperState {
  customerId: number;
  membership: "member" | "not_member" | "excluded";
  holdout: boolean;
  available: number;
  pending: number;
  lifetimeEarned: number;
  tierId: number | null;
  tierMetricValue: number;
  /** Not-released redemptions per reward id, for per-customer limits. */
  redemptionsByReward: Record<string, number>;
}

export async function loadShopCatalog(
  db: Database,
  shop: { id: string; currency: string },
): Promise<ShopCatalog> {
  const [settings] = await db
    .select()
    .from(schema.shopSettings)
    .where(eq(schema.shopSettings.shopId, shop.id));
  const tierRows = await db
    .select()
    .from(schema.vipTiers)
    .where(and(eq(schema.vipTiers.shopId, shop.id), eq(schema.vipTiers.active, true)))
    .orderBy(asc(schema.vipTiers.threshold));
  const rewardRows = await db
    .select()
    .from(schema.rewards)
    .where(
      and(
        eq(schema.rewards.shopId, shop.id),
        eq(schema.rewards.active, true),
        isNull(schema.rewards.archivedAt),
      ),
    )
    .orderBy(asc(schema.rewards.pointsCost), asc(schema.rewards.id));
  return {
    programmeEnabled: settings?.programmeEnabled ?? false,
    pointsName: {
      singular: settings?.pointsNameSingular ?? "point",
      plural: settings?.pointsNamePlural ?? "points",
    },
    tierMetric: settings?.tierMetric ?? "points_earned",
    currency: shop.currency,
    tiers: orderTiers(
      tierRows.map((row) => ({
        id: row.id,
        name: row.name,
        threshold: row.threshold,
        earnMultiplierBp: row.earnMultiplierBp,
        entryRewardPoints: row.entryRewardPoints,
        entryRewardId: row.entryRewardId,
        active: row.active,
      })),
    ).map((tier) => ({ ...tier, benefits: tierRows.find((row) => row.id === tier.id)?.benefits ?? [] })),
    // A misconfigured reward is left out of the storefront rather than breaking the whole widget.
    rewards: rewardRows.flatMap((row) => {
      try {
        return [toDomainReward(row)];
      } catch {
        return [];
      }
    }),
  };
}

/**
 * The shopper-state statements, built once per database handle: drizzle rebuilds a query's SQL on
 * every execution (a third of a state load's CPU), and the state is reloaded for every active
 * customer every few minutes (see `shopper-cache/keys.ts`).
 */
const shopperStateQueries = oncePerDatabase((db) => {
  const shopId = sql.placeholder("shopId");
  const customerId = sql.placeholder("customerId");
  return {
    row: db
      .select({
        membership: schema.customers.membershipStatus,
        holdout: schema.customers.holdout,
        tombstone: schema.customers.isTombstone,
        tierId: schema.customers.tierId,
        available: sql<number>`coalesce(${schema.pointBalances.available}, 0)`,
        pending: sql<number>`coalesce(${schema.pointBalances.pending}, 0)`,
        lifetimeEarned: sql<number>`coalesce(${schema.pointBalances.lifetimeEarned}, 0)`,
      })
      .from(schema.customers)
      .leftJoin(
        schema.pointBalances,
        and(
          eq(schema.pointBalances.shopId, schema.customers.shopId),
          eq(schema.pointBalances.customerId, schema.customers.id),
        ),
      )
      .where(and(eq(schema.customers.shopId, shopId), eq(schema.customers.id, customerId)))
      .prepare("shopper_state_row"),
    redemptionCounts: db
      .select({ rewardId: schema.redemptions.rewardId, count: sql<number>`count(*)::int` })
      .from(schema.redemptions)
      .where(
        and(
          eq(schema.redemptions.shopId, shopId),
          eq(schema.redemptions.customerId, customerId),
          ne(schema.redemptions.status, "released"),
        ),
      )
      .groupBy(schema.redemptions.rewardId)
      .prepare("shopper_state_redemption_counts"),
  };
});

export async function loadShopperState(
  db: Database,
  shopId: string,
  customerId: number,
  at: Date,
): Promise<ShopperState | null> {
  const queries = shopperStateQueries(db);
  // Three statements side by side, not one transaction: under READ COMMITTED a transaction gives
  // its statements no common snapshot anyway, and would cost two more round trips (BEGIN, COMMIT)
  // with one connection held through six. A read that races a write is replaced by the write's
  // invalidation; what matters on a storefront is that a cache miss (or a reload) is quick.
  const [[row], redeemed, metric] = await Promise.all([
    queries.row.execute({ shopId, customerId }),
    queries.redemptionCounts.execute({ shopId, customerId }),
    tierMetricValue(db, shopId, customerId, at),
  ]);
  if (!row || row.tombstone) return null;
  return {
    customerId,
    membership: row.membership,
    holdout: row.holdout,
    available: row.available,
    pending: row.pending,
    lifetimeEarned: row.lifetimeEarned,
    tierId: row.tierId,
    tierMetricValue: metric,
    redemptionsByReward: Object.fromEntries(redeemed.map((r) => [String(r.rewardId), r.count])),
  };
}

export type ProfileStatus = "member" | "not_member" | "excluded" | "programme_off" | "unknown_customer";

/**
 * What the widget shows, composed from the two cached halves (pure: no I/O). A shopper outside
 * the programme (not a member, held out, excluded, or the programme switched off) sees no balance
 * actions: their rewards are all unavailable with the reason.
 */
export function composeShopperProfile(catalog: ShopCatalog, state: ShopperState | null) {
  const status: ProfileStatus = !catalog.programmeEnabled
    ? "programme_off"
    : state === null
      ? "unknown_customer"
      : state.holdout
        ? "excluded"
        : state.membership;
  const available = state?.available ?? 0;
  const tierRanks = catalog.tiers.map((t) => ({ id: String(t.id), threshold: t.threshold }));
  const tier = catalog.tiers.find((t) => t.id === state?.tierId) ?? null;
  const progress = state ? nextTierProgress(catalog.tiers, state.tierMetricValue) : null;

  return {
    status,
    pointsName: catalog.pointsName,
    balance: { available, pending: state?.pending ?? 0, lifetimeEarned: state?.lifetimeEarned ?? 0 },
    tier: tier
      ? { id: tier.id, name: tier.name, earnMultiplierBp: tier.earnMultiplierBp, benefits: tier.benefits }
      : null,
    nextTier: progress
      ? {
          id: progress.nextTier.id,
          name: progress.nextTier.name,
          threshold: progress.nextTier.threshold,
          remaining: progress.remaining,
          metric: catalog.tierMetric,
        }
      : null,
    rewards: catalog.rewards
      .filter((reward) => reward.channels.includes("online"))
      .map((reward) => {
        const kind = reward.kind;
        const pfm = kind.type === "points_for_money" ? kind : null;
        const cost = kind.type === "points_for_money" ? kind.minPoints : kind.pointsCost;
        const eligibility = checkRedemptionEligibility(reward, {
          availablePoints: available,
          customerTierId: state?.tierId === null || state === null ? null : String(state.tierId),
          tiers: tierRanks,
          redemptionsOfReward: state?.redemptionsByReward[reward.id] ?? 0,
          channel: "online",
          cartSubtotalMinor: null,
          ...(pfm ? { chosenPoints: pfm.minPoints } : {}),
        });
        const blocked = status !== "member";
        const reasons: (RedemptionIneligibility | "not_a_member")[] = blocked
          ? ["not_a_member"]
          : eligibility.eligible
            ? []
            : eligibility.reasons;
        return {
          id: Number(reward.id),
          name: reward.name,
          type: reward.kind.type,
          pointsCost: cost,
          maxPoints: pfm ? (maxRedeemablePoints(pfm, available) ?? null) : null,
          minOrderMinor: reward.minOrderMinor,
          affordable: !blocked && eligibility.eligible,
          pointsMissing: Math.max(0, cost - available),
          unavailableReasons: reasons,
        };
      }),
  };
}

export type ShopperProfile = ReturnType<typeof composeShopperProfile>;
