import { randomBytes } from "node:crypto";

/**
 * Expiring offline access tokens with refresh-token rotation: every refresh issues a new pair and
 * kills the refresh token it used at once; the old access token lives until its own expiry.
 */
export interface TokenPair {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  refresh_token_expires_in: number;
  scope: string;
}

interface AccessToken {
  shop: string;
  scope: string;
  /** ms since epoch; null for non-expiring (legacy) tokens. */
  expiresAt: number | null;
}

interface RefreshToken {
  shop: string;
  scope: string;
  expiresAt: number;
}

export class TokenStore {
  private readonly access = new Map<string, AccessToken>();
  private readonly refresh = new Map<string, RefreshToken>();

  constructor(
    private readonly accessTtlSeconds: number,
    private readonly refreshTtlSeconds: number,
  ) {}

  issuePair(shop: string, scope: string): TokenPair {
    const accessToken = `shpat_${randomBytes(16).toString("hex")}`;
    const refreshToken = `shprt_${randomBytes(24).toString("hex")}`;
    const now = Date.now();
    this.access.set(accessToken, { shop, scope, expiresAt: now + this.accessTtlSeconds * 1000 });
    this.refresh.set(refreshToken, { shop, scope, expiresAt: now + this.refreshTtlSeconds * 1000 });
    return {
      access_token: accessToken,
      expires_in: this.accessTtlSeconds,
      refresh_token: refreshToken,
      refresh_token_expires_in: this.refreshTtlSeconds,
      scope,
    };
  }

  /** A legacy non-expiring offline token (token exchange with `expiring` absent or "0"). */
  issueNonExpiring(shop: string, scope: string): { access_token: string; scope: string } {
    const accessToken = `shpat_${randomBytes(16).toString("hex")}`;
    this.access.set(accessToken, { shop, scope, expiresAt: null });
    return { access_token: accessToken, scope };
  }

  /** Single use: the refresh token is gone the moment it is redeemed, even if the caller never sees the answer. */
  rotate(shop: string, refreshToken: string): TokenPair | undefined {
    const entry = this.refresh.get(refreshToken);
    if (!entry || entry.shop !== shop) return undefined;
    this.refresh.delete(refreshToken);
    if (entry.expiresAt <= Date.now()) return undefined;
    return this.issuePair(shop, entry.scope);
  }

  isValidAccessToken(shop: string, token: string): boolean {
    const entry = this.access.get(token);
    if (!entry || entry.shop !== shop) return false;
    return entry.expiresAt === null || entry.expiresAt > Date.now();
  }

  revokeShop(shop: string): void {
    for (const [token, entry] of this.access) if (entry.shop === shop) this.access.delete(token);
    for (const [token, entry] of this.refresh) if (entry.shop === shop) this.refresh.delete(token);
  }
}
