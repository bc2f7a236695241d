/** The Admin API version every request pins (UI extensions need 2026-01 or newer, so the app matches). */
export const ADMIN_API_VERSION = "2026-01";

export const adminGraphqlPath = (version: string = ADMIN_API_VERSION) => `/admin/api/${version}/graphql.json`;

/** Shopify caps input arrays (e.g. customers in a discount's context) at 250 items. */
export const MAX_INPUT_ARRAY_LENGTH = 250;

/** A connection page holds at most 250 nodes. */
export const MAX_PAGE_SIZE = 250;

/**
 * Cursor pagination stops after 25,000 objects; a backfill beyond that must use a bulk operation
 * or narrow its query (e.g. by `updated_at` windows).
 */
export const MAX_PAGINATED_OBJECTS = 25_000;

/** Shopify refuses single queries above this calculated cost. */
export const MAX_QUERY_COST = 1_000;
