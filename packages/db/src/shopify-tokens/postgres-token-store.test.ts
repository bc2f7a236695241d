import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, type DatabaseHandle } from "../client";
import { shopifySessions } from "../schema";
import { createTestDatabase, createTestKeyring, insertTestShop, type TestDatabase } from "../testing";
import { PostgresTokenStore, UnknownShopError } from "./postgres-token-store";
import type { OfflineTokenPairRecord } from "./stored-offline-token";

let test: TestDatabase;
let second: DatabaseHandle;
const keyring = createTestKeyring();

beforeAll(async () => {
  test = await createTestDatabase("shopify_tokens");
  // A second pool stands for a second process.
  second = createDatabase(test.url, { max: 4 });
});
afterAll(async () => {
  await second.close();
  await test.drop();
});

const at = new Date("2026-06-01T12:00:00Z");
const pair = (n: number): OfflineTokenPairRecord => ({
  accessToken: `shpat_access_${n}`,
  accessTokenExpiresAt: new Date(at.getTime() + 3_600_000),
  refreshToken: `shprt_refresh_${n}`,
  refreshTokenExpiresAt: new Date(at.getTime() + 90 * 86_400_000),
  scope: "read_customers,write_discounts",
});

async function newShop() {
  const shop = await insertTestShop(test.db);
  return { id: shop.id, domain: shop.domain };
}

describe("PostgresTokenStore", () => {
  it("stores a pair encrypted and reads it back", async () => {
    const shop = await newShop();
    const store = new PostgresTokenStore(test.db, keyring);
    expect(await store.load(shop.domain)).toBeNull();
    expect(await store.save(shop.domain, pair(1), null)).toBe(1);
    const loaded = await store.load(shop.domain);
    expect(loaded).toMatchObject({ ...pair(1), shop: shop.domain, tokenVersion: 1, revokedAt: null });

    const [raw] = await test.db.select().from(shopifySessions).where(eq(shopifySessions.shopId, shop.id));
    expect(raw!.accessTokenEnc).not.toContain("shpat_access_1");
    expect(raw!.refreshTokenEnc).not.toContain("shprt_refresh_1");
  });

  it("refuses a shop it does not know", async () => {
    const store = new PostgresTokenStore(test.db, keyring);
    await expect(store.save("nobody.myshopify.com", pair(1), null)).rejects.toThrow(UnknownShopError);
  });

  it("saves a rotated pair only against the version it was refreshed from", async () => {
    const shop = await newShop();
    const store = new PostgresTokenStore(test.db, keyring);
    await store.save(shop.domain, pair(1), null);
    expect(await store.save(shop.domain, pair(2), 1)).toBe(2);
    expect(await store.save(shop.domain, pair(3), 1)).toBeNull();
    expect((await store.load(shop.domain))?.accessToken).toBe("shpat_access_2");
  });

  it("grants the refresh lease to exactly one of two processes racing for it", async () => {
    const shop = await newShop();
    const one = new PostgresTokenStore(test.db, keyring);
    const two = new PostgresTokenStore(second.db, keyring);
    await one.save(shop.domain, pair(1), null);
    const until = new Date(at.getTime() + 30_000);
    for (let round = 0; round < 10; round++) {
      const leases = await Promise.all([
        one.acquireRefreshLease(shop.domain, 1, at, until),
        two.acquireRefreshLease(shop.domain, 1, at, until),
      ]);
      expect(leases.filter((lease) => lease !== null)).toHaveLength(1);
      await one.releaseRefreshLease(shop.domain, until);
    }
  });

  it("lets a lease lapse, and never releases a lease that is no longer the caller's", async () => {
    const shop = await newShop();
    const store = new PostgresTokenStore(test.db, keyring);
    await store.save(shop.domain, pair(1), null);
    const first = await store.acquireRefreshLease(shop.domain, 1, at, new Date(at.getTime() + 30_000));
    expect(first).not.toBeNull();
    const later = new Date(at.getTime() + 31_000);
    const taken = await store.acquireRefreshLease(shop.domain, 1, later, new Date(later.getTime() + 30_000));
    expect(taken).not.toBeNull();
    await store.releaseRefreshLease(shop.domain, first!);
    expect((await store.load(shop.domain))?.refreshLeaseUntil).toEqual(taken);
  });

  it("clears the lease and bumps the version when the rotated pair is saved", async () => {
    const shop = await newShop();
    const store = new PostgresTokenStore(test.db, keyring);
    await store.save(shop.domain, pair(1), null);
    await store.acquireRefreshLease(shop.domain, 1, at, new Date(at.getTime() + 30_000));
    await store.save(shop.domain, pair(2), 1);
    expect(await store.load(shop.domain)).toMatchObject({ tokenVersion: 2, refreshLeaseUntil: null });
    expect(await store.acquireRefreshLease(shop.domain, 1, at, new Date(at.getTime() + 30_000))).toBeNull();
  });

  it("revokes, refuses leases while revoked, and revives on a new token exchange", async () => {
    const shop = await newShop();
    const store = new PostgresTokenStore(test.db, keyring);
    await store.save(shop.domain, pair(1), null);
    await store.revoke(shop.domain, at);
    expect((await store.load(shop.domain))?.revokedAt).toEqual(at);
    expect(await store.acquireRefreshLease(shop.domain, 1, at, new Date(at.getTime() + 1_000))).toBeNull();
    expect(await store.save(shop.domain, pair(2), null)).toBe(2);
    expect(await store.load(shop.domain)).toMatchObject({ revokedAt: null, accessToken: "shpat_access_2" });
  });

  it("keeps shops apart", async () => {
    const a = await newShop();
    const b = await newShop();
    const store = new PostgresTokenStore(test.db, keyring);
    await store.save(a.domain, pair(1), null);
    await store.save(b.domain, pair(2), null);
    expect(await store.save(a.domain, pair(3), 1)).toBe(2);
    const rows = await test.db
      .select()
      .from(shopifySessions)
      .where(and(eq(shopifySessions.shopId, b.id)));
    expect(rows[0]?.tokenVersion).toBe(1);
  });
});
