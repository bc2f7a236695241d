import { schema, type Database } from "@loyalnest/db";
import { defaultShopConfig } from "@loyalnest/db/schema";
import { getShopInfo } from "@loyalnest/shopify";
import { eq, sql } from "drizzle-orm";
import type { ApiDeps } from "../deps";
import type { ShopRef } from "../shop-lookup";

/** Shops this process has seen holding a usable offline token (so the check is once per process). */
const shopsWithToken = new WeakMap<ApiDeps, Set<string>>();

/**
 * Shopify's managed install: the merchant opens the app and the first session token is all we get.
 * A shop we do not know (or one that uninstalled) is recorded as `uninstalled`, its session token
 * exchanged for an offline token, its identity read from the Admin API (name, currency, time zone,
 * plan), and only then made `active` with default settings. A known shop without a stored token
 * (revoked, or never exchanged) just runs the exchange.
 */
export async function ensureInstalledShop(
  deps: ApiDeps,
  domain: string,
  sessionToken: string,
): Promise<ShopRef> {
  const known = shopsWithToken.get(deps) ?? new Set<string>();
  shopsWithToken.set(deps, known);

  const existing = await deps.shops.byDomain(domain);
  if (existing && known.has(domain)) return existing;
  if (existing) {
    const stored = await deps.tokenStore.load(domain);
    if (!stored || stored.revokedAt) await deps.tokens.exchange(domain, sessionToken);
    known.add(domain);
    return existing;
  }

  await recordPendingShop(deps.database.db, domain);
  await deps.tokens.exchange(domain, sessionToken);
  const info = await getShopInfo(deps.shopifyAdmin, domain);
  await activateShop(deps.database.db, domain, {
    name: info.name,
    currency: info.currencyCode,
    timezone: info.ianaTimezone,
    shopifyPlan: info.planName ?? "basic",
  });
  deps.shops.forgetShop(domain);
  known.add(domain);
  const shop = await deps.shops.byDomain(domain);
  if (!shop) throw new Error(`shop ${domain} was installed but cannot be read back`);
  return shop;
}

async function recordPendingShop(db: Database, domain: string) {
  await db
    .insert(schema.shops)
    .values({ domain, name: domain, currency: "USD", timezone: "UTC", status: "uninstalled" })
    .onConflictDoNothing({ target: schema.shops.domain });
}

interface ShopIdentity {
  name: string;
  currency: string;
  timezone: string;
  shopifyPlan: string;
}

async function activateShop(db: Database, domain: string, identity: ShopIdentity) {
  await db.transaction(async (tx) => {
    const [shop] = await tx
      .update(schema.shops)
      .set({
        ...identity,
        status: "active",
        uninstalledAt: null,
        installedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(schema.shops.domain, domain))
      .returning({ id: schema.shops.id });
    if (!shop) throw new Error(`shop ${domain} vanished during install`);
    await tx
      .insert(schema.shopSettings)
      .values({ shopId: shop.id, config: defaultShopConfig() })
      .onConflictDoNothing({ target: schema.shopSettings.shopId });
  });
}
