import { and, eq, isNull, lte, or, sql } from "drizzle-orm";
import type { Executor } from "../client";
import {
  decryptOptional,
  decryptPii,
  encryptOptional,
  encryptPii,
  type PiiKeyring,
} from "../crypto/pii-cipher";
import { shopifySessions, shops } from "../schema";
import {
  ACCESS_TOKEN_CONTEXT,
  type OfflineTokenPairRecord,
  offlineSessionId,
  REFRESH_TOKEN_CONTEXT,
  type StoredOfflineTokenRecord,
} from "./stored-offline-token";

export class UnknownShopError extends Error {
  override name = "UnknownShopError";
}

type SessionRow = typeof shopifySessions.$inferSelect;

/**
 * Offline Shopify tokens in `shopify_sessions`, encrypted at rest. Every write is one statement,
 * so the compare-and-set on `token_version` and the lease on `refresh_lease_until` are atomic:
 * Postgres re-checks a concurrent UPDATE's WHERE against the committed row, so of two racing
 * lease takers exactly one matches.
 */
export class PostgresTokenStore {
  constructor(
    private readonly db: Executor,
    private readonly keyring: PiiKeyring,
  ) {}

  async load(shop: string): Promise<StoredOfflineTokenRecord | null> {
    const [row] = await this.db
      .select({ session: shopifySessions })
      .from(shopifySessions)
      .innerJoin(shops, eq(shops.id, shopifySessions.shopId))
      .where(and(eq(shops.domain, shop), eq(shopifySessions.id, offlineSessionId(shop))));
    return row ? this.toRecord(shop, row.session) : null;
  }

  async save(
    shop: string,
    pair: OfflineTokenPairRecord,
    expectedVersion: number | null,
  ): Promise<number | null> {
    const values = this.encryptPair(pair);
    if (expectedVersion === null) return this.replace(shop, values);
    const [row] = await this.db
      .update(shopifySessions)
      .set({
        ...values,
        tokenVersion: sql`${shopifySessions.tokenVersion} + 1`,
        refreshLeaseUntil: null,
        updatedAt: sql`now()`,
      })
      .where(and(this.sessionOf(shop), eq(shopifySessions.tokenVersion, expectedVersion)))
      .returning({ tokenVersion: shopifySessions.tokenVersion });
    return row?.tokenVersion ?? null;
  }

  async acquireRefreshLease(
    shop: string,
    expectedVersion: number,
    now: Date,
    until: Date,
  ): Promise<Date | null> {
    const rows = await this.db
      .update(shopifySessions)
      .set({ refreshLeaseUntil: until })
      .where(
        and(
          this.sessionOf(shop),
          eq(shopifySessions.tokenVersion, expectedVersion),
          isNull(shopifySessions.revokedAt),
          or(isNull(shopifySessions.refreshLeaseUntil), lte(shopifySessions.refreshLeaseUntil, now)),
        ),
      )
      .returning({ lease: shopifySessions.refreshLeaseUntil });
    return rows[0]?.lease ?? null;
  }

  async releaseRefreshLease(shop: string, lease: Date): Promise<void> {
    // Matching on the lease's own expiry means we never clear a lease someone else took since.
    await this.db
      .update(shopifySessions)
      .set({ refreshLeaseUntil: null })
      .where(and(this.sessionOf(shop), eq(shopifySessions.refreshLeaseUntil, lease)));
  }

  async revoke(shop: string, at: Date): Promise<void> {
    await this.db
      .update(shopifySessions)
      .set({ revokedAt: at, refreshLeaseUntil: null, updatedAt: sql`now()` })
      .where(this.sessionOf(shop));
  }

  /** A token exchange is authoritative: insert, or overwrite and bump the version (revives a revoked row). */
  private async replace(
    shop: string,
    values: ReturnType<PostgresTokenStore["encryptPair"]>,
  ): Promise<number> {
    const shopId = await this.shopId(shop);
    const [row] = await this.db
      .insert(shopifySessions)
      .values({ shopId, id: offlineSessionId(shop), isOnline: false, ...values })
      .onConflictDoUpdate({
        target: [shopifySessions.shopId, shopifySessions.id],
        set: {
          ...values,
          tokenVersion: sql`${shopifySessions.tokenVersion} + 1`,
          refreshLeaseUntil: null,
          revokedAt: null,
          updatedAt: sql`now()`,
        },
      })
      .returning({ tokenVersion: shopifySessions.tokenVersion });
    return row!.tokenVersion;
  }

  private async shopId(shop: string): Promise<string> {
    const [row] = await this.db.select({ id: shops.id }).from(shops).where(eq(shops.domain, shop));
    if (!row) throw new UnknownShopError(`no shop ${shop}`);
    return row.id;
  }

  private sessionOf(shop: string) {
    return and(
      eq(shopifySessions.shopId, sql`(select ${shops.id} from ${shops} where ${shops.domain} = ${shop})`),
      eq(shopifySessions.id, offlineSessionId(shop)),
    );
  }

  private encryptPair(pair: OfflineTokenPairRecord) {
    return {
      accessTokenEnc: encryptPii(this.keyring, pair.accessToken, ACCESS_TOKEN_CONTEXT),
      accessTokenExpiresAt: pair.accessTokenExpiresAt,
      refreshTokenEnc: encryptOptional(this.keyring, pair.refreshToken, REFRESH_TOKEN_CONTEXT),
      refreshTokenExpiresAt: pair.refreshTokenExpiresAt,
      scope: pair.scope,
    };
  }

  private toRecord(shop: string, row: SessionRow): StoredOfflineTokenRecord {
    return {
      shop,
      accessToken: decryptPii(this.keyring, row.accessTokenEnc, ACCESS_TOKEN_CONTEXT),
      accessTokenExpiresAt: row.accessTokenExpiresAt,
      refreshToken: decryptOptional(this.keyring, row.refreshTokenEnc, REFRESH_TOKEN_CONTEXT),
      refreshTokenExpiresAt: row.refreshTokenExpiresAt,
      scope: row.scope,
      tokenVersion: row.tokenVersion,
      refreshLeaseUntil: row.refreshLeaseUntil,
      revokedAt: row.revokedAt,
    };
  }
}
