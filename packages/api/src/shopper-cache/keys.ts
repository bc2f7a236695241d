/**
 * Cache keys for shopper reads. A customer's own state and the shop's catalogue (rewards, tiers,
 * programme wording) are cached apart: a catalogue edit invalidates one key per shop instead of
 * one per customer, and a ledger write invalidates only that customer's key.
 */
/**
 * Changes reach the cache by the database's commit notifications, not by expiry; the life of an
 * entry only bounds what a notification cannot carry: one missed while the listener reconnects,
 * and time passing (points leaving a rolling 12-month tier window). Entries are fresh for 2.5–5
 * minutes (spread, so a storefront's shoppers do not all go stale in the same second); the first
 * read after that still gets the entry at once and reloads it in the background (`Cache`).
 * The `v2` in the keys is the stored format (a value with its freshness); bump it when that changes.
 */
export const SHOPPER_CACHE_TTL_MS = 5 * 60_000;
/**
 * A shop's parsed catalogue is also kept in each process for this long (read on every widget
 * view); the change listener drops it at once, so this only bounds a missed notification.
 */
export const SHOP_CATALOG_MEMO_MS = 5_000;

export const shopperStateKey = (shopId: string, customerId: number) => `shopper:v2:${shopId}:${customerId}`;
export const shopCatalogKey = (shopId: string) => `catalog:v2:${shopId}`;
