import {
  adjustPoints,
  postLedgerEntry,
  releasePendingEntry,
  schema,
  voidPendingEntry,
  type LedgerEntryInput,
} from "@loyalnest/db";
import { insertTestCustomer } from "@loyalnest/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../../testing";

/** "Now" for every call: mid-March 2025. Johannesburg is UTC+2 all year (no DST). */
const NOW = new Date("2025-03-15T12:00:00Z");
const TZ = "Africa/Johannesburg";

let api: ApiHarness;
beforeAll(async () => {
  api = await createApiHarness("admin_analytics_points", { deps: { now: () => NOW } });
});
afterAll(async () => api?.close());

let keys = 0;
async function post(
  shopId: string,
  entry: Omit<LedgerEntryInput, "idempotencyKey" | "status"> & { status?: "pending" | "available" },
) {
  return api.test.db.transaction(async (tx) => {
    const result = await postLedgerEntry(tx, shopId, {
      status: "available",
      idempotencyKey: `test:${(keys += 1)}`,
      ...entry,
    });
    if (result.outcome !== "applied") throw new Error(`ledger entry not applied: ${result.outcome}`);
    return result.entry;
  });
}

const at = (iso: string) => new Date(iso);

async function adjust(shopId: string, customerId: number, points: number, iso: string) {
  await api.test.db.transaction((tx) =>
    adjustPoints(tx, shopId, {
      customerId,
      points,
      reason: "goodwill",
      staffId: "4201",
      requestKey: `adj-${(keys += 1)}`,
      at: at(iso),
    }),
  );
}

/**
 * Shop A's ledger, Dec 2024 – Mar 2025 (shop time UTC+2):
 * - Dec: c1 imported 2000.
 * - Jan: c1 earns 1000. c2's pending 999 is later voided (never counted).
 * - Feb: c1 earns 500 at 23:30 UTC on Jan 31 (already Feb 1 in the shop), redeems 400; c2 earns
 *   300, then a clawback of 500 leaves c2 owing 200.
 * - Mar: c1 expires 100, +50 and −30 staff adjustments, 400 returned by a released redemption;
 *   c2's pending 200 (earned Feb 25) is released on Mar 5, paying the debt.
 */
async function seedShopA() {
  const shop = await api.installShop({ timezone: TZ });
  const c1 = await insertTestCustomer(api.test.db, shop.id);
  const c2 = await insertTestCustomer(api.test.db, shop.id);
  const earn = { kind: "earn", sourceType: "order" } as const;
  await post(shop.id, {
    customerId: c1.id,
    kind: "import",
    sourceType: "import_row",
    amount: 2000,
    occurredAt: at("2024-12-15T10:00:00Z"),
  });
  await post(shop.id, { customerId: c1.id, ...earn, amount: 1000, occurredAt: at("2025-01-10T10:00:00Z") });
  const voided = await post(shop.id, {
    customerId: c2.id,
    ...earn,
    amount: 999,
    status: "pending",
    occurredAt: at("2025-01-05T10:00:00Z"),
  });
  await api.test.db.transaction((tx) => voidPendingEntry(tx, shop.id, voided.id, at("2025-01-08T10:00:00Z")));
  await post(shop.id, { customerId: c1.id, ...earn, amount: 500, occurredAt: at("2025-01-31T23:30:00Z") });
  await post(shop.id, {
    customerId: c1.id,
    kind: "redeem",
    sourceType: "redemption",
    amount: -400,
    occurredAt: at("2025-02-10T10:00:00Z"),
  });
  await post(shop.id, { customerId: c2.id, ...earn, amount: 300, occurredAt: at("2025-02-05T10:00:00Z") });
  await post(shop.id, {
    customerId: c2.id,
    kind: "refund_clawback",
    sourceType: "refund",
    amount: -500,
    occurredAt: at("2025-02-20T10:00:00Z"),
  });
  const pending = await post(shop.id, {
    customerId: c2.id,
    ...earn,
    amount: 200,
    status: "pending",
    occurredAt: at("2025-02-25T10:00:00Z"),
  });
  await api.test.db.transaction((tx) =>
    releasePendingEntry(tx, shop.id, pending.id, at("2025-03-05T10:00:00Z")),
  );
  await post(shop.id, {
    customerId: c1.id,
    kind: "expire",
    sourceType: "system",
    amount: -100,
    occurredAt: at("2025-03-01T10:00:00Z"),
  });
  await adjust(shop.id, c1.id, 50, "2025-03-02T10:00:00Z");
  await adjust(shop.id, c1.id, -30, "2025-03-03T10:00:00Z");
  await post(shop.id, {
    customerId: c1.id,
    kind: "reversal",
    sourceType: "redemption",
    amount: 400,
    occurredAt: at("2025-03-04T10:00:00Z"),
  });
  return { shop, c1, c2 };
}

