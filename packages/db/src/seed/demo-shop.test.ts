import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptOptional, type PiiKeyring } from "../crypto/pii-cipher";
import { findBalanceMismatches } from "../ledger";
import { customers, orderSummaries, pointBalances, pointsLedger, rfmSegmentCounts, shops } from "../schema";
import { createTestDatabase, createTestKeyring, type TestDatabase } from "../testing";
import { DEMO_SHOP_DOMAIN, seedDemoShop } from "./demo-shop";

const anchor = new Date("2026-11-01T00:00:00Z");
let first: TestDatabase;
let second: TestDatabase;
let third: TestDatabase;
const keyring = createTestKeyring();

beforeAll(async () => {
  [first, second, third] = await Promise.all([
    createTestDatabase("seed_a"),
    createTestDatabase("seed_b"),
    createTestDatabase("seed_c"),
  ]);
  await Promise.all([
    seedDemoShop(first.db, { keyring, seed: 7, customers: 60, anchor }),
    seedDemoShop(second.db, { keyring, seed: 7, customers: 60, anchor }),
    seedDemoShop(third.db, { keyring, seed: 8, customers: 60, anchor }),
  ]);
});
afterAll(() => Promise.all([first.drop(), second.drop(), third.drop()]));

/** Everything the seed wrote that a user could see, with PII decrypted (ciphertexts use random IVs). */
async function snapshot(test: TestDatabase, k: PiiKeyring) {
  const people = await test.db.select().from(customers).orderBy(asc(customers.id));
  return {
    shops: await test.db.select({ id: shops.id, name: shops.name }).from(shops),
    customers: people.map((c) => ({
      id: c.id,
      email: decryptOptional(k, c.emailEnc, "customers.email"),
      name: decryptOptional(k, c.firstNameEnc, "customers.first_name"),
      birthday: decryptOptional(k, c.birthdayEnc, "customers.birthday"),
      tier: c.tierId,
      joinedAt: c.joinedAt,
    })),
    orders: await test.db.select().from(orderSummaries).orderBy(asc(orderSummaries.shopifyOrderId)),
    ledger: await test.db
      .select({ key: pointsLedger.idempotencyKey, amount: pointsLedger.amount })
      .from(pointsLedger)
      .orderBy(asc(pointsLedger.id)),
    balances: await test.db.select().from(pointBalances).orderBy(asc(pointBalances.customerId)),
  };
}

describe("the demo seed", () => {
  it("is deterministic: the same seed gives the same shop, customers, orders and ledger", async () => {
    const a = await snapshot(first, keyring);
    const b = await snapshot(second, keyring);
    expect(a.customers).toHaveLength(60);
    expect(a.orders.length).toBeGreaterThan(60);
    expect(b.shops).toEqual(a.shops);
    expect(b.customers).toEqual(a.customers);
    expect(b.orders.map(({ createdAt: _c, updatedAt: _u, ...o }) => o)).toEqual(
      a.orders.map(({ createdAt: _c, updatedAt: _u, ...o }) => o),
    );
    expect(b.ledger).toEqual(a.ledger);
    expect(b.balances.map(({ updatedAt: _u, ...x }) => x)).toEqual(
      a.balances.map(({ updatedAt: _u, ...x }) => x),
    );
  });

  it("differs with another seed", async () => {
    const a = await snapshot(first, keyring);
    const c = await snapshot(third, keyring);
    expect(c.customers.map((x) => x.email)).not.toEqual(a.customers.map((x) => x.email));
  });

  it("keeps every balance equal to the sum of its ledger", async () => {
    const [shop] = await first.db.select({ id: shops.id }).from(shops);
    expect(await findBalanceMismatches(first.db, shop!.id)).toEqual([]);
  });

  it("stores no e-mail in clear text", async () => {
    const [row] = await first.db.select().from(customers).limit(1);
    expect(row!.emailEnc).not.toContain("@");
    expect(row!.emailHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("scores every customer and leaves a quarter of weekly segment counts for the analytics", async () => {
    const people = await first.db.select({ segment: customers.rfmSegment }).from(customers);
    expect(people.every((p) => p.segment !== null)).toBe(true);
    expect(new Set(people.map((p) => p.segment)).size).toBeGreaterThan(2);
    const days = await first.db.selectDistinct({ day: rfmSegmentCounts.day }).from(rfmSegmentCounts);
    expect(days).toHaveLength(13);
  });

  it("does nothing when the demo shop already exists", async () => {
    const again = await seedDemoShop(first.db, { keyring, seed: 7, customers: 60, anchor });
    expect(again.created).toBe(false);
    const rows = await first.db.select().from(shops).where(eq(shops.domain, DEMO_SHOP_DOMAIN));
    expect(rows).toHaveLength(1);
  });
});
