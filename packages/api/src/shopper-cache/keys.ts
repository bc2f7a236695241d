/**
 * Cache keys for shopper reads. A customer's own state and the shop's catalogue (rewards, tiers,
 * programme wording) are cached apart: a catalogue edit invalidates one key per shop instead of
 * one per customer, and a ledger write invalidates only that customer's key.
 */
/**
 * Changes reach the cache by the database's commit notifications, not by expiry; the life of an
 * entry only bounds what a notification cannot carry: one missed while the listener reconnects,
 * and time passing (points leaving a rolling 12-month tier window). Entries live 2.5–5 minutes
 * (the store spreads them), so a storefront's shoppers do not all miss in the same second.
 */
export const SHOPPER_CACHE_TTL_MS = 5 * 60_000;
/**
 * A shop's parsed catalogue is also kept in each process for this long (read on every widget
 * view); the change listener drops it at once, so this only bounds a missed notification.
 */
export const SHOP_CATALOG_MEMO_MS = 5_000;

export const shopperStateKey = (shopId: string, customerId: number) => `shopper:v1:${shopId}:${customerId}`;
export const shopCatalogKey = (shopId: string) => `catalog:v1:${shopId}`;