/** Another shop, with much bigger figures in the same months: none of it may show in A's reports. */
async function seedNoisyNeighbour() {
  const shop = await api.installShop({ timezone: TZ });
  const c = await insertTestCustomer(api.test.db, shop.id);
  await post(shop.id, {
    customerId: c.id,
    kind: "earn",
    sourceType: "order",
    amount: 90_000,
    occurredAt: at("2025-02-10T10:00:00Z"),
  });
  await post(shop.id, {
    customerId: c.id,
    kind: "redeem",
    sourceType: "redemption",
    amount: -70_000,
    occurredAt: at("2025-02-11T10:00:00Z"),
  });
  await api.test.db.insert(schema.rewards).values({
    shopId: shop.id,
    name: "Huge",
    type: "fixed_amount",
    pointsCost: 1,
    valueMinor: 100_000,
    currency: "USD",
  });
  return shop;
}

let shopA: Awaited<ReturnType<typeof seedShopA>>;
beforeAll(async () => {
  await seedNoisyNeighbour();
  shopA = await seedShopA();
});

const adminOf = (domain: string) => api.client({ kind: "admin", shop: domain });

describe("admin.analytics.pointsByMonth", () => {
  it("gives the accountant's table in shop months: flows, outstanding and debt at each month end", async () => {
    const report = await adminOf(shopA.shop.domain).admin.analytics.pointsByMonth.query({
      range: { from: "2025-01", to: "2025-03" },
    });
    expect(report.range).toEqual({ from: "2025-01", to: "2025-03" });
    expect(report.opening).toEqual({ outstanding: 2000, debt: 0 });
    const zero = { issued: 0, redeemed: 0, expired: 0, clawedBack: 0, adjustedDown: 0, reversed: 0 };
    expect(report.months).toEqual([
      // The 500 earned at 23:30 UTC on Jan 31 is Feb 1 in Johannesburg; the voided 999 never counts.
      { ...zero, month: "2025-01", issued: 1000, outstanding: 3000, debt: 0 },
      {
        ...zero,
        month: "2025-02",
        issued: 800,
        redeemed: 400,
        clawedBack: 500,
        outstanding: 3100,
        debt: 200,
      },
      // c2's pending 200 counts when released (March); the released redemption returns 400.
      {
        ...zero,
        month: "2025-03",
        issued: 250,
        expired: 100,
        adjustedDown: 30,
        reversed: 400,
        outstanding: 3420,
        debt: 0,
      },
    ]);
  });

  it("reconciles month to month, and the last month end equals the balances held now", async () => {
    const report = await adminOf(shopA.shop.domain).admin.analytics.pointsByMonth.query({
      range: { from: "2024-11", to: "2025-03" },
    });
    let position = report.opening.outstanding - report.opening.debt;
    for (const m of report.months) {
      position += m.issued - m.redeemed - m.expired - m.clawedBack - m.adjustedDown + m.reversed;
      expect(m.outstanding - m.debt).toBe(position);
    }
    const balances = await api.test.db.select().from(schema.pointBalances);
    const own = balances.filter((b) => b.shopId === shopA.shop.id);
    expect(report.months.at(-1)?.outstanding).toBe(own.reduce((sum, b) => sum + Math.max(b.available, 0), 0));
    expect(report.months.map((m) => m.month)).toEqual([
      "2024-11",
      "2024-12",
      "2025-01",
      "2025-02",
      "2025-03",
    ]);
    expect(report.months[1]).toMatchObject({ issued: 2000, outstanding: 2000 });
  });

  it("defaults to the last 12 shop months", async () => {
    const report = await adminOf(shopA.shop.domain).admin.analytics.pointsByMonth.query();
    expect(report.range).toEqual({ from: "2024-04", to: "2025-03" });
    expect(report.months).toHaveLength(12);
  });

  it("refuses more than 24 months, a reversed range and a malformed month with a readable 400", async () => {
    const credential = { kind: "admin", shop: shopA.shop.domain } as const;
    const call = (range: unknown) =>
      api.call({ path: "admin.analytics.pointsByMonth", type: "query", credential, input: { range } });
    const tooLong = await call({ from: "2023-01", to: "2025-01" });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(tooLong.body)).toContain("at most 24 months");
    const reversed = await call({ from: "2025-03", to: "2025-01" });
    expect(reversed.status).toBe(400);
    expect(JSON.stringify(reversed.body)).toContain("must not be after");
    expect((await call({ from: "2025-13", to: "2025-14" })).status).toBe(400);
    expect((await call({ from: "x".repeat(5000), to: "2025-01" })).status).toBe(400);
  });
});

