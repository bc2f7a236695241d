import {
  RewardMisconfiguredError,
  schema,
  toDomainReward,
  type Executor,
  type Transaction,
} from "@loyalnest/db";
import { TRPCError } from "@trpc/server";
import { and, asc, eq, gt, isNotNull, isNull } from "drizzle-orm";
import { writeAudit } from "../audit";
import type { StaffActor } from "../trpc/auth/admin-session";

/**
 * The reward catalogue (spec §5) as staff edit it. A reward is validated exactly as the redemption
 * engine will read it: the row is built and passed through `toDomainReward` (which runs the domain's
 * `assertReward`) before it is saved, so a reward that saves is a reward that redeems.
 *
 * Rules chosen:
 * - Fields of another type are refused, not ignored (a percentage on a fixed-amount reward is a
 *   mistake the merchant should see). The type of a saved reward cannot change: archive it and
 *   create a new one (past redemptions keep their snapshot either way).
 * - Money values are in the shop currency (minor units); `valuesByCurrency` optionally sets
 *   round values per presentment currency. A free-shipping reward's `maxShippingMinor` (the
 *   highest shipping rate it covers; null = any) is stored in `value_minor`, as the engine reads it.
 * - A points-for-money reward's `points_cost` column holds its step (what one step costs).
 * - `minTierId` must be an active tier of this shop; another shop's tier is "not found".
 * - Archiving is soft and final (archived_at + inactive): redemptions reference the reward, so it
 *   is never deleted. Archiving twice changes nothing.
 */

export type RewardRow = typeof schema.rewards.$inferSelect;
export type RewardType = RewardRow["type"];
type Channel = RewardRow["channels"][number];

export interface PointsForMoneyFields {
  stepPoints: number;
  stepValueMinor: number;
  minPoints: number;
  maxPoints: number;
}

/** A reward as the admin edits it; type-specific fields are null when they do not apply. */
export interface RewardFields {
  name: string;
  type: RewardType;
  pointsCost: number | null;
  valueMinor: number | null;
  maxShippingMinor: number | null;
  percentBp: number | null;
  productVariantId: string | null;
  pointsForMoney: PointsForMoneyFields | null;
  valuesByCurrency: Record<string, number> | null;
  minOrderMinor: number | null;
  codeExpiryDays: number;
  combinesWith: { orderDiscounts: boolean; productDiscounts: boolean; shippingDiscounts: boolean };
  perCustomerLimit: number | null;
  minTierId: number | null;
  channels: Channel[];
  active: boolean;
}

/** The type-specific fields each type takes (beyond the common ones). */
const TYPE_FIELDS: Record<RewardType, (keyof RewardFields)[]> = {
  fixed_amount: ["pointsCost", "valueMinor", "valuesByCurrency"],
  store_credit: ["pointsCost", "valueMinor", "valuesByCurrency"],
  percentage: ["pointsCost", "percentBp"],
  free_shipping: ["pointsCost", "maxShippingMinor"],
  free_product: ["pointsCost", "productVariantId"],
  points_for_money: ["pointsForMoney", "valuesByCurrency"],
};
const REQUIRED_FIELDS: Record<RewardType, (keyof RewardFields)[]> = {
  fixed_amount: ["pointsCost", "valueMinor"],
  store_credit: ["pointsCost", "valueMinor"],
  percentage: ["pointsCost", "percentBp"],
  free_shipping: ["pointsCost"],
  free_product: ["pointsCost", "productVariantId"],
  points_for_money: ["pointsForMoney"],
};
const ALL_TYPE_FIELDS = [...new Set(Object.values(TYPE_FIELDS).flat())];

const TYPE_LABEL: Record<RewardType, string> = {
  fixed_amount: "fixed amount",
  store_credit: "store credit",
  percentage: "percentage",
  free_shipping: "free shipping",
  free_product: "free product",
  points_for_money: "points-for-money",
};

const bad = (message: string) => new TRPCError({ code: "BAD_REQUEST", message });

/** Refuses fields of another type, naming them. */
export function assertNoForeignFields(type: RewardType, fields: Partial<RewardFields>) {
  const allowed = TYPE_FIELDS[type];
  for (const key of ALL_TYPE_FIELDS) {
    const value = fields[key];
    if (value !== undefined && value !== null && !allowed.includes(key)) {
      throw bad(`${key}: a ${TYPE_LABEL[type]} reward has no ${key}.`);
    }
  }
}

/** Refuses a reward missing a field its type needs, naming it. */
export function assertRequiredFields(type: RewardType, fields: Partial<RewardFields>) {
  for (const key of REQUIRED_FIELDS[type]) {
    const value = fields[key];
    if (value === undefined || value === null)
      throw bad(`${key}: a ${TYPE_LABEL[type]} reward needs ${key}.`);
  }
}

