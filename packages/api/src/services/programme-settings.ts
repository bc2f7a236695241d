import { schema, type Executor, type Transaction } from "@loyalnest/db";
import { shopConfigSchema, type ShopConfig } from "@loyalnest/db/schema";
import { TRPCError } from "@trpc/server";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { writeAudit } from "../audit";
import type { StaffActor } from "../trpc/auth/admin-session";

/**
 * Programme settings (spec §2–§9, §12, §16): the typed `shop_settings` columns the engine reads on
 * every event, plus the JSON `config` (branding, languages, notifications, referrals).
 *
 * Rules chosen:
 * - An update is partial: only the fields sent change. Config sections merge key by key, except
 *   `languages.overrides`, where each locale sent replaces that locale's overrides as a whole (a
 *   locale absent from the update keeps its overrides).
 * - Every effective change bumps `config_version` and writes one audit row naming each changed field
 *   with its old and new value (language overrides are recorded by locale, never their text).
 *   An update that changes nothing writes nothing.
 * - `expectedConfigVersion`, when sent, guards against two staff overwriting each other: a stale
 *   version is refused with CONFLICT and nothing changes.
 * - Rewards named in the referral config must be this shop's live (active, not archived) rewards.
 */

export type SettingsRow = typeof schema.shopSettings.$inferSelect;

/** The typed columns an update may change (everything but the shop id, the config and the bookkeeping). */
export type SettingsColumns = Omit<SettingsRow, "shopId" | "config" | "configVersion" | "updatedAt">;

export interface ConfigPatch {
  branding?: Partial<ShopConfig["branding"]>;
  languages?: {
    enabled?: ShopConfig["languages"]["enabled"];
    overrides?: Partial<Record<string, Record<string, string>>>;
  };
  notifications?: Partial<Omit<ShopConfig["notifications"], "senderName">> & { senderName?: string | null };
  referrals?: Partial<ShopConfig["referrals"]>;
}

export interface SettingsPatch extends Partial<SettingsColumns> {
  config?: ConfigPatch;
  expectedConfigVersion?: number;
}

export interface ProgrammeSettings extends SettingsRow {
  config: ShopConfig;
}

/** The shop's settings with the config parsed (defaults filled in for sections never saved). */
export async function loadProgrammeSettings(db: Executor, shopId: string): Promise<ProgrammeSettings> {
  const [row] = await db.select().from(schema.shopSettings).where(eq(schema.shopSettings.shopId, shopId));
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "This shop has no programme settings yet." });
  return { ...row, config: parseStoredConfig(row.config) };
}

/**
 * The stored config, parsed; a section that no longer validates (written by older code) reads as
 * its defaults rather than failing the whole settings page.
 */
export function parseStoredConfig(stored: unknown): ShopConfig {
  const whole = shopConfigSchema.safeParse(stored ?? {});
  if (whole.success) return whole.data;
  const raw = (stored && typeof stored === "object" ? stored : {}) as Record<string, unknown>;
  const sections = Object.fromEntries(
    (["branding", "languages", "notifications", "referrals"] as const).map((section) => [
      section,
      shopConfigSchema.shape[section].safeParse(raw[section]).data,
    ]),
  );
  return shopConfigSchema.parse(sections);
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function mergeConfig(current: ShopConfig, patch: ConfigPatch | undefined): ShopConfig {
  if (!patch) return current;
  const notifications = { ...current.notifications, ...patch.notifications };
  if (patch.notifications?.senderName === null) delete notifications.senderName;
  const overrides = { ...current.languages.overrides };
  for (const [locale, strings] of Object.entries(patch.languages?.overrides ?? {})) {
    if (strings === undefined) continue;
    if (Object.keys(strings).length === 0) delete overrides[locale];
    else overrides[locale] = strings;
  }
  return shopConfigSchema.parse({
    branding: { ...current.branding, ...patch.branding },
    languages: { enabled: patch.languages?.enabled ?? current.languages.enabled, overrides },
    notifications,
    referrals: { ...current.referrals, ...patch.referrals },
  });
}

/** `config.<section>.<key>` → {from, to} for every changed leaf; language overrides by locale, without text. */
function configChanges(before: ShopConfig, after: ShopConfig): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const section of ["branding", "notifications", "referrals"] as const) {
    const a = before[section] as Record<string, unknown>;
    const b = after[section] as Record<string, unknown>;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!sameValue(a[key], b[key]))
        changes[`config.${section}.${key}`] = { from: a[key] ?? null, to: b[key] ?? null };
    }
  }
  if (!sameValue(before.languages.enabled, after.languages.enabled)) {
    changes["config.languages.enabled"] = { from: before.languages.enabled, to: after.languages.enabled };
  }
  const locales = new Set([
    ...Object.keys(before.languages.overrides),
    ...Object.keys(after.languages.overrides),
  ]);
  const changedLocales = [...locales].filter(
    (locale) => !sameValue(before.languages.overrides[locale], after.languages.overrides[locale]),
  );
  if (changedLocales.length > 0)
    changes["config.languages.overrides"] = { changedLocales: changedLocales.sort() };
  return changes;
}

