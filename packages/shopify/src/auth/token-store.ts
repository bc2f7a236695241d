import type { OfflineTokenPair } from "./offline-token";

/** A shop's stored offline pair and the bookkeeping that makes concurrent refreshes safe. */
export interface StoredOfflineToken extends OfflineTokenPair {
  shop: string;
  /** Bumped on every save; a refresher compares it to detect that someone else rotated first. */
  tokenVersion: number;
  refreshLeaseUntil: Date | null;
  revokedAt: Date | null;
}

/**
 * Where offline tokens live (Postgres in production: `@loyalnest/db`'s `PostgresTokenStore`
 * implements this structurally, since db may not import this package). Every method is atomic.
 */
export interface TokenStore {
  load(shop: string): Promise<StoredOfflineToken | null>;
  /**
   * Compare-and-set: writes the pair only if the stored `tokenVersion` still equals
   * `expectedVersion`, bumping it and clearing the lease in the same statement. `null` replaces
   * whatever is stored (a token exchange is authoritative) and clears any revocation.
   * Resolves to the new version, or null when the comparison failed.
   */
  save(shop: string, pair: OfflineTokenPair, expectedVersion: number | null): Promise<number | null>;
  /**
   * Takes the refresh lease if the version is unchanged, the token is not revoked and no other
   * lease is live at `now`. Resolves to the lease (its expiry) or null when someone else holds it.
   */
  acquireRefreshLease(shop: string, expectedVersion: number, now: Date, until: Date): Promise<Date | null>;
  /** Gives the lease back early (after a failed refresh); a no-op if it is no longer ours. */
  releaseRefreshLease(shop: string, lease: Date): Promise<void>;
  /** Marks the shop's token revoked (app/uninstalled); a later token exchange revives it. */
  revoke(shop: string, at: Date): Promise<void>;
}