/** Engine column names in `RewardMisconfiguredError` → the field names the admin sends. */
const COLUMN_TO_FIELD: [RegExp, string][] = [
  [/\bvalue_minor\b/g, "valueMinor"],
  [/\bpercent_bp\b/g, "percentBp"],
  [/\bproduct_variant_id\b/g, "productVariantId"],
  [/\bpfm_step_points\b/g, "pointsForMoney.stepPoints"],
  [/\bpfm_step_value_minor\b/g, "pointsForMoney.stepValueMinor"],
  [/\bpfm_min_points\b/g, "pointsForMoney.minPoints"],
  [/\bpfm_max_points\b/g, "pointsForMoney.maxPoints"],
  [/\bstepPoints\b/g, "pointsForMoney.stepPoints"],
  [/\bstepValue\b/g, "pointsForMoney.stepValueMinor"],
  [/\bminPoints\b/g, "pointsForMoney.minPoints"],
  [/\bmaxPoints\b/g, "pointsForMoney.maxPoints"],
];

/**
 * The row columns for the admin fields; only the fields of the reward's type are written (the
 * others are null), and money types carry the shop currency.
 */
export function rowValues(fields: RewardFields, shopCurrency: string) {
  const allowed = TYPE_FIELDS[fields.type];
  const own = <K extends keyof RewardFields>(key: K): RewardFields[K] | null =>
    allowed.includes(key) ? fields[key] : null;
  const pfm = own("pointsForMoney");
  const moneyType =
    fields.type === "fixed_amount" || fields.type === "store_credit" || fields.type === "points_for_money";
  return {
    name: fields.name,
    type: fields.type,
    pointsCost: pfm ? pfm.stepPoints : (own("pointsCost") ?? 0),
    valueMinor: fields.type === "free_shipping" ? own("maxShippingMinor") : own("valueMinor"),
    currency: moneyType ? shopCurrency : null,
    valuesByCurrency: own("valuesByCurrency"),
    percentBp: own("percentBp"),
    productVariantId: own("productVariantId"),
    pfmStepPoints: pfm?.stepPoints ?? null,
    pfmStepValueMinor: pfm?.stepValueMinor ?? null,
    pfmMinPoints: pfm?.minPoints ?? null,
    pfmMaxPoints: pfm?.maxPoints ?? null,
    minOrderMinor: fields.minOrderMinor,
    codeExpiryDays: fields.codeExpiryDays,
    combinesWithOrder: fields.combinesWith.orderDiscounts,
    combinesWithProduct: fields.combinesWith.productDiscounts,
    combinesWithShipping: fields.combinesWith.shippingDiscounts,
    perCustomerLimit: fields.perCustomerLimit,
    minTierId: fields.minTierId,
    channels: fields.channels,
    active: fields.active,
  };
}

/** The admin fields of a stored row (the inverse of `rowValues`). */
export function fieldsOf(row: RewardRow): RewardFields {
  const isPfm = row.type === "points_for_money";
  return {
    name: row.name,
    type: row.type,
    pointsCost: isPfm ? null : row.pointsCost,
    valueMinor: row.type === "free_shipping" ? null : row.valueMinor,
    maxShippingMinor: row.type === "free_shipping" ? row.valueMinor : null,
    percentBp: row.percentBp,
    productVariantId: row.productVariantId,
    pointsForMoney: isPfm
      ? {
          stepPoints: row.pfmStepPoints ?? 0,
          stepValueMinor: row.pfmStepValueMinor ?? 0,
          minPoints: row.pfmMinPoints ?? 0,
          maxPoints: row.pfmMaxPoints ?? 0,
        }
      : null,
    valuesByCurrency: row.valuesByCurrency ?? null,
    minOrderMinor: row.minOrderMinor,
    codeExpiryDays: row.codeExpiryDays,
    combinesWith: {
      orderDiscounts: row.combinesWithOrder,
      productDiscounts: row.combinesWithProduct,
      shippingDiscounts: row.combinesWithShipping,
    },
    perCustomerLimit: row.perCustomerLimit,
    minTierId: row.minTierId,
    channels: row.channels,
    active: row.active,
  };
}

/** Runs the engine's own reading of the row; a reward it refuses is a 400 naming the field. */
function assertRedeemable(values: ReturnType<typeof rowValues>, id: number) {
  const now = new Date();
  const row: RewardRow = { ...values, shopId: "", id, archivedAt: null, createdAt: now, updatedAt: now };
  try {
    toDomainReward(row);
  } catch (error) {
    if (!(error instanceof RewardMisconfiguredError)) throw error;
    const problem = COLUMN_TO_FIELD.reduce(
      (text, [pattern, field]) => text.replace(pattern, field),
      error.problem,
    );
    throw bad(`This reward cannot be redeemed as set up: ${problem}.`);
  }
}