/** Reward ids named by the referral config must be this shop's live rewards. */
async function assertReferralRewards(tx: Transaction, shopId: string, patch?: ConfigPatch) {
  const ids: number[] = [];
  const advocate = patch?.referrals?.advocateReward;
  if (advocate?.type === "reward") ids.push(advocate.rewardId);
  if (patch?.referrals?.friendRewardId) ids.push(patch.referrals.friendRewardId);
  if (ids.length === 0) return;
  const found = await tx
    .select({ id: schema.rewards.id })
    .from(schema.rewards)
    .where(
      and(
        eq(schema.rewards.shopId, shopId),
        inArray(schema.rewards.id, ids),
        eq(schema.rewards.active, true),
        isNull(schema.rewards.archivedAt),
      ),
    );
  const missing = ids.find((id) => !found.some((row) => row.id === id));
  if (missing !== undefined) {
    throw new TRPCError({
      code: "NOT_FOUND",
      message: `Reward ${missing} does not exist in this shop (or is archived).`,
    });
  }
}

/** Applies a partial update in `tx` (locks the row, validates the merged result, audits). */
export async function updateProgrammeSettings(
  tx: Transaction,
  ctx: { shop: { id: string }; staff: StaffActor },
  patch: SettingsPatch,
  at: Date,
): Promise<{ settings: ProgrammeSettings; changed: string[] }> {
  const shopId = ctx.shop.id;
  const [locked] = await tx
    .select()
    .from(schema.shopSettings)
    .where(eq(schema.shopSettings.shopId, shopId))
    .for("update");
  if (!locked)
    throw new TRPCError({ code: "NOT_FOUND", message: "This shop has no programme settings yet." });
  const current: ProgrammeSettings = { ...locked, config: parseStoredConfig(locked.config) };

  const { config: configPatch, expectedConfigVersion, ...columns } = patch;
  if (expectedConfigVersion !== undefined && expectedConfigVersion !== current.configVersion) {
    throw new TRPCError({
      code: "CONFLICT",
      message: "These settings were changed by someone else meanwhile. Reload them and try again.",
    });
  }

  const nextColumns = { ...current, ...columns };
  if (nextColumns.expiryWarningDays >= nextColumns.expiryInactivityDays) {
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: `expiryWarningDays: the expiry warning (${nextColumns.expiryWarningDays} days) must come before the points expire (${nextColumns.expiryInactivityDays} days of inactivity).`,
    });
  }

  const nextConfig = mergeConfig(current.config, configPatch);
  await assertReferralRewards(tx, shopId, configPatch);

  const changes: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(columns)) {
    const before = current[key as keyof SettingsColumns];
    if (value !== undefined && !sameValue(before, value)) changes[key] = { from: before, to: value };
  }
  Object.assign(changes, configChanges(current.config, nextConfig));
  const changed = Object.keys(changes);
  if (changed.length === 0) return { settings: current, changed };

  const [updated] = await tx
    .update(schema.shopSettings)
    .set({ ...columns, config: nextConfig, configVersion: current.configVersion + 1, updatedAt: at })
    .where(eq(schema.shopSettings.shopId, shopId))
    .returning();
  await writeAudit(tx, ctx, {
    action: "settings.update",
    entityType: "shop_settings",
    entityId: shopId,
    changes: { ...changes, configVersion: { from: current.configVersion, to: current.configVersion + 1 } },
  });
  return { settings: { ...updated!, config: nextConfig }, changed };
}
