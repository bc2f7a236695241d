import { schema } from "@loyalnest/db";
import { insertTestCustomer } from "@loyalnest/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../../testing";

/** "Now" for every call. Johannesburg is UTC+2 all year (no DST). */
const NOW = new Date("2025-03-15T12:00:00Z");
const TZ = "Africa/Johannesburg";
const FEB = { from: "2025-02-01", to: "2025-02-28" };

let api: ApiHarness;
beforeAll(async () => {
  api = await createApiHarness("admin_analytics_measurement", { deps: { now: () => NOW } });
});
afterAll(async () => api?.close());

const adminOf = (domain: string) => api.client({ kind: "admin", shop: domain });
const at = (iso: string) => new Date(iso);

let orderIds = 1_000;
async function order(
  shopId: string,
  customerId: number,
  totalMinor: number,
  paidAt: string,
  extra: Partial<typeof schema.orderSummaries.$inferInsert> = {},
) {
  await api.test.db.insert(schema.orderSummaries).values({
    shopId,
    shopifyOrderId: (orderIds += 1),
    customerId,
    currency: "USD",
    subtotalMinor: totalMinor,
    totalMinor,
    placedAt: at(paidAt),
    paidAt: at(paidAt),
    ...extra,
  });
}

const customers = (shopId: string, count: number, overrides: Parameters<typeof insertTestCustomer>[2] = {}) =>
  Promise.all(Array.from({ length: count }, () => insertTestCustomer(api.test.db, shopId, overrides)));

describe("admin.analytics.memberVsHoldout", () => {
  it("compares members with the holdout, with 95% intervals and the incremental revenue", async () => {
    const shop = await api.installShop({ timezone: TZ });
    const members = await customers(shop.id, 30);
    const holdout = await customers(shop.id, 30, { holdout: true });
    // 15 members order twice ($100 each); the first order is 23:30 UTC Jan 31 = Feb 1 in the shop.
    for (const [i, m] of members.slice(0, 15).entries()) {
      await order(shop.id, m.id, 10_000, i === 0 ? "2025-01-31T23:30:00Z" : "2025-02-03T10:00:00Z");
      await order(shop.id, m.id, 10_000, "2025-02-20T10:00:00Z");
    }
    // Not counted: an order paid 00:30 UTC Mar 1 (March in the shop), a cancelled order.
    await order(shop.id, members[20]!.id, 50_000, "2025-02-28T22:30:00Z");
    await order(shop.id, members[21]!.id, 50_000, "2025-02-10T10:00:00Z", {
      cancelledAt: at("2025-02-11T10:00:00Z"),
    });
    // 10 holdout customers order once: $90, $30 refunded.
    for (const h of holdout.slice(0, 10))
      await order(shop.id, h.id, 9_000, "2025-02-15T10:00:00Z", { refundedMinor: 3_000 });
    // In neither group: an excluded customer, a non-member, a holdout customer excluded from the programme.
    for (const overrides of [
      { membershipStatus: "excluded" as const },
      { membershipStatus: "not_member" as const },
      { holdout: true, membershipStatus: "excluded" as const },
    ]) {
      const [c] = await customers(shop.id, 1, overrides);
      await order(shop.id, c!.id, 99_000, "2025-02-15T10:00:00Z");
    }
    // Another shop's big orders, same days.
    const other = await api.installShop({ timezone: TZ });
    for (const c of await customers(other.id, 3, { holdout: true }))
      await order(other.id, c.id, 1_000_000, "2025-02-15T10:00:00Z");

    const report = await adminOf(shop.domain).admin.analytics.memberVsHoldout.query({ range: FEB });

    expect(report).toMatchObject({
      range: FEB,
      currency: "USD",
      minimumGroupSize: 30,
      enoughData: true,
      message: null,
    });
    expect(report.members).toEqual({
      customers: 30,
      buyers: 15,
      revenueMinor: 300_000,
      orders: 30,
      enoughData: true,
      // mean 10000, s = 10170.9, se = 1857: 10000 ± 3640.
      revenuePerCustomerMinor: { value: 10_000, low: 6_360, high: 13_640 },
      repeatRateBp: { value: 5_000, low: 3_211, high: 6_789 },
      ordersPerCustomer: { value: 1, low: 0.636, high: 1.364 },
    });
    expect(report.holdout).toEqual({
      customers: 30,
      buyers: 10,
      revenueMinor: 60_000,
      orders: 10,
      enoughData: true,
      revenuePerCustomerMinor: { value: 2_000, low: 971, high: 3_029 },
      repeatRateBp: { value: 0, low: 0, high: 0 },
      ordersPerCustomer: { value: 0.333, low: 0.162, high: 0.505 },
    });
    expect(report.comparison).toEqual({
      revenuePerCustomerDiffMinor: { value: 8_000, low: 4_218, high: 11_782 },
      // × 30 members.
      incrementalRevenueMinor: { value: 240_000, low: 126_528, high: 353_472 },
      revenueLiftBp: 40_000,
      repeatRateDiffBp: { value: 5_000, low: 3_211, high: 6_789 },
      ordersPerCustomerDiff: { value: 0.667, low: 0.264, high: 1.069 },
      significant: true,
    });
  });

  it("says there is not enough data when a group has fewer than 30 customers", async () => {
    const shop = await api.installShop({ timezone: TZ });
    const members = await customers(shop.id, 40);
    await customers(shop.id, 29, { holdout: true });
    await order(shop.id, members[0]!.id, 5_000, "2025-02-15T10:00:00Z");

    const report = await adminOf(shop.domain).admin.analytics.memberVsHoldout.query({ range: FEB });

    expect(report.enoughData).toBe(false);
    expect(report.message).toBe(
      "Not enough data: each group needs at least 30 customers (members: 40, holdout: 29).",
    );
    expect(report.comparison).toBeNull();
    expect(report.members).toMatchObject({ customers: 40, enoughData: true, revenueMinor: 5_000 });
    expect(report.holdout).toMatchObject({
      customers: 29,
      enoughData: false,
      revenuePerCustomerMinor: null,
      repeatRateBp: null,
      ordersPerCustomer: null,
    });
  });

  it("tells a shop without a holdout how to start one", async () => {
    const shop = await api.installShop({ timezone: TZ });
    const report = await adminOf(shop.domain).admin.analytics.memberVsHoldout.query();
    expect(report.range).toEqual({ from: "2024-12-16", to: "2025-03-15" });
    expect(report.message).toContain("Set a holdout percentage");
  });
});

