import {
  DEFAULT_RFM_CONFIG,
  evaluateShopRfm,
  rfmConfigFromSettings,
  segmentCounts,
  type RfmOrder,
} from "@loyalnest/domain";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { customers, orderSummaries, rfmScores, rfmSegmentCounts, rfmSettings } from "../schema";
import { createTestDatabase, insertTestShop, type TestDatabase } from "../testing";
import { recomputeCustomerRfm, runShopRfm } from "./rfm";
import { rfmWindowStart } from "./rfm-setup";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase("rfm");
});
afterAll(async () => {
  await test.drop();
});

/** mulberry32: a small seeded generator, so a failing case is reproducible from its seed. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)) };
}

const DAY = 86_400_000;
const AS_OF = new Date("2026-03-09T06:30:00Z"); // 02:30 in New York, the day after the 2026 DST switch
const TZ = "America/New_York";

interface GeneratedOrder extends RfmOrder {
  customerIndex: number | null;
}

/**
 * A shop of random customers: many one-time buyers, some loyal ones, some with nothing, orders on
 * both sides of the window edge and of local midnight, unpaid, cancelled, refunded, zero-value,
 * paid after `asOf`, and guest orders — everything the rules treat specially.
 */
function generateShop(seed: number, customerCount: number) {
  const rnd = random(seed);
  const orders: GeneratedOrder[] = [];
  for (let c = 0; c < customerCount; c++) {
    const kind = rnd.next();
    const count = kind < 0.15 ? 0 : kind < 0.6 ? 1 : kind < 0.85 ? rnd.int(2, 5) : rnd.int(6, 16);
    for (let i = 0; i < count; i++) orders.push({ customerIndex: c, ...randomOrder(rnd) });
  }
  for (let i = 0; i < 20; i++) orders.push({ customerIndex: null, ...randomOrder(rnd) });
  return orders;
}

function randomOrder(rnd: ReturnType<typeof random>): RfmOrder {
  // Ages cluster around band and window edges in whole days, with random time of day.
  const ageDays =
    rnd.next() < 0.3 ? [0, 1, 7, 8, 30, 31, 60, 61, 90, 91, 364, 365][rnd.int(0, 11)]! : rnd.int(-2, 420);
  const paidAt = new Date(AS_OF.getTime() - ageDays * DAY + rnd.int(-12, 12) * 3_600_000);
  const totalMinor = rnd.next() < 0.05 ? 0 : rnd.int(100, 40_000);
  const refund = rnd.next();
  return {
    paidAt: rnd.next() < 0.05 ? null : paidAt,
    cancelledAt: rnd.next() < 0.05 ? new Date(paidAt.getTime() + DAY) : null,
    totalMinor,
    refundedMinor: refund < 0.8 ? 0 : refund < 0.9 ? Math.floor(totalMinor / 2) : totalMinor + 50,
  };
}

async function seedShop(
  seed: number,
  customerCount: number,
  settings?: Partial<typeof rfmSettings.$inferInsert>,
) {
  const shop = await insertTestShop(test.db, { timezone: TZ });
  if (settings) await test.db.insert(rfmSettings).values({ shopId: shop.id, ...settings });
  const ids = (
    await test.db
      .insert(customers)
      .values(
        Array.from({ length: customerCount }, (_, i) => ({ shopId: shop.id, shopifyCustomerId: i + 1 })),
      )
      .returning({ id: customers.id })
  ).map((r) => r.id);
  const orders = generateShop(seed, customerCount);
  await test.db.insert(orderSummaries).values(
    orders.map((o, i) => ({
      shopId: shop.id,
      shopifyOrderId: i + 1,
      customerId: o.customerIndex === null ? null : ids[o.customerIndex]!,
      currency: "USD",
      subtotalMinor: o.totalMinor,
      totalMinor: o.totalMinor,
      refundedMinor: o.refundedMinor,
      placedAt: o.paidAt ?? AS_OF,
      paidAt: o.paidAt,
      cancelledAt: o.cancelledAt,
    })),
  );
  const byCustomer = ids.map((id, index) => ({
    customerId: id,
    orders: orders.filter((o) => o.customerIndex === index),
  }));
  return { shopId: shop.id, ids, byCustomer };
}

