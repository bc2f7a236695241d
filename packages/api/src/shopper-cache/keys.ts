/**
 * Cache keys for shopper reads. A customer's own state and the shop's catalogue (rewards, tiers,
 * programme wording) are cached apart: a catalogue edit invalidates one key per shop instead of
 * one per customer, and a ledger write invalidates only that customer's key.
 */
export const SHOPPER_CACHE_TTL_MS = 60_000;

export const shopperStateKey = (shopId: string, customerId: number) => `shopper:v1:${shopId}:${customerId}`;
export const shopCatalogKey = (shopId: string) => `catalog:v1:${shopId}`;
