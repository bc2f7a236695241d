import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../time";
import {
  evaluateTierNightly,
  evaluateTierOnEvent,
  nextTierProgress,
  orderTiers,
  pinTier,
  previewTierChange,
  qualifyingMetricValue,
  qualifyingTier,
  tierEffectsOfPaidOrder,
  tierHeldAt,
  tierRank,
  tierWindowStart,
  unpinTier,
  TierConfigError,
  TierPinError,
  type CustomerTierState,
  type Tier,
} from "./index";

const tier = (id: number, name: string, threshold: number, extra: Partial<Tier> = {}): Tier => ({
  id,
  name,
  threshold,
  earnMultiplierBp: 10_000,
  entryRewardPoints: 0,
  entryRewardId: null,
  ...extra,
});

const bronze = tier(1, "Bronze", 0);
const silver = tier(2, "Silver", 1_000, { earnMultiplierBp: 12_500, entryRewardPoints: 100 });
const gold = tier(3, "Gold", 5_000, { earnMultiplierBp: 15_000, entryRewardPoints: 500 });
const platinum = tier(4, "Platinum", 20_000, { earnMultiplierBp: 20_000, entryRewardId: 77 });
// Deliberately out of order: the ladder sorts them.
const tiers = [gold, bronze, platinum, silver];

const NOW = new Date("2026-06-15T12:00:00Z");
const TZ = "America/New_York";

const state = (over: Partial<CustomerTierState> = {}): CustomerTierState => ({
  customerId: 42,
  tierId: 2,
  tierAchievedAt: new Date("2025-01-01T00:00:00Z"),
  tierPinned: false,
  tierPinnedUntil: null,
  ...over,
});

