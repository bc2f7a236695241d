import { schema, type Executor, type Transaction } from "@loyalnest/db";
import { DEFAULT_ACTION_POINTS, DEFAULT_EARNING_RULE, DEFAULT_REVIEWS_PER_MONTH } from "@loyalnest/domain";
import { TRPCError } from "@trpc/server";
import { and, asc, desc, eq, lt, sql, type SQL } from "drizzle-orm";
import { writeAudit } from "../audit";
import type { StaffActor } from "../trpc/auth/admin-session";

/**
 * Earning rules (spec §4, §10 "rule edits are versioned"): a rule row per way to earn, its
 * settings in `earning_rule_versions`. An edit writes a new version and bumps `current_version`;
 * old versions stay, so a ledger row's `earning_rule_version` always explains its award.
 *
 * The stored config is exactly what the engine reads (`loyalty/shop-rules.ts`, `loyalty/birthdays.ts`):
 * - purchase: `{ filters: { minOrderMinor, productTags, collectionIds, excludedCustomerTags, channels } }`
 *   (the earn rate and inclusions are programme settings, not part of the rule);
 * - signup, birthday, newsletter, social: `{ points }`; review: `{ points, monthlyLimit }`.
 *
 * Rules chosen:
 * - One rule per kind (per network for social): the engine reads "the active rule of a kind", so a
 *   second one would be ambiguous. Creating a duplicate is refused (CONFLICT); edit the rule instead.
 * - Saving settings identical to the current version writes no new version.
 * - Stored configs written by older code (or the demo seed) are read leniently: a missing or invalid
 *   value shows as the engine's default, which is what the engine would apply.
 */

export type RuleKind = (typeof schema.earningRuleKind.enumValues)[number];
type SalesChannel = "online" | "pos";

export interface PurchaseFilters {
  minOrderMinor: number | null;
  productTags: string[];
  collectionIds: string[];
  excludedCustomerTags: string[];
  channels: SalesChannel[];
}

export type RuleSettings =
  | { kind: "purchase"; filters: PurchaseFilters }
  | { kind: "signup" | "birthday" | "newsletter" | "social"; points: number }
  | { kind: "review"; points: number; monthlyLimit: number };

export interface EarningRuleView {
  id: number;
  kind: RuleKind;
  /** The social network of a social rule; null for other kinds. */
  network: string | null;
  active: boolean;
  currentVersion: number;
  settings: RuleSettings;
  createdAt: Date;
  updatedAt: Date;
}

const DEFAULT_POINTS: Record<Exclude<RuleKind, "purchase">, number> = {
  signup: DEFAULT_ACTION_POINTS.signup,
  birthday: DEFAULT_ACTION_POINTS.birthday,
  newsletter: DEFAULT_ACTION_POINTS.newsletter,
  review: DEFAULT_ACTION_POINTS.review,
  social: DEFAULT_ACTION_POINTS.socialFollow,
};

const positiveInt = (value: unknown): value is number =>
  typeof value === "number" && Number.isSafeInteger(value) && value > 0;
const stringList = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];

/** The settings the engine would apply for a stored config (see the module note). */
export function settingsFromConfig(kind: RuleKind, config: unknown): RuleSettings {
  const c = (config && typeof config === "object" ? config : {}) as Record<string, unknown>;
  if (kind === "purchase") {
    const f = (c.filters && typeof c.filters === "object" ? c.filters : {}) as Record<string, unknown>;
    const channels = stringList(f.channels).filter(
      (ch): ch is SalesChannel => ch === "online" || ch === "pos",
    );
    return {
      kind,
      filters: {
        minOrderMinor:
          typeof f.minOrderMinor === "number" && Number.isSafeInteger(f.minOrderMinor) && f.minOrderMinor >= 0
            ? f.minOrderMinor
            : DEFAULT_EARNING_RULE.minOrderMinor,
        productTags: stringList(f.productTags),
        collectionIds: stringList(f.collectionIds),
        excludedCustomerTags: stringList(f.excludedCustomerTags),
        channels: Array.isArray(f.channels) ? channels : [...DEFAULT_EARNING_RULE.channels],
      },
    };
  }
  const points = positiveInt(c.points) ? c.points : DEFAULT_POINTS[kind];
  if (kind === "review") {
    return {
      kind,
      points,
      monthlyLimit: positiveInt(c.monthlyLimit) ? c.monthlyLimit : DEFAULT_REVIEWS_PER_MONTH,
    };
  }
  return { kind, points };
}

/** The JSON stored in a version row for these settings (the shape the engine reads). */
export function configFromSettings(settings: RuleSettings): Record<string, unknown> {
  switch (settings.kind) {
    case "purchase":
      return { filters: settings.filters };
    case "review":
      return { points: settings.points, monthlyLimit: settings.monthlyLimit };
    default:
      return { points: settings.points };
  }
}

