import { TierPinError, type Tier } from "@loyalnest/domain";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBalanceMismatches } from "../ledger/invariants";
import { voidPendingEntry } from "../ledger/pending";
import { postLedgerEntry, requireEntry, type LedgerEntryInput } from "../ledger/post-entry";
import {
  auditLog,
  customers,
  orderSummaries,
  pointBalances,
  pointsLedger,
  shopSettings,
  tierHistory,
  vipTiers,
} from "../schema";
import { createTestDatabase, insertTestCustomer, insertTestShop, type TestDatabase } from "../testing";
import {
  applyTierAfterEarning,
  evaluateTierNightlyFor,
  pinCustomerTier,
  previewTierThresholds,
  tierMetricValue,
  unpinCustomerTier,
} from "./tiers";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase("loyalty_tiers");
});
afterAll(() => test.drop());

const DAY = 86_400_000;
const T0 = new Date("2026-03-01T12:00:00Z");
const after = (days: number) => new Date(T0.getTime() + days * DAY);

type TierSpec = { name: string; threshold: number; entryRewardPoints?: number };
const LADDER: TierSpec[] = [
  { name: "Silver", threshold: 1000, entryRewardPoints: 100 },
  { name: "Gold", threshold: 5000, entryRewardPoints: 500 },
];

/** A fresh shop with its own tiers, so each rule is tested on a ladder of its own. */
async function newShop(tiers: TierSpec[] = LADDER, settings: Partial<typeof shopSettings.$inferInsert> = {}) {
  const shopId = (await insertTestShop(test.db)).id;
  if (Object.keys(settings).length > 0) {
    await test.db.update(shopSettings).set(settings).where(eq(shopSettings.shopId, shopId));
  }
  const rows = await test.db
    .insert(vipTiers)
    .values(tiers.map((t) => ({ shopId, ...t })))
    .returning();
  const byName = Object.fromEntries(rows.map((r) => [r.name, r.id])) as Record<string, number>;
  return { shopId, tier: (name: string) => byName[name]! };
}

const newCustomer = async (shopId: string) => (await insertTestCustomer(test.db, shopId)).id;

function ledgerInput(customerId: number, key: string, fields: Partial<LedgerEntryInput>): LedgerEntryInput {
  return {
    customerId,
    kind: "earn",
    amount: 100,
    status: "available",
    sourceType: "order",
    sourceId: key,
    idempotencyKey: key,
    occurredAt: T0,
    ...fields,
  };
}

/** An order's points and the immediate tier evaluation, in one transaction as the order service does. */
const earn = (shopId: string, customerId: number, key: string, amount: number, at = T0) =>
  test.db.transaction(async (tx) => {
    requireEntry(await postLedgerEntry(tx, shopId, ledgerInput(customerId, key, { amount, occurredAt: at })));
    return applyTierAfterEarning(tx, shopId, customerId, at, key);
  });

const clawback = (shopId: string, customerId: number, key: string, amount: number, at = T0) =>
  test.db.transaction(async (tx) =>
    requireEntry(
      await postLedgerEntry(
        tx,
        shopId,
        ledgerInput(customerId, key, {
          kind: "refund_clawback",
          sourceType: "refund",
          amount,
          occurredAt: at,
        }),
      ),
    ),
  );

const nightly = (shopId: string, customerId: number, at: Date) =>
  test.db.transaction((tx) => evaluateTierNightlyFor(tx, shopId, customerId, at));

const customerRow = async (shopId: string, customerId: number) =>
  (
    await test.db
      .select()
      .from(customers)
      .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)))
  )[0]!;

const historyOf = (shopId: string, customerId: number) =>
  test.db
    .select()
    .from(tierHistory)
    .where(and(eq(tierHistory.shopId, shopId), eq(tierHistory.customerId, customerId)))
    .orderBy(tierHistory.id);

const entryRewardsOf = (shopId: string, customerId: number) =>
  test.db
    .select()
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.shopId, shopId),
        eq(pointsLedger.customerId, customerId),
        eq(pointsLedger.sourceType, "tier_entry"),
      ),
    );

const metric = (shopId: string, customerId: number, at: Date) =>
  tierMetricValue(test.db, shopId, customerId, at);

async function insertOrder(
  shopId: string,
  o: { customerId: number; orderId: number; totalMinor: number; paidAt: Date | null } & Partial<
    typeof orderSummaries.$inferInsert
  >,
) {
  await test.db.insert(orderSummaries).values({
    shopId,
    shopifyOrderId: o.orderId,
    currency: "USD",
    subtotalMinor: o.totalMinor,
    placedAt: o.paidAt ?? T0,
    ...o,
    customerId: o.customerId,
  });
}