async function storedScores(shopId: string) {
  const rows = await test.db.select().from(rfmScores).where(eq(rfmScores.shopId, shopId));
  return new Map(rows.map((r) => [r.customerId, r]));
}

async function expectSqlEqualsDomain(seed: number, settings?: Partial<typeof rfmSettings.$inferInsert>) {
  const { shopId, byCustomer } = await seedShop(seed, 400, settings);
  const config = settings
    ? rfmConfigFromSettings({ ...defaultSettingsRow, ...settings } as typeof defaultSettingsRow)
    : DEFAULT_RFM_CONFIG;
  const expected = evaluateShopRfm({ customers: byCustomer, asOf: AS_OF, timeZone: TZ, config });

  // The random shop must exercise the rules, not just the Inactive and New segments.
  expect(new Set(expected.results.map((r) => r.result.segment)).size).toBeGreaterThanOrEqual(5);

  const summary = await runShopRfm(test.db, shopId, AS_OF);

  const stored = await storedScores(shopId);
  expect(stored.size).toBe(byCustomer.length);
  for (const { customerId, result } of expected.results) {
    const row = stored.get(customerId)!;
    expect({ customerId, ...pickResult(row) }).toEqual({ customerId, ...result });
  }
  expect(summary.aovMinor).toBe(expected.shop.aovMinor);
  expect(summary.counts).toEqual(
    segmentCounts(
      expected.results.map((r) => r.result),
      AS_OF,
      TZ,
    ),
  );
  const counts = await test.db.select().from(rfmSegmentCounts).where(eq(rfmSegmentCounts.shopId, shopId));
  expect(counts).toHaveLength(7);

  // The customers' own columns carry the same result.
  const synced = await test.db.select().from(customers).where(eq(customers.shopId, shopId));
  for (const c of synced) {
    const row = stored.get(c.id)!;
    expect([c.rfmSegment, c.rfmRecencyScore, c.rfmFrequencyScore, c.rfmMonetaryScore]).toEqual([
      row.segment,
      row.r,
      row.f,
      row.m,
    ]);
    expect([c.rfmCompositeX10, c.rfmBigSpender]).toEqual([row.compositeX10, row.bigSpender]);
  }
  return { shopId, expected, summary };
}

const pickResult = (row: typeof rfmScores.$inferSelect) => ({
  recencyDays: row.recencyDays,
  frequency: row.frequency,
  monetaryMinor: row.monetaryMinor,
  r: row.r,
  f: row.f,
  m: row.m,
  compositeX10: row.compositeX10,
  segment: row.segment,
  bigSpender: row.bigSpender,
});

const defaultSettingsRow = {
  mode: "bands" as const,
  preset: "default" as const,
  windowDays: 365 as number | null,
  recencyBandsDays: [7, 30, 60, 90],
  frequencyBands: [1, 3, 5, 10],
  monetaryBandsAovBp: [5000, 10000, 20000, 50000],
  weightRBp: 4000,
  weightFBp: 3000,
  weightMBp: 3000,
};

describe("§11 the nightly RFM pass in SQL equals the domain's evaluateShopRfm", () => {
  it("band mode, default settings (no rfm_settings row)", async () => {
    await expectSqlEqualsDomain(1);
  });

  it("band mode, custom bands and weights, lifetime window", async () => {
    await expectSqlEqualsDomain(2, {
      preset: "custom",
      windowDays: null,
      recencyBandsDays: [3, 20, 45, 200],
      frequencyBands: [2, 4, 7, 12],
      monetaryBandsAovBp: [2500, 9000, 15000, 30000],
      weightRBp: 3334,
      weightFBp: 3333,
      weightMBp: 3333,
    });
  });

  it("band mode, subscription preset (its recency bands win over the stored ones)", async () => {
    await expectSqlEqualsDomain(3, {
      preset: "subscription",
      recencyBandsDays: [1, 2, 3, 4],
      windowDays: 90,
    });
  });

  it("quintile mode, with the domain's tie rule", async () => {
    await expectSqlEqualsDomain(4, { mode: "quintile" });
  });

  it("quintile mode, lifetime window, uneven weights", async () => {
    await expectSqlEqualsDomain(5, {
      mode: "quintile",
      windowDays: null,
      weightRBp: 2500,
      weightFBp: 7500,
      weightMBp: 0,
    });
  });

  it("is idempotent: running the same night again writes the same rows", async () => {
    const { shopId } = await expectSqlEqualsDomain(6);
    const before = await storedScores(shopId);
    const again = await runShopRfm(test.db, shopId, AS_OF);
    expect(again.customersChanged).toBe(0);
    expect(await storedScores(shopId)).toEqual(before);
  });
});

