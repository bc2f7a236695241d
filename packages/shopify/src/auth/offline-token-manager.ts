import { type Clock, systemClock } from "../admin/clock";
import { ShopifyAuthError, ShopifyError } from "../admin/errors";
import type { AppCredentials, OfflineTokenPair } from "./offline-token";
import { exchangeSessionToken, refreshOfflineToken, type TokenEndpointOptions } from "./token-endpoint";
import type { StoredOfflineToken, TokenStore } from "./token-store";

export interface OfflineTokenManagerOptions {
  store: TokenStore;
  credentials: AppCredentials;
  baseUrl?: (shop: string) => string;
  fetch?: typeof fetch;
  clock?: Clock;
  /** Refresh when the access token expires within this margin (default 5 minutes). */
  refreshMarginMs?: number;
  /** How long a refresher holds the lease; a crashed holder blocks others at most this long. */
  leaseMs?: number;
  /** How often a process waiting on another's refresh re-reads the store. */
  pollIntervalMs?: number;
}

/** No offline token is stored for the shop: the merchant must open the app so a token exchange can run. */
export class OfflineTokenMissingError extends ShopifyAuthError {
  override name = "OfflineTokenMissingError";
}

/** Waited on another process's refresh lease for longer than any refresh should take. */
export class TokenRefreshTimeoutError extends ShopifyError {
  override name = "TokenRefreshTimeoutError";
}

const DEFAULT_MARGIN_MS = 5 * 60_000;
const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_POLL_MS = 50;

/**
 * Hands out a valid offline access token per shop, refreshing it shortly before expiry.
 *
 * Shopify rotates refresh tokens, so two processes refreshing with the same one would leave the
 * loser holding a dead token. The store's lease decides who refreshes: the winner refreshes and
 * saves the new pair with `tokenVersion + 1` in one compare-and-set; everyone else waits and
 * re-reads the stored pair. Within one process, concurrent callers share one in-flight lookup.
 */
export class OfflineTokenManager {
  private readonly clock: Clock;
  private readonly inFlight = new Map<string, Promise<string>>();

  constructor(private readonly options: OfflineTokenManagerOptions) {
    this.clock = options.clock ?? systemClock;
  }

  /** Token exchange for a verified session token; stores the new pair, replacing any older one. */
  async exchange(shop: string, sessionToken: string): Promise<OfflineTokenPair> {
    const pair = await exchangeSessionToken(shop, sessionToken, this.endpointOptions());
    await this.options.store.save(shop, pair, null);
    return pair;
  }

  getAccessToken(shop: string): Promise<string> {
    const pending = this.inFlight.get(shop);
    if (pending) return pending;
    const lookup = this.ensureFresh(shop).finally(() => this.inFlight.delete(shop));
    this.inFlight.set(shop, lookup);
    return lookup;
  }

  private endpointOptions(): TokenEndpointOptions {
    const leaseMs = this.options.leaseMs ?? DEFAULT_LEASE_MS;
    return {
      credentials: this.options.credentials,
      now: () => this.clock.now(),
      // Finish (or fail) well inside the lease, so no one else starts refreshing meanwhile.
      timeoutMs: Math.max(1_000, Math.floor(leaseMs / 2)),
      ...(this.options.baseUrl ? { baseUrl: this.options.baseUrl } : {}),
      ...(this.options.fetch ? { fetch: this.options.fetch } : {}),
    };
  }

  private async ensureFresh(shop: string): Promise<string> {
    const leaseMs = this.options.leaseMs ?? DEFAULT_LEASE_MS;
    // Two leases' worth: a crashed holder's lease lapses, then we take it and refresh ourselves.
    const deadline = this.clock.now() + 2 * leaseMs + 5_000;
    while (this.clock.now() < deadline) {
      const stored = await this.load(shop);
      if (this.isFresh(stored)) return stored.accessToken;
      const refreshed = await this.tryRefresh(shop, stored, leaseMs);
      if (refreshed !== null) return refreshed;
      await this.waitForPeer(shop, stored.tokenVersion, deadline);
    }
    throw new TokenRefreshTimeoutError("timed out waiting for another process to refresh the token", shop);
  }

  private async load(shop: string): Promise<StoredOfflineToken> {
    const stored = await this.options.store.load(shop);
    if (!stored)
      throw new OfflineTokenMissingError("no offline token stored; token exchange needed", shop, 401);
    if (stored.revokedAt) throw new ShopifyAuthError("the shop's offline token is revoked", shop, 401);
    return stored;
  }

  private isFresh(stored: StoredOfflineToken): boolean {
    if (!stored.accessTokenExpiresAt) return true;
    const margin = this.options.refreshMarginMs ?? DEFAULT_MARGIN_MS;
    return stored.accessTokenExpiresAt.getTime() - margin > this.clock.now();
  }

  /** Refreshes under the lease; null when another process holds it (or rotated first). */
  private async tryRefresh(
    shop: string,
    stored: StoredOfflineToken,
    leaseMs: number,
  ): Promise<string | null> {
    const now = this.clock.now();
    if (
      !stored.refreshToken ||
      (stored.refreshTokenExpiresAt && stored.refreshTokenExpiresAt.getTime() <= now)
    ) {
      throw new ShopifyAuthError(
        "the offline token expired and cannot be refreshed; token exchange needed",
        shop,
        401,
      );
    }
    const { store } = this.options;
    const lease = await store.acquireRefreshLease(
      shop,
      stored.tokenVersion,
      new Date(now),
      new Date(now + leaseMs),
    );
    if (!lease) return null;
    let pair: OfflineTokenPair;
    try {
      pair = await refreshOfflineToken(shop, stored.refreshToken, this.endpointOptions());
    } catch (error) {
      await store.releaseRefreshLease(shop, lease);
      // A refused refresh token may mean a peer whose lease we inherited rotated it after all.
      if (
        error instanceof ShopifyAuthError &&
        (await store.load(shop))?.tokenVersion !== stored.tokenVersion
      ) {
        return null;
      }
      throw error;
    }
    const saved = await store.save(shop, pair, stored.tokenVersion);
    // A failed compare means a token exchange replaced the row meanwhile; the stored pair wins.
    return saved === null ? null : pair.accessToken;
  }

  /** Waits until the stored version moves on or the lease holder's lease lapses. */
  private async waitForPeer(shop: string, version: number, deadline: number): Promise<void> {
    const poll = this.options.pollIntervalMs ?? DEFAULT_POLL_MS;
    while (this.clock.now() < deadline) {
      await this.clock.sleep(poll);
      const stored = await this.options.store.load(shop);
      if (!stored || stored.tokenVersion !== version || stored.revokedAt) return;
      const leaseLive = stored.refreshLeaseUntil && stored.refreshLeaseUntil.getTime() > this.clock.now();
      if (!leaseLive) return;
    }
  }
}
