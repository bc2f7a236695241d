import { schema, type Executor, type Transaction } from "@loyalnest/db";
import { TRPCError } from "@trpc/server";
import { and, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, type SQL } from "drizzle-orm";
import { writeAudit } from "../audit";
import type { StaffActor } from "../trpc/auth/admin-session";

/**
 * Bonus campaigns (spec §10): a window, a multiplier or a fixed bonus, and a target. Versioned like
 * earning rules: every save writes the whole campaign as a `campaign_versions` snapshot and bumps
 * `current_version` (the ledger records the version that produced an award); old versions stay.
 *
 * Rules chosen:
 * - A campaign targets one audience kind at most (everyone, tiers, RFM segments, countries or
 *   customer tags): the engine reads one, so a second would be silently ignored. Refused instead.
 * - A multiplier is above ×1 (10001–100000 bp); a fixed bonus has positive points and may have a
 *   minimum order; the fields of the other type are refused rather than ignored.
 * - Target tiers must be tiers of this shop (another shop's tier id is "not found").
 * - Archiving is soft (archived_at + inactive) and final: an archived campaign can no longer be
 *   edited. Pausing is `active: false` through `update`.
 * - Status, evaluated at the request time: archived; paused (inactive); upcoming (starts later);
 *   active (start ≤ now < end); ended.
 */

export type CampaignRow = typeof schema.campaigns.$inferSelect;
export type CampaignType = CampaignRow["type"];
export type RfmSegment = (typeof schema.rfmSegment.enumValues)[number];
export type CampaignStatus = "active" | "upcoming" | "ended" | "paused" | "archived";

export interface CampaignTargetInput {
  tierIds?: number[];
  segments?: RfmSegment[];
  countries?: string[];
  customerTags?: string[];
}

export interface CampaignFields {
  name: string;
  type: CampaignType;
  multiplierBp: number | null;
  bonusPoints: number | null;
  minOrderMinor: number | null;
  startsAt: Date;
  endsAt: Date;
  target: CampaignTargetInput;
  active: boolean;
}

export interface FieldProblem {
  path: string;
  message: string;
}

/** Everything wrong with a campaign's fields, each naming the field (empty = valid). */
export function campaignProblems(c: CampaignFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!(c.endsAt.getTime() > c.startsAt.getTime())) {
    problems.push({ path: "endsAt", message: "the campaign must end after it starts" });
  }
  if (c.type === "multiplier") {
    if (c.multiplierBp === null)
      problems.push({
        path: "multiplierBp",
        message: "a multiplier campaign needs multiplierBp (e.g. 20000 = ×2)",
      });
    else if (c.multiplierBp < 10_001 || c.multiplierBp > 100_000)
      problems.push({ path: "multiplierBp", message: "must be between 10001 and 100000 (×1.0001 to ×10)" });
    if (c.bonusPoints !== null)
      problems.push({ path: "bonusPoints", message: "only fixed-bonus campaigns have bonus points" });
    if (c.minOrderMinor !== null)
      problems.push({ path: "minOrderMinor", message: "only fixed-bonus campaigns have a minimum order" });
  } else {
    if (c.bonusPoints === null)
      problems.push({ path: "bonusPoints", message: "a fixed-bonus campaign needs bonusPoints (e.g. 200)" });
    if (c.multiplierBp !== null)
      problems.push({ path: "multiplierBp", message: "only multiplier campaigns have a multiplier" });
  }
  const audiences = (["tierIds", "segments", "countries", "customerTags"] as const).filter(
    (key) => (c.target[key]?.length ?? 0) > 0,
  );
  if (audiences.length > 1) {
    problems.push({
      path: "target",
      message: `target one audience only (tiers, segments, countries or customer tags), not ${audiences.join(" and ")}`,
    });
  }
  return problems;
}

function assertValid(c: CampaignFields) {
  const problems = campaignProblems(c);
  if (problems.length > 0) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: problems.map((p) => `${p.path}: ${p.message}`).join("; "),
    });
  }
}

/** Drops empty audience lists, so `{}` (everyone) is stored for "no target". */
function normalizeTarget(target: CampaignTargetInput): CampaignRow["target"] {
  const out: CampaignRow["target"] = {};
  if (target.tierIds?.length) out.tierIds = target.tierIds;
  if (target.segments?.length) out.segments = target.segments;
  if (target.countries?.length) out.countries = target.countries;
  if (target.customerTags?.length) out.customerTags = target.customerTags;
  return out;
}