const ruleColumns = {
  id: schema.earningRules.id,
  kind: schema.earningRules.kind,
  variant: schema.earningRules.variant,
  active: schema.earningRules.active,
  currentVersion: schema.earningRules.currentVersion,
  createdAt: schema.earningRules.createdAt,
  updatedAt: schema.earningRules.updatedAt,
  config: schema.earningRuleVersions.config,
};

function toView(row: {
  id: number;
  kind: RuleKind;
  variant: string;
  active: boolean;
  currentVersion: number;
  createdAt: Date;
  updatedAt: Date;
  config: unknown;
}): EarningRuleView {
  return {
    id: row.id,
    kind: row.kind,
    network: row.kind === "social" ? row.variant : null,
    active: row.active,
    currentVersion: row.currentVersion,
    settings: settingsFromConfig(row.kind, row.config),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Rules of the shop matching `where`, each joined to its current version. */
function rulesWithCurrentVersion(db: Executor, shopId: string, where?: SQL) {
  return db
    .select(ruleColumns)
    .from(schema.earningRules)
    .leftJoin(
      schema.earningRuleVersions,
      and(
        eq(schema.earningRuleVersions.shopId, schema.earningRules.shopId),
        eq(schema.earningRuleVersions.ruleId, schema.earningRules.id),
        eq(schema.earningRuleVersions.version, schema.earningRules.currentVersion),
      ),
    )
    .where(and(eq(schema.earningRules.shopId, shopId), where));
}

/** Every rule of the shop with its current version's settings, by kind then network. */
export async function listEarningRules(
  db: Executor,
  shopId: string,
  kind?: RuleKind,
): Promise<EarningRuleView[]> {
  const rows = await rulesWithCurrentVersion(
    db,
    shopId,
    kind ? eq(schema.earningRules.kind, kind) : undefined,
  ).orderBy(asc(schema.earningRules.kind), asc(schema.earningRules.variant), asc(schema.earningRules.id));
  return rows.map(toView);
}

const notFound = (ruleId: number) =>
  new TRPCError({ code: "NOT_FOUND", message: `Earning rule ${ruleId} does not exist in this shop.` });

/** One rule of the shop (NOT_FOUND for any other id); `lock` takes the row for an edit. */
export async function getEarningRule(
  db: Executor,
  shopId: string,
  ruleId: number,
  lock = false,
): Promise<EarningRuleView> {
  if (lock) {
    const [locked] = await db
      .select({ id: schema.earningRules.id })
      .from(schema.earningRules)
      .where(and(eq(schema.earningRules.shopId, shopId), eq(schema.earningRules.id, ruleId)))
      .for("update");
    if (!locked) throw notFound(ruleId);
  }
  const [row] = await rulesWithCurrentVersion(db, shopId, eq(schema.earningRules.id, ruleId));
  if (!row) throw notFound(ruleId);
  return toView(row);
}

type Ctx = { shop: { id: string }; staff: StaffActor };

const KIND_LABEL: Record<RuleKind, string> = {
  purchase: "purchase",
  signup: "account signup",
  birthday: "birthday",
  newsletter: "newsletter signup",
  review: "product review",
  social: "social follow",
};

export interface CreateRuleInput {
  settings: RuleSettings;
  network?: string;
  active: boolean;
}

/** Creates a rule with its version 1 (one rule per kind, per network for social). */
export async function createEarningRule(tx: Transaction, ctx: Ctx, input: CreateRuleInput, at: Date) {
  const shopId = ctx.shop.id;
  const kind = input.settings.kind;
  const variant = kind === "social" ? (input.network ?? "") : "";
  // Serialize creations of one kind in one shop, so two clicks cannot both pass the check below.
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`earning-rule:${shopId}:${kind}:${variant}`}))`,
  );
  const [existing] = await tx
    .select({ id: schema.earningRules.id })
    .from(schema.earningRules)
    .where(
      and(
        eq(schema.earningRules.shopId, shopId),
        eq(schema.earningRules.kind, kind),
        eq(schema.earningRules.variant, variant),
      ),
    )
    .limit(1);
  if (existing) {
    const what = kind === "social" ? `A social follow rule for ${variant}` : `A ${KIND_LABEL[kind]} rule`;
    throw new TRPCError({
      code: "CONFLICT",
      message: `${what} already exists (rule ${existing.id}); edit it instead of creating another.`,
    });
  }
  const [rule] = await tx
    .insert(schema.earningRules)
    .values({ shopId, kind, variant, active: input.active, currentVersion: 1, createdAt: at, updatedAt: at })
    .returning({ id: schema.earningRules.id });
  const config = configFromSettings(input.settings);
  await tx.insert(schema.earningRuleVersions).values({
    shopId,
    ruleId: rule!.id,
    version: 1,
    config,
    createdBy: ctx.staff.userId,
    createdAt: at,
  });
  await writeAudit(tx, ctx, {
    action: "earning_rule.create",
    entityType: "earning_rule",
    entityId: rule!.id,
    changes: { kind, network: kind === "social" ? variant : null, active: input.active, version: 1, config },
  });
  return getEarningRule(tx, shopId, rule!.id);
}

/** Writes the next version of a rule (no-op when the settings equal the current ones). */
export async function updateEarningRule(
  tx: Transaction,
  ctx: Ctx,
  input: { ruleId: number; settings: RuleSettings },
  at: Date,
): Promise<{ rule: EarningRuleView; changed: boolean }> {
  const shopId = ctx.shop.id;
  const current = await getEarningRule(tx, shopId, input.ruleId, true);
  if (current.kind !== input.settings.kind) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `settings.kind: rule ${current.id} is a ${KIND_LABEL[current.kind]} rule; its kind cannot change (sent "${input.settings.kind}").`,
    });
  }
  const config = configFromSettings(input.settings);
  const before = configFromSettings(current.settings);
  if (JSON.stringify(config) === JSON.stringify(before)) return { rule: current, changed: false };
  const version = current.currentVersion + 1;
  await tx.insert(schema.earningRuleVersions).values({
    shopId,
    ruleId: current.id,
    version,
    config,
    createdBy: ctx.staff.userId,
    createdAt: at,
  });
  await tx
    .update(schema.earningRules)
    .set({ currentVersion: version, updatedAt: at })
    .where(and(eq(schema.earningRules.shopId, shopId), eq(schema.earningRules.id, current.id)));
  await writeAudit(tx, ctx, {
    action: "earning_rule.update",
    entityType: "earning_rule",
    entityId: current.id,
    changes: { version: { from: current.currentVersion, to: version }, config: { from: before, to: config } },
  });
  return { rule: await getEarningRule(tx, shopId, current.id), changed: true };
}

/** Switches a rule on or off (no new version: the settings do not change). */
export async function setEarningRuleActive(
  tx: Transaction,
  ctx: Ctx,
  input: { ruleId: number; active: boolean },
  at: Date,
): Promise<EarningRuleView> {
  const shopId = ctx.shop.id;
  const current = await getEarningRule(tx, shopId, input.ruleId, true);
  if (current.active === input.active) return current;
  await tx
    .update(schema.earningRules)
    .set({ active: input.active, updatedAt: at })
    .where(and(eq(schema.earningRules.shopId, shopId), eq(schema.earningRules.id, current.id)));
  await writeAudit(tx, ctx, {
    action: input.active ? "earning_rule.activate" : "earning_rule.deactivate",
    entityType: "earning_rule",
    entityId: current.id,
    changes: { active: { from: current.active, to: input.active } },
  });
  return getEarningRule(tx, shopId, current.id);
}

export interface RuleVersionView {
  version: number;
  settings: RuleSettings;
  createdBy: string | null;
  createdAt: Date;
  current: boolean;
}

/** A rule's versions, newest first, `limit` at a time before `beforeVersion`. */
export async function earningRuleVersions(
  db: Executor,
  shopId: string,
  input: { ruleId: number; beforeVersion?: number; limit: number },
): Promise<{ rule: EarningRuleView; versions: RuleVersionView[]; nextBeforeVersion: number | null }> {
  const rule = await getEarningRule(db, shopId, input.ruleId);
  const rows = await db
    .select({
      version: schema.earningRuleVersions.version,
      config: schema.earningRuleVersions.config,
      createdBy: schema.earningRuleVersions.createdBy,
      createdAt: schema.earningRuleVersions.createdAt,
    })
    .from(schema.earningRuleVersions)
    .where(
      and(
        eq(schema.earningRuleVersions.shopId, shopId),
        eq(schema.earningRuleVersions.ruleId, rule.id),
        input.beforeVersion === undefined
          ? undefined
          : lt(schema.earningRuleVersions.version, input.beforeVersion),
      ),
    )
    .orderBy(desc(schema.earningRuleVersions.version))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  return {
    rule,
    versions: page.map((row) => ({
      version: row.version,
      settings: settingsFromConfig(rule.kind, row.config),
      createdBy: row.createdBy,
      createdAt: row.createdAt,
      current: row.version === rule.currentVersion,
    })),
    nextBeforeVersion: rows.length > input.limit ? page[page.length - 1]!.version : null,
  };
}
