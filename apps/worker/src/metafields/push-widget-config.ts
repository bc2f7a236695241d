import { markWidgetConfigSynced, shopsWithStaleWidgetConfig } from "@loyalnest/db";
import { setWidgetConfigMetafield } from "@loyalnest/shopify";
import type { MetafieldSyncDeps } from "./push-stale-metafields";

/** A shop whose push failed is not tried again for this long (a broken token must not spin). */
export const WIDGET_RETRY_MS = 60_000;

export interface WidgetPushSummary {
  pushed: number;
  failed: number;
}

/**
 * Mirrors each changed shop's widget settings (branding, languages) into the app-data metafield
 * the theme app extension reads, so the storefront shows what the merchant saved in the admin.
 * Shops whose last attempt failed within `WIDGET_RETRY_MS` (by `failures`) wait their turn.
 */
export async function pushStaleWidgetConfigs(
  deps: MetafieldSyncDeps,
  failures: Map<string, number> = new Map(),
  now: () => number = Date.now,
): Promise<WidgetPushSummary> {
  const summary: WidgetPushSummary = { pushed: 0, failed: 0 };
  for (const shop of await shopsWithStaleWidgetConfig(deps.db)) {
    const failedAt = failures.get(shop.shopId);
    if (failedAt !== undefined && now() - failedAt < WIDGET_RETRY_MS) continue;
    try {
      const result = await setWidgetConfigMetafield(deps.admin, shop.domain, shop.config);
      if (!result.ok) throw new Error(result.userErrors.map((e) => e.message).join("; "));
      await markWidgetConfigSynced(deps.db, shop.shopId, shop.configVersion);
      failures.delete(shop.shopId);
      summary.pushed += 1;
    } catch (error) {
      failures.set(shop.shopId, now());
      summary.failed += 1;
      console.error(
        `[worker] widget config for ${shop.domain} not pushed:`,
        error instanceof Error ? error.message : error,
      );
    }
  }
  return summary;
}