async function assertTargetTiers(tx: Executor, shopId: string, tierIds: readonly number[] | undefined) {
  if (!tierIds?.length) return;
  const found = await tx
    .select({ id: schema.vipTiers.id })
    .from(schema.vipTiers)
    .where(and(eq(schema.vipTiers.shopId, shopId), inArray(schema.vipTiers.id, [...tierIds])));
  const missing = tierIds.find((id) => !found.some((row) => row.id === id));
  if (missing !== undefined) {
    throw new TRPCError({ code: "NOT_FOUND", message: `Tier ${missing} does not exist in this shop.` });
  }
}

export function campaignStatus(row: CampaignRow, at: Date): CampaignStatus {
  if (row.archivedAt) return "archived";
  if (!row.active) return "paused";
  if (row.startsAt.getTime() > at.getTime()) return "upcoming";
  if (row.endsAt.getTime() > at.getTime()) return "active";
  return "ended";
}

/** The whole campaign as stored in a version snapshot (dates as ISO strings). */
function snapshotOf(row: CampaignRow) {
  return {
    name: row.name,
    type: row.type,
    multiplierBp: row.multiplierBp,
    bonusPoints: row.bonusPoints,
    minOrderMinor: row.minOrderMinor,
    startsAt: row.startsAt.toISOString(),
    endsAt: row.endsAt.toISOString(),
    target: row.target,
    active: row.active,
  };
}

type Ctx = { shop: { id: string }; staff: StaffActor };

const notFound = (id: number) =>
  new TRPCError({ code: "NOT_FOUND", message: `Campaign ${id} does not exist in this shop.` });