async function assertMinTier(tx: Executor, shopId: string, tierId: number | null) {
  if (tierId === null) return;
  const [tier] = await tx
    .select({ id: schema.vipTiers.id, active: schema.vipTiers.active })
    .from(schema.vipTiers)
    .where(and(eq(schema.vipTiers.shopId, shopId), eq(schema.vipTiers.id, tierId)));
  if (!tier)
    throw new TRPCError({ code: "NOT_FOUND", message: `Tier ${tierId} does not exist in this shop.` });
  if (!tier.active) throw bad(`minTierId: tier ${tierId} is inactive; choose an active tier.`);
}

const notFound = (id: number) =>
  new TRPCError({ code: "NOT_FOUND", message: `Reward ${id} does not exist in this shop.` });

export async function getReward(
  db: Executor,
  shopId: string,
  rewardId: number,
  lock = false,
): Promise<RewardRow> {
  const query = db
    .select()
    .from(schema.rewards)
    .where(and(eq(schema.rewards.shopId, shopId), eq(schema.rewards.id, rewardId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound(rewardId);
  return row;
}

/** The catalogue, by id, keyset-paged; archived rewards only when asked for. */
export async function listRewards(
  db: Executor,
  shopId: string,
  input: { archived: "exclude" | "include" | "only"; type?: RewardType; cursor?: number; limit: number },
) {
  const r = schema.rewards;
  const rows = await db
    .select()
    .from(r)
    .where(
      and(
        eq(r.shopId, shopId),
        input.archived === "exclude"
          ? isNull(r.archivedAt)
          : input.archived === "only"
            ? isNotNull(r.archivedAt)
            : undefined,
        input.type ? eq(r.type, input.type) : undefined,
        input.cursor ? gt(r.id, input.cursor) : undefined,
      ),
    )
    .orderBy(asc(r.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return { items: page, nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
}

type Ctx = { shop: { id: string; currency: string }; staff: StaffActor };

export async function createReward(tx: Transaction, ctx: Ctx, fields: RewardFields, at: Date) {
  assertNoForeignFields(fields.type, fields);
  assertRequiredFields(fields.type, fields);
  const values = rowValues(fields, ctx.shop.currency);
  assertRedeemable(values, 0);
  await assertMinTier(tx, ctx.shop.id, fields.minTierId);
  const [row] = await tx
    .insert(schema.rewards)
    .values({ shopId: ctx.shop.id, ...values, createdAt: at, updatedAt: at })
    .returning();
  await writeAudit(tx, ctx, {
    action: "reward.create",
    entityType: "reward",
    entityId: row!.id,
    changes: { ...fields },
  });
  return row!;
}

/** A partial edit (type fixed), validated whole by the engine's reading before it is saved. */
export async function updateReward(
  tx: Transaction,
  ctx: Ctx,
  rewardId: number,
  patch: Partial<Omit<RewardFields, "type">>,
  at: Date,
): Promise<{ reward: RewardRow; changed: boolean }> {
  const current = await getReward(tx, ctx.shop.id, rewardId, true);
  if (current.archivedAt) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `Reward ${rewardId} is archived and can no longer be edited.`,
    });
  }
  assertNoForeignFields(current.type, patch);
  const before = fieldsOf(current);
  const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
  const merged: RewardFields = { ...before, ...defined };
  assertRequiredFields(current.type, merged);
  const values = rowValues(merged, current.currency ?? ctx.shop.currency);
  assertRedeemable(values, current.id);
  if (patch.minTierId !== undefined && patch.minTierId !== current.minTierId) {
    await assertMinTier(tx, ctx.shop.id, merged.minTierId);
  }
  const changes = Object.fromEntries(
    (Object.keys(merged) as (keyof RewardFields)[])
      .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(merged[key]))
      .map((key) => [key, { from: before[key], to: merged[key] }]),
  );
  if (Object.keys(changes).length === 0) return { reward: current, changed: false };
  const [row] = await tx
    .update(schema.rewards)
    .set({ ...values, updatedAt: at })
    .where(and(eq(schema.rewards.shopId, ctx.shop.id), eq(schema.rewards.id, rewardId)))
    .returning();
  await writeAudit(tx, ctx, { action: "reward.update", entityType: "reward", entityId: rewardId, changes });
  return { reward: row!, changed: true };
}

export async function archiveReward(tx: Transaction, ctx: Ctx, rewardId: number, at: Date) {
  const current = await getReward(tx, ctx.shop.id, rewardId, true);
  if (current.archivedAt) return current;
  const [row] = await tx
    .update(schema.rewards)
    .set({ archivedAt: at, active: false, updatedAt: at })
    .where(and(eq(schema.rewards.shopId, ctx.shop.id), eq(schema.rewards.id, rewardId)))
    .returning();
  await writeAudit(tx, ctx, {
    action: "reward.archive",
    entityType: "reward",
    entityId: rewardId,
    changes: { archivedAt: at.toISOString(), active: { from: current.active, to: false } },
  });
  return row!;
}
