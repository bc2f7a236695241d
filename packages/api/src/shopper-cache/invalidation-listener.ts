import type { ApiDeps } from "../trpc/deps";
import { shopCatalogKey, shopperStateKey } from "./keys";

/** Channels the database's triggers notify on commit (migration 0003). */
export const SHOPPER_CHANNEL = "loyalnest_shopper";
export const SHOP_CHANNEL = "loyalnest_shop";

const UUID = /^[0-9a-f-]{36}$/;

/** '<shop id>:<customer id>' → the cache key it invalidates; null for a payload we did not send. */
export function shopperKeyFromPayload(payload: string): string | null {
  const [shopId, customerId] = payload.split(":");
  if (!shopId || !UUID.test(shopId) || !customerId || !/^\d+$/.test(customerId)) return null;
  return shopperStateKey(shopId, Number(customerId));
}

/**
 * Invalidates cached shopper reads whenever a transaction that changed a balance, a customer's
 * tier or membership, a redemption, or a shop's catalogue commits — wherever it ran (API, worker,
 * a script). NOTIFY is delivered at commit, so a read after the notification sees the new rows.
 * If the listening connection drops, entries are still reloaded once past `SHOPPER_CACHE_TTL_MS`.
 */
export async function startShopperCacheInvalidation(deps: Pick<ApiDeps, "database" | "cache" | "catalogs">) {
  const { sql } = deps.database;
  const shopper = await sql.listen(SHOPPER_CHANNEL, (payload) => {
    const key = shopperKeyFromPayload(payload);
    if (key) void deps.cache.invalidate(key);
  });
  const shop = await sql.listen(SHOP_CHANNEL, (payload) => {
    if (!UUID.test(payload)) return;
    // Redis first: its DEL is queued before any GET a request issues after the memo is dropped.
    void deps.cache.invalidate(shopCatalogKey(payload));
    deps.catalogs.forget(payload);
  });
  return async () => {
    await Promise.all([shopper.unlisten(), shop.unlisten()]);
  };
}