describe("VIP tiers", () => {
  it('"Upgrade happens at once, on the event that crosses the threshold"', async () => {
    const { shopId, tier } = await newShop();
    const c = await newCustomer(shopId);
    expect(await earn(shopId, c, "order:1:earn", 600)).toBeNull();
    const change = await earn(shopId, c, "order:2:earn", 500, after(1));

    expect(change).toMatchObject({
      fromTierId: null,
      toTierId: tier("Silver"),
      reason: "initial",
      metricValue: 1100,
    });
    expect(await customerRow(shopId, c)).toMatchObject({ tierId: tier("Silver"), tierAchievedAt: after(1) });
    expect(await historyOf(shopId, c)).toMatchObject([
      { fromTierId: null, toTierId: tier("Silver"), reason: "initial", metricValue: 1100 },
    ]);

    // Replaying the event changes nothing.
    expect(
      await test.db.transaction((tx) => applyTierAfterEarning(tx, shopId, c, after(1), "order:2:earn")),
    ).toBeNull();
    expect(await historyOf(shopId, c)).toHaveLength(1);

    // Crossing two thresholds at once lands in the highest tier, entered from Silver.
    expect(await earn(shopId, c, "order:3:earn", 4000, after(2))).toMatchObject({
      fromTierId: tier("Silver"),
      toTierId: tier("Gold"),
      reason: "upgrade",
    });
    expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
  });

  it("two events crossing the threshold at once upgrade the customer once (the balance lock serializes them)", async () => {
    const { shopId, tier } = await newShop();
    const c = await newCustomer(shopId);
    const changes = await Promise.all([
      earn(shopId, c, "order:1:earn", 600),
      earn(shopId, c, "order:2:earn", 600),
    ]);
    expect(changes.filter((x) => x !== null)).toMatchObject([{ toTierId: tier("Silver") }]);
    expect(await historyOf(shopId, c)).toHaveLength(1);
    expect(await entryRewardsOf(shopId, c)).toHaveLength(1);
    expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
  });

  it("only members move by evaluation: a customer who has not joined gets no tier (rule chosen)", async () => {
    const { shopId } = await newShop();
    const guest = (await insertTestCustomer(test.db, shopId, { membershipStatus: "not_member" })).id;
    expect(await earn(shopId, guest, "order:1:earn", 6000)).toBeNull();
    expect(await nightly(shopId, guest, after(1))).toBeNull();
    expect(await customerRow(shopId, guest)).toMatchObject({ tierId: null });
    expect(await entryRewardsOf(shopId, guest)).toEqual([]);
  });

  it('"an entry reward … granted once per tier per customer"', async () => {
    const { shopId, tier } = await newShop();
    const c = await newCustomer(shopId);
    await earn(shopId, c, "order:1:earn", 1200);
    expect(await entryRewardsOf(shopId, c)).toMatchObject([
      {
        kind: "earn",
        amount: 100,
        idempotencyKey: `tier:${tier("Silver")}:entry:${c}`,
        sourceId: String(tier("Silver")),
      },
    ]);

    // Lose the tier (a refund, then the nightly run after the retention period) and win it back.
    await clawback(shopId, c, "refund:1:clawback", -1200, after(10));
    expect(await nightly(shopId, c, after(400))).toMatchObject({ reason: "downgrade", toTierId: null });
    expect(await earn(shopId, c, "order:2:earn", 1500, after(401))).toMatchObject({
      toTierId: tier("Silver"),
    });

    expect(await entryRewardsOf(shopId, c)).toHaveLength(1);
    const [balance] = await test.db.select().from(pointBalances).where(eq(pointBalances.customerId, c));
    expect(balance!.available).toBe(1200 + 100 - 1200 + 1500);
    expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
  });

  it("an entry reward never counts towards the next tier by itself (rule chosen)", async () => {
    const { shopId, tier } = await newShop([
      { name: "Silver", threshold: 1000, entryRewardPoints: 500 },
      { name: "Gold", threshold: 1200 },
    ]);
    const c = await newCustomer(shopId);
    expect(await earn(shopId, c, "order:1:earn", 1000)).toMatchObject({ toTierId: tier("Silver") });
    expect(await customerRow(shopId, c)).toMatchObject({ tierId: tier("Silver") });
    expect(await metric(shopId, c, T0)).toBe(1000);
  });

  it('"Downgrade happens only in the nightly evaluation, and only once the customer has held the tier for the retention period"', async () => {
    const { shopId, tier } = await newShop();
    const c = await newCustomer(shopId);
    await earn(shopId, c, "order:1:earn", 6000);
    expect((await customerRow(shopId, c)).tierId).toBe(tier("Gold"));

    // A refund takes the metric down to Silver's range: no downgrade on the event itself …
    await clawback(shopId, c, "refund:1:clawback", -4000, after(5));
    expect(
      await test.db.transaction((tx) => applyTierAfterEarning(tx, shopId, c, after(5), "refund:1")),
    ).toBeNull();
    // … nor at night before the retention period (365 days by default) has passed.
    expect(await nightly(shopId, c, after(364))).toBeNull();
    expect((await customerRow(shopId, c)).tierId).toBe(tier("Gold"));

    // "then the customer moves to the highest tier they still qualify for"
    const change = await nightly(shopId, c, after(365));
    expect(change).toMatchObject({
      fromTierId: tier("Gold"),
      toTierId: tier("Silver"),
      reason: "downgrade",
      metricValue: 2000,
    });
    expect(await customerRow(shopId, c)).toMatchObject({
      tierId: tier("Silver"),
      tierAchievedAt: after(365),
    });
    // Re-running the same night is a no-op.
    expect(await nightly(shopId, c, after(365))).toBeNull();
    expect((await historyOf(shopId, c)).map((h) => h.reason)).toEqual(["initial", "downgrade"]);
    // Downgrading never takes points away (Gold's entry reward stays; Silver was skipped over).
    expect((await entryRewardsOf(shopId, c)).map((e) => e.amount)).toEqual([500]);
    const [balance] = await test.db.select().from(pointBalances).where(eq(pointBalances.customerId, c));
    expect(balance!.available).toBe(6000 + 500 - 4000);
    expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
  });

  it("honours the shop's retention period setting", async () => {
    const { shopId, tier } = await newShop(LADDER, { tierRetentionDays: 30 });
    const c = await newCustomer(shopId);
    await earn(shopId, c, "order:1:earn", 1000);
    await clawback(shopId, c, "refund:1:clawback", -1000, after(1));
    expect(await nightly(shopId, c, after(29))).toBeNull();
    expect(await nightly(shopId, c, after(30))).toMatchObject({ fromTierId: tier("Silver"), toTierId: null });
  });

  it('"Staff can pin a tier manually, with an optional end date. Every tier change is kept as history."', async () => {
    const { shopId, tier } = await newShop();
    const c = await newCustomer(shopId);
    await earn(shopId, c, "order:1:earn", 1000);
    const pin = {
      customerId: c,
      tierId: tier("Gold"),
      until: after(30),
      staffId: "staff-7",
      reason: "VIP event guest",
      requestKey: "req-1",
      at: after(1),
    };
    const change = await test.db.transaction((tx) => pinCustomerTier(tx, shopId, pin));
    expect(change).toMatchObject({ reason: "pin", fromTierId: tier("Silver"), toTierId: tier("Gold") });
    expect(await customerRow(shopId, c)).toMatchObject({
      tierId: tier("Gold"),
      tierPinned: true,
      tierPinnedUntil: after(30),
    });
    // A double-click records one change and one audit row.
    expect(await test.db.transaction((tx) => pinCustomerTier(tx, shopId, pin))).toBeNull();
    const audits = await test.db.select().from(auditLog).where(eq(auditLog.shopId, shopId));
    expect(audits).toMatchObject([
      {
        action: "tier.pin",
        actorType: "staff",
        actorId: "staff-7",
        entityId: String(c),
        // Free text stays out of the audit log (it may quote the customer); the history row keeps it.
        reason: null,
        changes: { tierHistoryId: (await historyOf(shopId, c))[1]!.id, toTierId: tier("Gold") },
      },
    ]);
    // An upward pin grants the pinned tier's entry reward, once.
    expect((await entryRewardsOf(shopId, c)).map((e) => e.amount).sort()).toEqual([100, 500]);

    // While pinned, the nightly run changes nothing; once the end date passes the pin expires
    // and the customer goes to the tier they qualify for.
    expect(await nightly(shopId, c, after(29))).toBeNull();
    expect(await nightly(shopId, c, after(31))).toMatchObject({
      reason: "pin_expired",
      fromTierId: tier("Gold"),
      toTierId: tier("Silver"),
    });
    expect(await customerRow(shopId, c)).toMatchObject({ tierId: tier("Silver"), tierPinned: false });
    expect(await historyOf(shopId, c)).toMatchObject([
      { reason: "initial", actorType: "system" },
      {
        reason: "pin",
        actorType: "staff",
        actorId: "staff-7",
        note: "VIP event guest",
        pinnedUntil: after(30),
      },
      { reason: "pin_expired", actorType: "system" },
    ]);
    expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
  });

  it("a pin for another shop's customer is refused with a readable error and writes nothing", async () => {
    const { shopId, tier } = await newShop();
    const other = await newShop();
    const theirs = await newCustomer(other.shopId);
    await earn(other.shopId, theirs, "order:1:earn", 1000);
    const ours = await newCustomer(shopId);
    const pin = (customerId: number) =>
      test.db.transaction((tx) =>
        pinCustomerTier(tx, shopId, {
          customerId,
          tierId: tier("Gold"),
          until: null,
          staffId: "staff-1",
          reason: null,
          requestKey: `pin-${customerId}`,
          at: T0,
        }),
      );
    const balancesBefore = await test.db.select().from(pointBalances).where(eq(pointBalances.shopId, shopId));
    // With a balance row (in their shop) and without one (a customer id that exists nowhere).
    await expect(pin(theirs)).rejects.toThrow(`customer ${theirs} does not exist in this shop`);
    await expect(pin(ours + 1_000_000)).rejects.toThrow("does not exist in this shop");
    expect(await test.db.select().from(pointBalances).where(eq(pointBalances.shopId, shopId))).toEqual(
      balancesBefore,
    );
    expect(await test.db.select().from(auditLog).where(eq(auditLog.shopId, shopId))).toEqual([]);
  });

  it("a pin without an end date holds until staff unpin, and blocks upgrades meanwhile", async () => {
    const { shopId, tier } = await newShop();
    const c = await newCustomer(shopId);
    const pinned = await test.db.transaction((tx) =>
      pinCustomerTier(tx, shopId, {
        customerId: c,
        tierId: tier("Silver"),
        until: null,
        staffId: "staff-1",
        reason: null,
        requestKey: "pin-a",
        at: T0,
      }),
    );
    expect(pinned).toMatchObject({ toTierId: tier("Silver"), pinnedUntil: null });
    expect(await earn(shopId, c, "order:1:earn", 6000, after(1))).toBeNull();
    expect(await nightly(shopId, c, after(900))).toBeNull();

    const unpin = {
      customerId: c,
      staffId: "staff-2",
      reason: "event over",
      requestKey: "unpin-a",
      at: after(901),
    };
    expect(await test.db.transaction((tx) => unpinCustomerTier(tx, shopId, unpin))).toMatchObject({
      reason: "unpin",
      toTierId: tier("Gold"),
    });
    expect(await test.db.transaction((tx) => unpinCustomerTier(tx, shopId, unpin))).toBeNull();
    expect(await customerRow(shopId, c)).toMatchObject({ tierId: tier("Gold"), tierPinned: false });
    await expect(
      test.db.transaction((tx) => unpinCustomerTier(tx, shopId, { ...unpin, requestKey: "unpin-b" })),
    ).rejects.toBeInstanceOf(TierPinError);
    const audits = await test.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.shopId, shopId))
      .orderBy(auditLog.id);
    expect(audits.map((a) => a.action)).toEqual(["tier.pin", "tier.unpin"]);
  });

  it('"The qualifying metric is points earned or amount spent, over a window: lifetime, rolling 12 months, or calendar year (per shop)"', async () => {
    const { shopId } = await newShop(LADDER, { tierWindow: "calendar_year" });
    const c = await newCustomer(shopId);
    const lastYear = new Date("2025-12-31T23:00:00Z");
    await earn(shopId, c, "order:1:earn", 700, lastYear);
    await earn(shopId, c, "order:2:earn", 300, T0);
    await clawback(shopId, c, "refund:2:clawback", -50, T0);
    // Redeeming, expiry and adjustments never count; a void (cancelled pending) row neither.
    await test.db.transaction(async (tx) => {
      await postLedgerEntry(
        tx,
        shopId,
        ledgerInput(c, "redeem:1", { kind: "redeem", amount: -100, sourceType: "redemption" }),
      );
      await postLedgerEntry(
        tx,
        shopId,
        ledgerInput(c, "adjust:1", { kind: "adjust", amount: 999, sourceType: "staff" }),
      );
    });
    await test.db.transaction(async (tx) => {
      const pending = requireEntry(
        await postLedgerEntry(
          tx,
          shopId,
          ledgerInput(c, "order:3:earn", { status: "pending", availableAt: after(14), amount: 400 }),
        ),
      );
      await voidPendingEntry(tx, shopId, pending.id, T0);
    });
    // A future-dated row does not count yet.
    await earn(shopId, c, "order:4:earn", 80, after(1));

    expect(await metric(shopId, c, T0)).toBe(250);
    await test.db.update(shopSettings).set({ tierWindow: "lifetime" }).where(eq(shopSettings.shopId, shopId));
    expect(await metric(shopId, c, T0)).toBe(950);
    await test.db
      .update(shopSettings)
      .set({ tierWindow: "rolling_12_months" })
      .where(eq(shopSettings.shopId, shopId));
    expect(await metric(shopId, c, new Date("2026-12-31T22:00:00Z"))).toBe(1030);
    expect(await metric(shopId, c, new Date("2027-01-02T00:00:00Z"))).toBe(330);
    expect(await findBalanceMismatches(test.db, shopId)).toEqual([]);
  });

  it("amount spent counts paid, not cancelled orders net of refunds", async () => {
    const { shopId, tier } = await newShop(
      [
        { name: "Silver", threshold: 50_000 },
        { name: "Gold", threshold: 100_000 },
      ],
      { tierMetric: "amount_spent" },
    );
    const c = await newCustomer(shopId);
    const other = await newCustomer(shopId);
    await insertOrder(shopId, { customerId: c, orderId: 1, totalMinor: 30_000, paidAt: T0 });
    await insertOrder(shopId, {
      customerId: c,
      orderId: 2,
      totalMinor: 40_000,
      paidAt: T0,
      refundedMinor: 15_000,
    });
    await insertOrder(shopId, {
      customerId: c,
      orderId: 3,
      totalMinor: 90_000,
      paidAt: T0,
      cancelledAt: after(1),
    });
    await insertOrder(shopId, { customerId: c, orderId: 4, totalMinor: 90_000, paidAt: null });
    await insertOrder(shopId, { customerId: other, orderId: 5, totalMinor: 90_000, paidAt: T0 });

    expect(await metric(shopId, c, after(2))).toBe(55_000);
    const change = await test.db.transaction((tx) =>
      applyTierAfterEarning(tx, shopId, c, after(2), "order:2:paid"),
    );
    expect(change).toMatchObject({ toTierId: tier("Silver"), metricValue: 55_000 });
  });

  it('"Before saving new tiers, the admin shows a preview: how many customers would move up and down." "Changing thresholds never loses anyone\'s points."', async () => {
    const { shopId, tier } = await newShop();
    const low = await newCustomer(shopId);
    const mid = await newCustomer(shopId);
    const high = await newCustomer(shopId);
    const pinned = await newCustomer(shopId);
    await earn(shopId, low, "order:1:earn", 800);
    await earn(shopId, mid, "order:2:earn", 2000);
    await earn(shopId, high, "order:3:earn", 5500);
    await test.db.transaction((tx) =>
      pinCustomerTier(tx, shopId, {
        customerId: pinned,
        tierId: tier("Gold"),
        until: null,
        staffId: "s",
        reason: null,
        requestKey: "p",
        at: T0,
      }),
    );
    const balancesBefore = await test.db.select().from(pointBalances).where(eq(pointBalances.shopId, shopId));

    const current = await test.db.select().from(vipTiers).where(eq(vipTiers.shopId, shopId));
    const newTiers: Tier[] = current.map((t) => ({
      ...t,
      // Silver gets cheaper (800 now qualifies), Gold dearer (5500 no longer does).
      threshold: t.name === "Silver" ? 500 : 6000,
    }));
    const preview = await test.db.transaction((tx) => previewTierThresholds(tx, shopId, newTiers, T0));
    expect(preview).toMatchObject({ up: 1, down: 1, stay: 2, pinned: 1 });
    expect(preview.byNewTier).toEqual([
      { tierId: tier("Silver"), customers: 3 },
      { tierId: tier("Gold"), customers: 1 },
    ]);

    // The preview changes nothing.
    expect(await test.db.select().from(pointBalances).where(eq(pointBalances.shopId, shopId))).toEqual(
      balancesBefore,
    );
    expect((await customerRow(shopId, high)).tierId).toBe(tier("Gold"));
  });
});