describe("admin.analytics.referralFunnel", () => {
  it("counts visits in the range and the referrals created in it by where they stand now", async () => {
    const shop = await api.installShop({ timezone: TZ });
    const db = api.test.db;
    const [advocate, ...friends] = await customers(shop.id, 9);
    const [code] = await db
      .insert(schema.referralCodes)
      .values({ shopId: shop.id, customerId: advocate!.id, code: "ABCD23" })
      .returning();
    const visit = (token: string, iso: string) =>
      db
        .insert(schema.referralVisits)
        .values({ shopId: shop.id, referralCodeId: code!.id, visitorToken: token, createdAt: at(iso) });
    await visit("v1", "2025-01-31T22:30:00Z"); // Feb 1, 00:30 in the shop
    await visit("v1", "2025-02-02T10:00:00Z");
    await visit("v2", "2025-02-03T10:00:00Z");
    await visit("v3", "2025-02-04T10:00:00Z");
    await visit("v4", "2025-02-05T10:00:00Z");
    await visit("v5", "2025-01-31T21:30:00Z"); // Jan 31, 23:30 in the shop: outside
    const statuses = [
      "pending",
      "completed",
      "completed",
      "flagged",
      "approved",
      "rejected",
      "reversed",
    ] as const;
    for (const [i, status] of statuses.entries()) {
      await db.insert(schema.referrals).values({
        shopId: shop.id,
        referralCodeId: code!.id,
        advocateCustomerId: advocate!.id,
        friendCustomerId: friends[i]!.id,
        status,
        advocatePointsAwarded: ["completed", "approved", "reversed"].includes(status) ? 500 : 0,
        createdAt: at("2025-02-10T10:00:00Z"),
      });
    }
    // Created before the range: not in the cohort.
    await db.insert(schema.referrals).values({
      shopId: shop.id,
      referralCodeId: code!.id,
      advocateCustomerId: advocate!.id,
      friendCustomerId: friends[7]!.id,
      status: "completed",
      createdAt: at("2025-01-20T10:00:00Z"),
    });

    const report = await adminOf(shop.domain).admin.analytics.referralFunnel.query({ range: FEB });

    expect(report).toEqual({
      range: FEB,
      visits: 5,
      uniqueVisitors: 4,
      referralsCreated: 7,
      pending: 1,
      firstOrders: 6,
      awaitingReview: 1,
      rewarded: 4,
      completed: 2,
      approved: 1,
      rejected: 1,
      reversed: 1,
      visitToReferralBp: 17_500,
      referralToRewardBp: 5_714,
      // Completed and approved referrals still standing: 3 × 500.
      pointsAwarded: 1_500,
    });

    // Another shop sees none of it.
    const other = await api.installShop({ timezone: TZ });
    const empty = await adminOf(other.domain).admin.analytics.referralFunnel.query({ range: FEB });
    expect(empty).toMatchObject({
      visits: 0,
      referralsCreated: 0,
      visitToReferralBp: null,
      referralToRewardBp: null,
    });
  });
});