export async function getCampaign(db: Executor, shopId: string, campaignId: number, lock = false) {
  const query = db
    .select()
    .from(schema.campaigns)
    .where(and(eq(schema.campaigns.shopId, shopId), eq(schema.campaigns.id, campaignId)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound(campaignId);
  return row;
}

export async function campaignVersionsOf(db: Executor, shopId: string, campaignId: number, limit = 50) {
  return db
    .select({
      version: schema.campaignVersions.version,
      snapshot: schema.campaignVersions.snapshot,
      createdBy: schema.campaignVersions.createdBy,
      createdAt: schema.campaignVersions.createdAt,
    })
    .from(schema.campaignVersions)
    .where(
      and(eq(schema.campaignVersions.shopId, shopId), eq(schema.campaignVersions.campaignId, campaignId)),
    )
    .orderBy(desc(schema.campaignVersions.version))
    .limit(limit);
}

export type CampaignFilter = "all" | "active" | "upcoming" | "ended" | "paused" | "archived";

/** The shop's campaigns with a status filter, newest first, keyset-paged by id. */
export async function listCampaigns(
  db: Executor,
  shopId: string,
  input: { status: CampaignFilter; cursor?: number; limit: number },
  at: Date,
) {
  const c = schema.campaigns;
  const live = [isNull(c.archivedAt), eq(c.active, true)];
  const byStatus: Record<CampaignFilter, (SQL | undefined)[]> = {
    all: [isNull(c.archivedAt)],
    active: [...live, lte(c.startsAt, at), gt(c.endsAt, at)],
    upcoming: [...live, gt(c.startsAt, at)],
    ended: [...live, lte(c.endsAt, at)],
    paused: [isNull(c.archivedAt), eq(c.active, false)],
    archived: [isNotNull(c.archivedAt)],
  };
  const rows = await db
    .select()
    .from(c)
    .where(
      and(eq(c.shopId, shopId), input.cursor ? lt(c.id, input.cursor) : undefined, ...byStatus[input.status]),
    )
    .orderBy(desc(c.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return { items: page, nextCursor: rows.length > input.limit ? page[page.length - 1]!.id : null };
}

export async function createCampaign(tx: Transaction, ctx: Ctx, fields: CampaignFields, at: Date) {
  const shopId = ctx.shop.id;
  assertValid(fields);
  await assertTargetTiers(tx, shopId, fields.target.tierIds);
  const [row] = await tx
    .insert(schema.campaigns)
    .values({
      shopId,
      ...fields,
      target: normalizeTarget(fields.target),
      currentVersion: 1,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  await tx.insert(schema.campaignVersions).values({
    shopId,
    campaignId: row!.id,
    version: 1,
    snapshot: snapshotOf(row!),
    createdBy: ctx.staff.userId,
    createdAt: at,
  });
  await writeAudit(tx, ctx, {
    action: "campaign.create",
    entityType: "campaign",
    entityId: row!.id,
    changes: { version: 1, ...snapshotOf(row!) },
  });
  return row!;
}

/** Applies a partial edit as the next version; unchanged edits write nothing. */
export async function updateCampaign(
  tx: Transaction,
  ctx: Ctx,
  campaignId: number,
  patch: Partial<CampaignFields>,
  at: Date,
): Promise<{ campaign: CampaignRow; changed: boolean }> {
  const shopId = ctx.shop.id;
  const current = await getCampaign(tx, shopId, campaignId, true);
  if (current.archivedAt) {
    throw new TRPCError({
      code: "CONFLICT",
      message: `Campaign ${campaignId} is archived and can no longer be edited.`,
    });
  }
  const defined = Object.fromEntries(
    Object.entries(patch).filter(([, v]) => v !== undefined),
  ) as Partial<CampaignFields>;
  // Switching type drops the other type's fields unless the edit sets them (then they are refused).
  const typeFields: Partial<CampaignFields> =
    defined.type === "multiplier" && current.type !== "multiplier"
      ? { bonusPoints: null, minOrderMinor: null }
      : defined.type === "fixed_bonus" && current.type !== "fixed_bonus"
        ? { multiplierBp: null }
        : {};
  const merged: CampaignFields = {
    name: current.name,
    type: current.type,
    multiplierBp: current.multiplierBp,
    bonusPoints: current.bonusPoints,
    minOrderMinor: current.minOrderMinor,
    startsAt: current.startsAt,
    endsAt: current.endsAt,
    target: current.target as CampaignTargetInput,
    active: current.active,
    ...typeFields,
    ...defined,
  };
  assertValid(merged);
  if (defined.target) await assertTargetTiers(tx, shopId, merged.target.tierIds);
  const next = { ...merged, target: normalizeTarget(merged.target) };
  const before = snapshotOf(current);
  const after = snapshotOf({ ...current, ...next });
  const changes = Object.fromEntries(
    (Object.keys(after) as (keyof typeof after)[])
      .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      .map((key) => [key, { from: before[key], to: after[key] }]),
  );
  if (Object.keys(changes).length === 0) return { campaign: current, changed: false };

  const version = current.currentVersion + 1;
  const [row] = await tx
    .update(schema.campaigns)
    .set({ ...next, currentVersion: version, updatedAt: at })
    .where(and(eq(schema.campaigns.shopId, shopId), eq(schema.campaigns.id, campaignId)))
    .returning();
  await tx.insert(schema.campaignVersions).values({
    shopId,
    campaignId,
    version,
    snapshot: snapshotOf(row!),
    createdBy: ctx.staff.userId,
    createdAt: at,
  });
  await writeAudit(tx, ctx, {
    action: "campaign.update",
    entityType: "campaign",
    entityId: campaignId,
    changes: { version: { from: current.currentVersion, to: version }, ...changes },
  });
  return { campaign: row!, changed: true };
}

/** Soft-archives a campaign (idempotent: archiving an archived campaign changes nothing). */
export async function archiveCampaign(tx: Transaction, ctx: Ctx, campaignId: number, at: Date) {
  const shopId = ctx.shop.id;
  const current = await getCampaign(tx, shopId, campaignId, true);
  if (current.archivedAt) return current;
  const [row] = await tx
    .update(schema.campaigns)
    .set({ archivedAt: at, active: false, updatedAt: at })
    .where(and(eq(schema.campaigns.shopId, shopId), eq(schema.campaigns.id, campaignId)))
    .returning();
  await writeAudit(tx, ctx, {
    action: "campaign.archive",
    entityType: "campaign",
    entityId: campaignId,
    changes: { archivedAt: at.toISOString(), active: { from: current.active, to: false } },
  });
  return row!;
}
