import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Executor } from "../client";
import { defaultShopConfig, shopConfigSchema, shops, shopSettings, type ShopConfig } from "../schema";

/** What the storefront widget reads from the app-data metafield: the merchant's branding and languages. */
export type WidgetConfig = Pick<ShopConfig, "branding" | "languages">;

export interface StaleWidgetConfig {
  shopId: string;
  domain: string;
  configVersion: number;
  config: WidgetConfig;
}

/** A stored config that no longer validates is pushed as the defaults rather than not at all. */
function widgetConfigOf(stored: unknown): WidgetConfig {
  const parsed = shopConfigSchema.safeParse(stored);
  const config = parsed.success ? parsed.data : defaultShopConfig();
  return { branding: config.branding, languages: config.languages };
}

/**
 * Installed shops whose settings changed since the widget's config was last pushed
 * (`config_version` ahead of `widget_synced_version`).
 */
export async function shopsWithStaleWidgetConfig(db: Executor, limit = 20): Promise<StaleWidgetConfig[]> {
  const rows = await db
    .select({
      shopId: shopSettings.shopId,
      domain: shops.domain,
      configVersion: shopSettings.configVersion,
      config: shopSettings.config,
    })
    .from(shopSettings)
    .innerJoin(shops, eq(shops.id, shopSettings.shopId))
    .where(and(eq(shops.status, "active"), gt(shopSettings.configVersion, shopSettings.widgetSyncedVersion)))
    .orderBy(asc(shopSettings.updatedAt))
    .limit(limit);
  return rows.map((row) => ({ ...row, config: widgetConfigOf(row.config) }));
}

/** Records a push; never moves backwards when a slower push of an older version finishes last. */
export async function markWidgetConfigSynced(db: Executor, shopId: string, version: number): Promise<void> {
  await db
    .update(shopSettings)
    .set({ widgetSyncedVersion: sql`greatest(${shopSettings.widgetSyncedVersion}, ${version})` })
    .where(eq(shopSettings.shopId, shopId));
}