describe("admin.analytics.tierDistribution", () => {
  it("counts members per tier now and tier moves up and down per shop month", async () => {
    const shop = await api.installShop({ timezone: TZ });
    const db = api.test.db;
    const [silver, gold] = await db
      .insert(schema.vipTiers)
      .values([
        { shopId: shop.id, name: "Silver", threshold: 1_000 },
        { shopId: shop.id, name: "Gold", threshold: 5_000 },
      ])
      .returning();
    await customers(shop.id, 2, { tierId: silver!.id });
    const [g] = await customers(shop.id, 1, { tierId: gold!.id });
    await customers(shop.id, 1);
    // Not members: held out, erased.
    await customers(shop.id, 1, { holdout: true });
    await customers(shop.id, 1, { tierId: gold!.id, isTombstone: true });

    let key = 0;
    const move = (
      fromTierId: number | null,
      toTierId: number | null,
      reason: typeof schema.tierHistory.$inferInsert.reason,
      iso: string,
    ) =>
      db.insert(schema.tierHistory).values({
        shopId: shop.id,
        customerId: g!.id,
        fromTierId,
        toTierId,
        reason,
        idempotencyKey: `move:${(key += 1)}`,
        createdAt: at(iso),
      });
    await move(null, silver!.id, "initial", "2025-01-05T10:00:00Z");
    await move(silver!.id, gold!.id, "upgrade", "2025-01-20T10:00:00Z");
    await move(gold!.id, silver!.id, "downgrade", "2025-02-10T10:00:00Z");
    await move(null, gold!.id, "import", "2025-02-11T10:00:00Z"); // a migration: not a movement
    await move(silver!.id, gold!.id, "pin", "2025-02-28T22:30:00Z"); // Mar 1, 00:30 in the shop
    await move(gold!.id, null, "unpin", "2025-03-02T10:00:00Z");

    const report = await adminOf(shop.domain).admin.analytics.tierDistribution.query({
      range: { from: "2024-12", to: "2025-03" },
    });

    expect(report).toEqual({
      range: { from: "2024-12", to: "2025-03" },
      members: 4,
      noTier: 1,
      tiers: [
        { tierId: silver!.id, name: "Silver", threshold: 1_000, active: true, customers: 2 },
        { tierId: gold!.id, name: "Gold", threshold: 5_000, active: true, customers: 1 },
      ],
      movements: [
        { month: "2024-12", up: 0, down: 0 },
        { month: "2025-01", up: 2, down: 0 },
        { month: "2025-02", up: 0, down: 1 },
        { month: "2025-03", up: 1, down: 1 },
      ],
    });
  });
});

describe("admin.analytics.segmentDistribution", () => {
  it("counts customers per segment now and charts the daily snapshots of the range", async () => {
    const shop = await api.installShop({ timezone: TZ });
    const other = await api.installShop({ timezone: TZ });
    const db = api.test.db;
    await customers(shop.id, 3, { rfmSegment: "champions", rfmBigSpender: true });
    await customers(shop.id, 2, { rfmSegment: "at_risk" });
    await customers(shop.id, 1);
    await customers(other.id, 5, { rfmSegment: "champions" });
    const snapshot = (
      shopId: string,
      day: string,
      segment: typeof schema.rfmSegmentCounts.$inferInsert.segment,
      n: number,
      big = 0,
    ) => db.insert(schema.rfmSegmentCounts).values({ shopId, day, segment, customers: n, bigSpenders: big });
    await snapshot(shop.id, "2025-01-31", "champions", 9);
    await snapshot(shop.id, "2025-02-01", "champions", 1, 1);
    await snapshot(shop.id, "2025-02-01", "new", 4);
    await snapshot(shop.id, "2025-02-03", "champions", 3, 2);
    await snapshot(shop.id, "2025-02-03", "at_risk", 2);
    await snapshot(other.id, "2025-02-01", "champions", 50);

    const report = await adminOf(shop.domain).admin.analytics.segmentDistribution.query({ range: FEB });

    const zero = {
      inactive: 0,
      champions: 0,
      loyal: 0,
      new: 0,
      at_risk: 0,
      hibernating: 0,
      needs_attention: 0,
    };
    expect(report).toEqual({
      range: FEB,
      now: { segments: { ...zero, champions: 3, at_risk: 2 }, bigSpenders: 3, unscored: 1 },
      series: [
        { day: "2025-02-01", segments: { ...zero, champions: 1, new: 4 }, bigSpenders: 1 },
        { day: "2025-02-03", segments: { ...zero, champions: 3, at_risk: 2 }, bigSpenders: 2 },
      ],
      change: { from: "2025-02-01", to: "2025-02-03", delta: { ...zero, champions: 2, new: -4, at_risk: 2 } },
    });
  });

  it("has no change figure when the range holds no snapshot", async () => {
    const shop = await api.installShop({ timezone: TZ });
    const report = await adminOf(shop.domain).admin.analytics.segmentDistribution.query();
    expect(report.range).toEqual({ from: "2024-12-16", to: "2025-03-15" });
    expect(report.series).toEqual([]);
    expect(report.change).toBeNull();
  });
});