describe("admin.analytics.overview", () => {
  it("counts members and active members, and values outstanding points at the best reward value per point", async () => {
    const { shop } = shopA;
    const db = api.test.db;
    // Not members: a holdout customer, an excluded one, an erased one.
    await insertTestCustomer(db, shop.id, { holdout: true });
    await insertTestCustomer(db, shop.id, { membershipStatus: "excluded" });
    await insertTestCustomer(db, shop.id, { isTombstone: true });
    const rewards = await db
      .insert(schema.rewards)
      .values([
        {
          shopId: shop.id,
          name: "$5 off",
          type: "fixed_amount",
          pointsCost: 500,
          valueMinor: 500,
          currency: "USD",
        },
        {
          shopId: shop.id,
          name: "$15 credit",
          type: "store_credit",
          pointsCost: 1000,
          valueMinor: 1500,
          currency: "USD",
        },
        {
          shopId: shop.id,
          name: "Cash back",
          type: "points_for_money",
          pointsCost: 100,
          pfmStepPoints: 100,
          pfmStepValueMinor: 120,
        },
        { shopId: shop.id, name: "10% off", type: "percentage", pointsCost: 10, percentBp: 1000 },
        // Better deals that do not count: archived, inactive, or in another currency.
        {
          shopId: shop.id,
          name: "Old",
          type: "fixed_amount",
          pointsCost: 100,
          valueMinor: 1000,
          currency: "USD",
          active: false,
        },
        {
          shopId: shop.id,
          name: "Gone",
          type: "fixed_amount",
          pointsCost: 100,
          valueMinor: 1000,
          currency: "USD",
          archivedAt: NOW,
        },
        {
          shopId: shop.id,
          name: "€10",
          type: "fixed_amount",
          pointsCost: 100,
          valueMinor: 1000,
          currency: "EUR",
        },
      ])
      .returning();
    const credit = rewards.find((r) => r.name === "$15 credit")!;

    const report = await adminOf(shop.domain).admin.analytics.overview.query({
      range: { from: "2025-02-01", to: "2025-02-28" },
    });

    expect(report).toEqual({
      range: { from: "2025-02-01", to: "2025-02-28" },
      currency: "USD",
      members: 2,
      // Only c2 earned in the 30 days before Mar 15 (the Feb 25 order); c1's expiry and adjustments are not activity.
      activeMembers: 1,
      outstandingPoints: 3420,
      debtPoints: 0,
      // 3420 points × 1500 / 1000 = 5130 cents.
      liability: {
        amountMinor: 5130,
        currency: "USD",
        valuation: { rewardId: credit.id, rewardName: "$15 credit", valueMinor: 1500, points: 1000 },
      },
      // February in shop time: 500 (Jan 31 23:30 UTC) + 300 issued, 400 redeemed.
      pointsIssued: 800,
      pointsRedeemed: 400,
      redemptionRateBp: 5000,
    });
  });

  it("has no liability figure without a money-valued reward, and no redemption rate when nothing was issued", async () => {
    const shop = await api.installShop({ timezone: TZ });
    const c = await insertTestCustomer(api.test.db, shop.id);
    await post(shop.id, {
      customerId: c.id,
      kind: "earn",
      sourceType: "order",
      amount: 700,
      occurredAt: at("2025-03-10T10:00:00Z"),
    });
    await api.test.db
      .insert(schema.rewards)
      .values({ shopId: shop.id, name: "Free shipping", type: "free_shipping", pointsCost: 300 });
    const client = adminOf(shop.domain).admin.analytics.overview;

    const quiet = await client.query({ range: { from: "2024-06-01", to: "2024-06-30" } });
    expect(quiet).toMatchObject({ members: 1, activeMembers: 1, outstandingPoints: 700, liability: null });
    expect(quiet).toMatchObject({ pointsIssued: 0, pointsRedeemed: 0, redemptionRateBp: null });

    // Default range: the last 30 shop days, Feb 14 – Mar 15.
    const recent = await client.query();
    expect(recent.range).toEqual({ from: "2025-02-14", to: "2025-03-15" });
    expect(recent).toMatchObject({ pointsIssued: 700, redemptionRateBp: 0 });
  });

  it("refuses an impossible date and a range over two years", async () => {
    const credential = { kind: "admin", shop: shopA.shop.domain } as const;
    const call = (range: unknown) =>
      api.call({ path: "admin.analytics.overview", type: "query", credential, input: { range } });
    expect((await call({ from: "2025-02-30", to: "2025-03-01" })).status).toBe(400);
    const long = await call({ from: "2020-01-01", to: "2025-01-01" });
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body)).toContain("at most 731 days");
    expect((await call({ from: 20250101, to: null })).status).toBe(400);
  });
});
