/**
 * The shapes of `@loyalnest/shopify`'s `TokenStore`, restated here because db may not import
 * the shopify package (dependency direction). They must stay structurally identical; the
 * shopify package's tests assign a `PostgresTokenStore` to its `TokenStore` to keep them honest.
 */
export interface OfflineTokenPairRecord {
  accessToken: string;
  accessTokenExpiresAt: Date | null;
  refreshToken: string | null;
  refreshTokenExpiresAt: Date | null;
  scope: string | null;
}

export interface StoredOfflineTokenRecord extends OfflineTokenPairRecord {
  shop: string;
  tokenVersion: number;
  refreshLeaseUntil: Date | null;
  revokedAt: Date | null;
}

/** Offline sessions use Shopify's conventional id, so one row per shop. */
export const offlineSessionId = (shop: string) => `offline_${shop}`;

export const ACCESS_TOKEN_CONTEXT = "shopify_sessions.access_token";
export const REFRESH_TOKEN_CONTEXT = "shopify_sessions.refresh_token";