describe("VIP tiers (§8)", () => {
  it('"Tiers are ordered by threshold."', () => {
    expect(orderTiers(tiers).map((t) => t.name)).toEqual(["Bronze", "Silver", "Gold", "Platinum"]);
    expect(() => orderTiers([bronze, tier(9, "Dup", 0)])).toThrow(TierConfigError);
    expect(orderTiers([...tiers, tier(5, "Old", 3_000, { active: false })]).map((t) => t.id)).toEqual([
      1, 2, 3, 4,
    ]);
    const ladder = orderTiers(tiers);
    expect(qualifyingTier(ladder, 4_999)?.name).toBe("Silver");
    expect(qualifyingTier(ladder, 5_000)?.name).toBe("Gold");
    expect(qualifyingTier(orderTiers([silver]), 999)).toBeNull();
    expect(nextTierProgress(ladder, 4_200)).toEqual({ nextTier: gold, remaining: 800 });
    expect(nextTierProgress(ladder, 25_000)).toBeNull();
  });

  it('"The qualifying metric is points earned or amount spent, over a window: lifetime, rolling 12 months, or calendar year (per shop)."', () => {
    const contributions = [
      { at: new Date("2024-12-01T12:00:00Z"), points: 1_000, amountMinor: 10_000 },
      { at: new Date("2025-07-01T12:00:00Z"), points: 2_000, amountMinor: 20_000 },
      { at: new Date("2026-02-01T12:00:00Z"), points: 300, amountMinor: 3_000 },
      // a refund clawback lowers the metric; redemptions are not contributions at all
      { at: new Date("2026-03-01T12:00:00Z"), points: -100, amountMinor: -1_000 },
    ];
    expect(qualifyingMetricValue(contributions, "points_earned", "lifetime", NOW, TZ)).toBe(3_200);
    expect(qualifyingMetricValue(contributions, "amount_spent", "lifetime", NOW, TZ)).toBe(32_000);
    expect(qualifyingMetricValue(contributions, "points_earned", "rolling_12_months", NOW, TZ)).toBe(2_200);
    expect(qualifyingMetricValue(contributions, "points_earned", "calendar_year", NOW, TZ)).toBe(200);
    expect(
      qualifyingMetricValue(
        [{ at: NOW, points: -50, amountMinor: -50 }],
        "points_earned",
        "lifetime",
        NOW,
        TZ,
      ),
    ).toBe(0);
  });

  it('"anything \\"daily\\", \\"monthly\\" or \\"birthday\\" is evaluated in the shop\'s time zone": the calendar-year window starts on 1 January in shop time', () => {
    // 03:00 UTC on 1 January 2026 is still 31 December 2025 in New York.
    const at = new Date("2026-01-01T03:00:00Z");
    expect(tierWindowStart("calendar_year", at, TZ)?.toISOString()).toBe("2025-01-01T05:00:00.000Z");
    expect(tierWindowStart("calendar_year", at, "Europe/Paris")?.toISOString()).toBe(
      "2025-12-31T23:00:00.000Z",
    );
    expect(tierWindowStart("rolling_12_months", NOW, TZ)?.toISOString()).toBe("2025-06-15T04:00:00.000Z");
    expect(tierWindowStart("rolling_12_months", new Date("2028-02-29T12:00:00Z"), "UTC")?.toISOString()).toBe(
      "2027-02-28T00:00:00.000Z",
    );
    expect(tierWindowStart("lifetime", NOW, TZ)).toBeNull();
  });

  it('"Upgrade happens at once, on the event that crosses the threshold."', () => {
    const change = evaluateTierOnEvent({
      tiers,
      state: state(),
      metricValue: 5_000,
      at: NOW,
      sourceKey: "order:9",
    });
    expect(change).toMatchObject({
      fromTierId: 2,
      toTierId: 3,
      reason: "upgrade",
      metricValue: 5_000,
      at: NOW,
    });
    expect(change?.nextState).toMatchObject({ tierId: 3, tierAchievedAt: NOW, tierPinned: false });
    expect(
      evaluateTierOnEvent({ tiers, state: state(), metricValue: 4_999, at: NOW, sourceKey: "order:9" }),
    ).toBeNull();
    // A first tier for a brand-new member is recorded as "initial".
    expect(
      evaluateTierOnEvent({
        tiers,
        state: state({ tierId: null, tierAchievedAt: null }),
        metricValue: 0,
        at: NOW,
        sourceKey: "signup",
      })?.reason,
    ).toBe("initial");
  });

  it('"Downgrade happens only in the nightly evaluation, and only once the customer has held the tier for the retention period (default 365 days)"', () => {
    const goldSince = (at: string) => state({ tierId: 3, tierAchievedAt: new Date(at) });
    // An event (e.g. a refund lowering the metric) never downgrades.
    expect(
      evaluateTierOnEvent({
        tiers,
        state: goldSince("2020-01-01T00:00:00Z"),
        metricValue: 0,
        at: NOW,
        sourceKey: "refund:1",
      }),
    ).toBeNull();
    // Nightly, 364 days after entering Gold: held.
    const entered = addDays(NOW, -364);
    expect(
      evaluateTierNightly({
        tiers,
        state: goldSince(entered.toISOString()),
        metricValue: 1_200,
        at: NOW,
        timeZone: TZ,
      }),
    ).toBeNull();
    // Nightly, 365 days after: downgraded.
    const change = evaluateTierNightly({
      tiers,
      state: goldSince(addDays(NOW, -365).toISOString()),
      metricValue: 1_200,
      at: NOW,
      timeZone: TZ,
    });
    expect(change).toMatchObject({ fromTierId: 3, toTierId: 2, reason: "downgrade", entryReward: null });
    expect(change?.idempotencyKey).toBe("tier:42:downgrade:2:nightly:2026-06-15");
    // The retention period is per shop.
    expect(
      evaluateTierNightly({
        tiers,
        state: goldSince(entered.toISOString()),
        metricValue: 1_200,
        at: NOW,
        timeZone: TZ,
        retentionDays: 90,
      })?.reason,
    ).toBe("downgrade");
  });

  it('"then the customer moves to the highest tier they still qualify for."', () => {
    const platinumLongAgo = state({ tierId: 4, tierAchievedAt: new Date("2023-01-01T00:00:00Z") });
    expect(
      evaluateTierNightly({ tiers, state: platinumLongAgo, metricValue: 6_000, at: NOW, timeZone: TZ })
        ?.toTierId,
    ).toBe(3);
    expect(
      evaluateTierNightly({ tiers, state: platinumLongAgo, metricValue: 10, at: NOW, timeZone: TZ })
        ?.toTierId,
    ).toBe(1);
    expect(
      evaluateTierNightly({
        tiers: [silver, gold],
        state: platinumLongAgo,
        metricValue: 10,
        at: NOW,
        timeZone: TZ,
      })?.toTierId,
    ).toBeNull();
  });

  it('"an entry reward (points or a reward) granted once per tier per customer"', () => {
    const up = evaluateTierOnEvent({
      tiers,
      state: state(),
      metricValue: 6_000,
      at: NOW,
      sourceKey: "order:1",
    });
    expect(up?.entryReward).toEqual({
      customerId: 42,
      tierId: 3,
      points: 500,
      rewardId: null,
      idempotencyKey: "tier:3:entry:42",
    });
    const toPlatinum = evaluateTierOnEvent({
      tiers,
      state: state(),
      metricValue: 20_000,
      at: NOW,
      sourceKey: "order:1",
    });
    expect(toPlatinum?.entryReward).toMatchObject({ tierId: 4, points: 0, rewardId: 77 });
    // Re-entering a tier already rewarded grants nothing, and the key is the same whatever the event.
    const again = evaluateTierOnEvent({
      tiers,
      state: state(),
      metricValue: 6_000,
      at: addDays(NOW, 400),
      sourceKey: "order:2",
      grantedEntryTierIds: new Set([3]),
    });
    expect(again?.toTierId).toBe(3);
    expect(again?.entryReward).toBeNull();
    // Downgrades never grant one.
    const down = evaluateTierNightly({
      tiers,
      state: state({ tierId: 4, tierAchievedAt: new Date("2020-01-01T00:00:00Z") }),
      metricValue: 1_000,
      at: NOW,
      timeZone: TZ,
    });
    expect(down?.entryReward).toBeNull();
  });

  it('"Perks: an earn multiplier"; "An order earns at the tier the customer held when the order was placed; an upgrade it triggers applies from the next earning."', () => {
    const effects = tierEffectsOfPaidOrder({
      tiers,
      state: state(),
      tierIdAtOrder: 2,
      metricValueAfterOrder: 5_500,
      at: NOW,
      orderId: 501,
    });
    expect(effects.earningTierId).toBe(2);
    expect(effects.earnMultiplierBp).toBe(12_500);
    expect(effects.change).toMatchObject({ toTierId: 3, idempotencyKey: "tier:42:upgrade:3:order:501" });
    // The next order earns at Gold.
    const next = tierEffectsOfPaidOrder({
      tiers,
      state: effects.change!.nextState,
      metricValueAfterOrder: 5_600,
      at: addDays(NOW, 1),
      orderId: 502,
    });
    expect(next.earnMultiplierBp).toBe(15_000);
    expect(next.change).toBeNull();
    // The tier held when an order was placed, from the history (a change at that same instant is the order's own).
    const history = [
      { at: new Date("2026-01-01T00:00:00Z"), toTierId: 2 },
      { at: NOW, toTierId: 3 },
    ];
    expect(tierHeldAt(history, NOW, 1)).toBe(2);
    expect(tierHeldAt(history, addDays(NOW, 1), 1)).toBe(3);
    expect(tierHeldAt(history, new Date("2025-01-01T00:00:00Z"), 1)).toBe(1);
  });

  it('"Staff can pin a tier manually, with an optional end date."', () => {
    const until = addDays(NOW, 90);
    const pin = pinTier({ tiers, state: state(), tierId: 4, until, at: NOW, requestKey: "audit:7" });
    expect(pin).toMatchObject({
      reason: "pin",
      toTierId: 4,
      pinnedUntil: until,
      idempotencyKey: "tier:42:pin:4:pin:audit:7",
    });
    expect(pin.nextState).toMatchObject({ tierPinned: true, tierPinnedUntil: until, tierId: 4 });
    const pinned = pin.nextState;
    // While pinned, neither events nor the nightly run change the tier.
    expect(
      evaluateTierOnEvent({
        tiers,
        state: { ...pinned, tierId: 1 },
        metricValue: 99_999,
        at: addDays(NOW, 1),
        sourceKey: "o",
      }),
    ).toBeNull();
    expect(
      evaluateTierNightly({ tiers, state: pinned, metricValue: 0, at: addDays(NOW, 89), timeZone: TZ }),
    ).toBeNull();
    // Once the end date passes, the nightly run applies what the customer qualifies for, at once.
    const expired = evaluateTierNightly({
      tiers,
      state: pinned,
      metricValue: 1_500,
      at: addDays(NOW, 90),
      timeZone: TZ,
    });
    expect(expired).toMatchObject({ reason: "pin_expired", fromTierId: 4, toTierId: 2 });
    expect(expired?.nextState).toMatchObject({ tierPinned: false, tierPinnedUntil: null });
    // A pin without an end date lasts until unpinned.
    const forever = pinTier({
      tiers,
      state: state(),
      tierId: 3,
      until: null,
      at: NOW,
      requestKey: "audit:8",
    }).nextState;
    expect(
      evaluateTierNightly({ tiers, state: forever, metricValue: 0, at: addDays(NOW, 3_000), timeZone: TZ }),
    ).toBeNull();
    expect(
      unpinTier({ tiers, state: forever, metricValue: 0, at: NOW, requestKey: "audit:9" }),
    ).toMatchObject({
      reason: "unpin",
      toTierId: 1,
    });
    expect(() => unpinTier({ tiers, state: state(), metricValue: 0, at: NOW, requestKey: "x" })).toThrow(
      TierPinError,
    );
    expect(() =>
      pinTier({ tiers, state: state(), tierId: 99, until: null, at: NOW, requestKey: "x" }),
    ).toThrow(TierPinError);
    expect(() => pinTier({ tiers, state: state(), tierId: 3, until: NOW, at: NOW, requestKey: "x" })).toThrow(
      TierPinError,
    );
  });

  it('"Every tier change is kept as history."', () => {
    const a = evaluateTierOnEvent({
      tiers,
      state: state(),
      metricValue: 6_000,
      at: NOW,
      sourceKey: "order:1:paid",
    });
    const b = evaluateTierOnEvent({
      tiers,
      state: state(),
      metricValue: 6_000,
      at: addDays(NOW, 1),
      sourceKey: "order:1:paid",
    });
    // A replayed event yields the same history key (the unique index makes it a no-op).
    expect(a?.idempotencyKey).toBe(b?.idempotencyKey);
    expect(a).toMatchObject({
      customerId: 42,
      fromTierId: 2,
      toTierId: 3,
      reason: "upgrade",
      metricValue: 6_000,
    });
    // Re-running the same night is also a no-op.
    const s = state({ tierId: 4, tierAchievedAt: new Date("2020-01-01T00:00:00Z") });
    const n1 = evaluateTierNightly({
      tiers,
      state: s,
      metricValue: 0,
      at: new Date("2026-06-16T05:00:00Z"),
      timeZone: TZ,
    });
    const n2 = evaluateTierNightly({
      tiers,
      state: s,
      metricValue: 0,
      at: new Date("2026-06-16T09:00:00Z"),
      timeZone: TZ,
    });
    expect(n1?.idempotencyKey).toBe(n2?.idempotencyKey);
  });

  it('"Changing thresholds never loses anyone\'s points."', () => {
    // Tier decisions carry no ledger debit at all: only an optional non-negative entry reward.
    const lowered = [bronze, { ...silver, threshold: 100 }, { ...gold, threshold: 50_000 }, platinum];
    const change = evaluateTierNightly({
      tiers: lowered,
      state: state({ tierId: 3, tierAchievedAt: new Date("2020-01-01T00:00:00Z") }),
      metricValue: 6_000,
      at: NOW,
      timeZone: TZ,
    });
    expect(change?.toTierId).toBe(2);
    expect(Object.keys(change!)).not.toContain("points");
    expect(change?.entryReward).toBeNull();
  });

  it('"Before saving new tiers, the admin shows a preview: how many customers would move up and down."', () => {
    const newTiers = [bronze, { ...silver, threshold: 500 }, { ...gold, threshold: 8_000 }, platinum];
    const preview = previewTierChange({
      currentTiers: tiers,
      newTiers,
      customers: [
        { customerId: 1, metricValue: 600, tierId: 1 }, // Bronze → Silver: up
        { customerId: 2, metricValue: 6_000, tierId: 3 }, // Gold → Silver: down
        { customerId: 3, metricValue: 9_000, tierId: 3 }, // Gold stays
        { customerId: 4, metricValue: 100, tierId: 1 }, // Bronze stays
        { customerId: 5, metricValue: 6_000, tierId: 3, pinned: true }, // pinned: stays
        { customerId: 6, metricValue: 700, tierId: null }, // none → Silver: up
      ],
    });
    expect(preview).toMatchObject({ up: 2, down: 1, stay: 3, pinned: 1 });
    expect(preview.byCurrentTier).toEqual([
      { tierId: null, customers: 1, up: 1, down: 0, stay: 0 },
      { tierId: 1, customers: 2, up: 1, down: 0, stay: 1 },
      { tierId: 3, customers: 3, up: 0, down: 1, stay: 2 },
    ]);
    expect(preview.byNewTier).toEqual([
      { tierId: 1, customers: 1 },
      { tierId: 2, customers: 3 },
      { tierId: 3, customers: 2 },
    ]);
  });
});

