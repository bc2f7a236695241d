import {
  DEFAULT_EARNING_RULE,
  DEFAULT_EXPIRY_WARNING_DAYS,
  type ExpiryPolicy,
  type PendingSettings,
  type PurchaseEarningSettings,
} from "@loyalnest/domain";
import { and, eq } from "drizzle-orm";
import type { Transaction } from "../client";
import { earningRules, earningRuleVersions, shops, shopSettings } from "../schema";

export interface ShopRules {
  shopId: string;
  currency: string;
  timezone: string;
  purchase: PurchaseEarningSettings & { ruleId: number | null };
  pending: PendingSettings;
  expiry: ExpiryPolicy;
  settings: typeof shopSettings.$inferSelect;
}

/** A shop's settings, translated into the domain's rule objects. */
export async function loadShopRules(tx: Transaction, shopId: string): Promise<ShopRules> {
  const [row] = await tx
    .select({ shop: shops, settings: shopSettings })
    .from(shops)
    .innerJoin(shopSettings, eq(shopSettings.shopId, shops.id))
    .where(eq(shops.id, shopId));
  if (!row) throw new Error(`shop ${shopId} has no settings`);
  const { shop, settings } = row;
  const purchaseRule = await currentRuleVersion(tx, shopId, "purchase");
  return {
    shopId,
    currency: shop.currency,
    timezone: shop.timezone,
    settings,
    purchase: {
      ruleId: purchaseRule?.ruleId ?? null,
      ruleVersion: purchaseRule?.version ?? 1,
      basis: {
        deductDiscounts: true,
        includeShipping: settings.includeShipping,
        includeTaxes: settings.includeTaxes,
        includeTips: settings.includeTips,
        includeGiftCards: settings.includeGiftCards,
      },
      rate: { earnPoints: settings.earnPoints, earnPerMinor: settings.earnPerMinor },
      rule: { ...DEFAULT_EARNING_RULE, ...(purchaseRule?.config.filters ?? {}) },
      perOrderCap: settings.perOrderPointsCap,
    },
    pending: { pendingDays: settings.pendingDays },
    expiry:
      settings.expiryPolicy === "inactivity"
        ? {
            kind: "inactivity",
            inactivityDays: settings.expiryInactivityDays,
            warningDaysBefore: settings.expiryWarningDays ?? DEFAULT_EXPIRY_WARNING_DAYS,
          }
        : { kind: "none" },
  };
}

interface RuleVersion {
  ruleId: number;
  version: number;
  config: { filters?: Partial<typeof DEFAULT_EARNING_RULE> } & Record<string, unknown>;
}

/** The active rule of a kind and its current version's configuration, if the shop has one. */
export async function currentRuleVersion(
  tx: Transaction,
  shopId: string,
  kind: (typeof earningRules.$inferSelect)["kind"],
): Promise<RuleVersion | null> {
  const [row] = await tx
    .select({
      ruleId: earningRules.id,
      version: earningRuleVersions.version,
      config: earningRuleVersions.config,
    })
    .from(earningRules)
    .innerJoin(
      earningRuleVersions,
      and(
        eq(earningRuleVersions.shopId, earningRules.shopId),
        eq(earningRuleVersions.ruleId, earningRules.id),
        eq(earningRuleVersions.version, earningRules.currentVersion),
      ),
    )
    .where(and(eq(earningRules.shopId, shopId), eq(earningRules.kind, kind), eq(earningRules.active, true)))
    .limit(1);
  return row ? { ...row, config: row.config as RuleVersion["config"] } : null;
}