describe("§11 recomputed for one customer on each paid order or refund", () => {
  it.each(["bands", "quintile"] as const)(
    "%s mode: right after the pass, recomputing any customer gives the pass's own result",
    async (mode) => {
      const { shopId, expected } = await expectSqlEqualsDomain(7, { mode });
      await test.db.transaction(async (tx) => {
        for (const { customerId, result } of expected.results.slice(0, 60)) {
          expect(await recomputeCustomerRfm(tx, shopId, customerId, AS_OF)).toEqual(result);
        }
      });
    },
  );

  it("a new order moves the customer at once, scored against the nightly AOV", async () => {
    const { shopId, ids } = await seedShop(8, 50);
    const pass = await runShopRfm(test.db, shopId, AS_OF);
    const customerId = ids[0]!;
    const at = new Date(AS_OF.getTime() + 3_600_000);
    await test.db.insert(orderSummaries).values({
      shopId,
      shopifyOrderId: 9_000_001,
      customerId,
      currency: "USD",
      subtotalMinor: pass.aovMinor * 6,
      totalMinor: pass.aovMinor * 6,
      placedAt: at,
      paidAt: at,
    });
    const result = await test.db.transaction((tx) => recomputeCustomerRfm(tx, shopId, customerId, at));
    expect(result).toMatchObject({ recencyDays: 0, r: 5, m: 5, bigSpender: true });
    const [row] = await test.db
      .select()
      .from(customers)
      .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)));
    expect(row).toMatchObject({ rfmRecencyScore: 5, rfmMonetaryScore: 5, rfmBigSpender: true });
  });
  it("before the shop's first pass, scores against the live AOV, measured at most once an hour", async () => {
    const shop = await insertTestShop(test.db, { timezone: TZ });
    const [a, b] = await test.db
      .insert(customers)
      .values([1, 2].map((n) => ({ shopId: shop.id, shopifyCustomerId: n })))
      .returning({ id: customers.id });
    let orderId = 1;
    const order = (customerId: number, totalMinor: number, at: Date) =>
      test.db.insert(orderSummaries).values({
        shopId: shop.id,
        shopifyOrderId: orderId++,
        customerId,
        currency: "USD",
        subtotalMinor: totalMinor,
        totalMinor,
        placedAt: at,
        paidAt: at,
      });
    const score = (at: Date) => test.db.transaction((tx) => recomputeCustomerRfm(tx, shop.id, a!.id, at));

    await order(a!.id, 10_000, AS_OF);
    expect((await score(AS_OF)).m).toBe(3); // AOV 100.00: A spent 1× AOV
    await order(b!.id, 190_000, AS_OF); // AOV becomes 1,000.00
    const tenMinutesLater = new Date(AS_OF.getTime() + 10 * 60_000);
    expect((await score(tenMinutesLater)).m).toBe(3); // the hour-old measure still holds
    const twoHoursLater = new Date(AS_OF.getTime() + 2 * 3_600_000);
    expect((await score(twoHoursLater)).m).toBe(1); // re-measured: A spent 0.1× AOV

    const pass = await runShopRfm(test.db, shop.id, twoHoursLater);
    expect(pass.aovMinor).toBe(100_000);
    // Many small orders: a live measure (AOV ≈ 87.82) would now put A back at 3.
    for (let i = 0; i < 20; i++) await order(b!.id, 100, twoHoursLater);
    const dayLater = new Date(twoHoursLater.getTime() + DAY);
    expect((await score(dayLater)).m).toBe(1); // the pass's AOV holds until the next pass
  });
});

describe("the window boundary follows the shop's calendar", () => {
  it("starts at local midnight of the first day, across DST", () => {
    // 365 days ending 9 March 2026 (New York) start on 10 March 2025, EDT began 9 March 2025.
    expect(rfmWindowStart(AS_OF, TZ, 365)!.toISOString()).toBe("2025-03-10T04:00:00.000Z");
    expect(rfmWindowStart(AS_OF, TZ, 1)!.toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(rfmWindowStart(AS_OF, TZ, null)).toBeNull();
  });
});