describe("tier invariants (property-based)", () => {
  const ladderArb = fc
    .uniqueArray(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 6 })
    .map((thresholds) => thresholds.map((t, i) => tier(i + 1, `T${i + 1}`, t)));

  it("qualification is monotone in the metric and returns the highest tier whose threshold ≤ metric", () => {
    fc.assert(
      fc.property(ladderArb, fc.nat(200_000), fc.nat(200_000), (ts, a, b) => {
        const ladder = orderTiers(ts);
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const rLo = tierRank(ladder, qualifyingTier(ladder, lo)?.id ?? null)!;
        const rHi = tierRank(ladder, qualifyingTier(ladder, hi)?.id ?? null)!;
        expect(rLo).toBeLessThanOrEqual(rHi);
        const q = qualifyingTier(ladder, hi);
        if (q) expect(q.threshold).toBeLessThanOrEqual(hi);
        expect(
          ladder.filter((t) => t.threshold <= hi).every((t) => t.threshold <= (q?.threshold ?? -1)),
        ).toBe(true);
      }),
    );
  });

  it("an event never lowers a tier, and a higher metric never yields a lower tier", () => {
    fc.assert(
      fc.property(ladderArb, fc.nat(200_000), fc.nat(200_000), (ts, a, b) => {
        const ladder = orderTiers(ts);
        const current = ladder[Math.floor(ladder.length / 2)]!.id;
        const s = state({ tierId: current });
        const tierAfter = (m: number) =>
          evaluateTierOnEvent({ tiers: ts, state: s, metricValue: m, at: NOW, sourceKey: "e" })?.toTierId ??
          current;
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(tierRank(ladder, tierAfter(lo))!).toBeGreaterThanOrEqual(tierRank(ladder, current)!);
        expect(tierRank(ladder, tierAfter(lo))!).toBeLessThanOrEqual(tierRank(ladder, tierAfter(hi))!);
      }),
    );
  });

  it("the nightly run never downgrades before the retention period has elapsed", () => {
    fc.assert(
      fc.property(ladderArb, fc.nat(200_000), fc.integer({ min: 0, max: 364 }), (ts, metric, heldDays) => {
        const ladder = orderTiers(ts);
        const top = ladder[ladder.length - 1]!;
        const s = state({ tierId: top.id, tierAchievedAt: addDays(NOW, -heldDays) });
        const change = evaluateTierNightly({
          tiers: ts,
          state: s,
          metricValue: metric,
          at: NOW,
          timeZone: TZ,
        });
        expect(change).toBeNull();
      }),
    );
  });
});
