import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../time";
import {
  averageOrderValueMinor,
  bandScores,
  buildQuintileModel,
  compositeScoreX10,
  computeRfmMetrics,
  evaluateCustomerRfm,
  evaluateShopRfm,
  formatCompositeX10,
  frequencyScore,
  monetaryScore,
  quintileCutPoints,
  quintileScores,
  recencyScore,
  rfmConfigFromSettings,
  rfmSegment,
  scoreAgainstCutPoints,
  segmentCounts,
  DEFAULT_RFM_BANDS,
  DEFAULT_RFM_CONFIG,
  DEFAULT_RFM_WEIGHTS,
  RFM_SEGMENTS,
  RfmConfigError,
  SUBSCRIPTION_RFM_BANDS,
  type RfmOrder,
  type RfmScore,
  type RfmScores,
} from "./index";

const TZ = "America/New_York";
const NOW = new Date("2026-06-15T05:00:00Z"); // 01:00 shop time, the nightly run
const paid = (daysAgo: number, totalMinor = 5_000, extra: Partial<RfmOrder> = {}): RfmOrder => ({
  paidAt: addDays(NOW, -daysAgo),
  cancelledAt: null,
  totalMinor,
  refundedMinor: 0,
  ...extra,
});
const s = (r: number, f: number, m: number): RfmScores => ({
  r: r as RfmScore,
  f: f as RfmScore,
  m: m as RfmScore,
});

const settingsRow = {
  mode: "bands" as const,
  preset: "custom" as const,
  windowDays: 365,
  recencyBandsDays: [7, 30, 60, 90],
  frequencyBands: [1, 3, 5, 10],
  monetaryBandsAovBp: [5_000, 10_000, 20_000, 50_000],
  weightRBp: 4_000,
  weightFBp: 3_000,
  weightMBp: 3_000,
};

describe("RFM analytics (§11)", () => {
  it('"For each customer: Recency (days since last paid order), Frequency (paid orders, cancelled excluded) and Monetary (net spend after refunds) over a window (default the last 365 days; lifetime is an option)."', () => {
    const orders: RfmOrder[] = [
      paid(3, 10_000, { refundedMinor: 2_500 }),
      paid(40, 4_000),
      paid(10, 9_999, { cancelledAt: addDays(NOW, -9) }), // cancelled: excluded
      { paidAt: null, cancelledAt: null, totalMinor: 7_000, refundedMinor: 0 }, // never paid
      paid(364, 1_000), // the 365th day: in
      paid(365, 2_000), // a year ago today: out
      paid(20, 3_000, { refundedMinor: 3_000 }), // fully refunded: an order, no spend
    ];
    expect(computeRfmMetrics(orders, NOW, TZ, 365)).toEqual({
      recencyDays: 3,
      frequency: 4,
      monetaryMinor: 12_500,
    });
    expect(computeRfmMetrics(orders, NOW, TZ, null)).toEqual({
      recencyDays: 3,
      frequency: 5,
      monetaryMinor: 14_500,
    });
    expect(DEFAULT_RFM_CONFIG.windowDays).toBe(365);
    // Days are counted on the shop's calendar: 23:30 yesterday (shop time) is 1 day ago at 01:00.
    const lateYesterday = { ...paid(0), paidAt: new Date("2026-06-15T03:30:00Z") };
    expect(computeRfmMetrics([lateYesterday], NOW, TZ, 365).recencyDays).toBe(1);
    expect(computeRfmMetrics([], NOW, TZ, 365)).toEqual({
      recencyDays: null,
      frequency: 0,
      monetaryMinor: 0,
    });
  });

  it('"Default mode uses bands: R ≤7 / 8–30 / 31–60 / 61–90 / >90 days → 5..1"', () => {
    const r = (d: number) => recencyScore(d, DEFAULT_RFM_BANDS.recencyDays);
    expect([0, 7, 8, 30, 31, 60, 61, 90, 91, 364].map(r)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
  });

  it('"F 1 / 2–3 / 4–5 / 6–10 / >10 orders → 1..5"', () => {
    const f = (n: number) => frequencyScore(n, DEFAULT_RFM_BANDS.frequency);
    expect([1, 2, 3, 4, 5, 6, 10, 11, 50].map(f)).toEqual([1, 2, 2, 3, 3, 4, 4, 5, 5]);
  });

  it('"M as net spend ÷ the shop\'s average order value: < 0.5 → 1, < 1 → 2, < 2 → 3, < 5 → 4, otherwise 5."', () => {
    const aov = 3_333; // edges at 1666.5, 3333, 6666, 16665 minor units — exact, no float
    const m = (spend: number) => monetaryScore(spend, aov, DEFAULT_RFM_BANDS.monetaryAovBp);
    expect([0, 1_666, 1_667, 3_332, 3_333, 6_665, 6_666, 16_664, 16_665, 1_000_000].map(m)).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
    ]);
    // The shop AOV is net of refunds, over the same window, floored.
    expect(
      averageOrderValueMinor(
        [paid(1, 1_000), paid(2, 2_001), paid(400, 9_000), paid(3, 500, { refundedMinor: 500 })],
        NOW,
        TZ,
        365,
      ),
    ).toBe(1_000);
    expect(averageOrderValueMinor([], NOW, TZ, 365)).toBe(0);
    expect(monetaryScore(5_000, 0, DEFAULT_RFM_BANDS.monetaryAovBp)).toBe(1);
  });

  it('"A customer with no paid order in the window scores 1/1/1."', () => {
    const metrics = computeRfmMetrics([paid(400, 90_000)], NOW, TZ, 365);
    expect(bandScores(metrics, DEFAULT_RFM_BANDS, 5_000)).toEqual({ r: 1, f: 1, m: 1 });
    const result = evaluateCustomerRfm({
      orders: [],
      asOf: NOW,
      timeZone: TZ,
      config: DEFAULT_RFM_CONFIG,
      shop: { aovMinor: 5_000 },
    });
    expect(result).toMatchObject({
      r: 1,
      f: 1,
      m: 1,
      segment: "inactive",
      compositeX10: 10,
      recencyDays: null,
    });
  });

  it('"Merchants may edit the bands"', () => {
    const config = rfmConfigFromSettings({
      ...settingsRow,
      recencyBandsDays: [3, 10, 20, 40],
      frequencyBands: [2, 4, 6, 8],
    });
    expect(config.bands.recencyDays).toEqual([3, 10, 20, 40]);
    expect(bandScores({ recencyDays: 10, frequency: 2, monetaryMinor: 5_000 }, config.bands, 5_000)).toEqual({
      r: 4,
      f: 1,
      m: 3,
    });
    expect(() => rfmConfigFromSettings({ ...settingsRow, recencyBandsDays: [7, 7, 60, 90] })).toThrow(
      RfmConfigError,
    );
    expect(() => rfmConfigFromSettings({ ...settingsRow, frequencyBands: [1, 3, 5] })).toThrow(
      RfmConfigError,
    );
    expect(() => rfmConfigFromSettings({ ...settingsRow, frequencyBands: [0, 3, 5, 10] })).toThrow(
      RfmConfigError,
    );
    expect(() => rfmConfigFromSettings({ ...settingsRow, windowDays: 0 })).toThrow(RfmConfigError);
    expect(rfmConfigFromSettings({ ...settingsRow, windowDays: null }).windowDays).toBeNull();
    // A named preset uses its own bands whatever is stored.
    expect(
      rfmConfigFromSettings({ ...settingsRow, preset: "default", recencyBandsDays: [1, 2, 3, 4] }).bands,
    ).toEqual(DEFAULT_RFM_BANDS);
  });

  it('"or switch to **quintile** mode (scores relative to the shop\'s own customers)"', () => {
    // Ten customers: frequencies 1..10, spend 100..1000, recency 10, 20, … 100 days.
    const metrics = Array.from({ length: 10 }, (_, i) => ({
      recencyDays: (i + 1) * 10,
      frequency: i + 1,
      monetaryMinor: (i + 1) * 100,
    }));
    const model = buildQuintileModel([...metrics, { recencyDays: null, frequency: 0, monetaryMinor: 0 }]);
    expect(model.population).toBe(10);
    expect(model.frequencyMin).toEqual([3, 5, 7, 9]);
    expect(model.recencyMaxDays).toEqual([80, 60, 40, 20]);
    expect(metrics.map((m) => quintileScores(m, model).f)).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(metrics.map((m) => quintileScores(m, model).r)).toEqual([5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
    // Ties share the score of the lowest position: 8 one-time buyers are all F1, the 2 repeat buyers F5.
    expect(quintileCutPoints([1, 1, 1, 1, 1, 1, 1, 1, 2, 2])).toEqual([2, 2, 2, 2]);
    expect(quintileCutPoints([4, 4, 4])).toEqual([null, null, null, null]);
    // No order in the window: 1/1/1 in quintile mode too.
    expect(quintileScores({ recencyDays: null, frequency: 0, monetaryMinor: 0 }, model)).toEqual({
      r: 1,
      f: 1,
      m: 1,
    });
    // The whole-shop pass builds the model and scores with it.
    const shop = evaluateShopRfm({
      customers: [
        { customerId: "a", orders: [paid(1, 10_000), paid(5, 10_000)] },
        { customerId: "b", orders: [paid(200, 1_000)] },
      ],
      asOf: NOW,
      timeZone: TZ,
      config: { ...DEFAULT_RFM_CONFIG, mode: "quintile" },
    });
    expect(shop.results.map((r) => [r.customerId, r.result.r, r.result.f, r.result.m])).toEqual([
      ["a", 3, 3, 3],
      ["b", 1, 1, 1],
    ]);
  });

  it('"A subscription-store preset uses slower recency bands (5 = ≤14 days, 1 = >180)."', () => {
    const r = (d: number) => recencyScore(d, SUBSCRIPTION_RFM_BANDS.recencyDays);
    expect([14, 15, 45, 46, 90, 91, 180, 181].map(r)).toEqual([5, 4, 4, 3, 3, 2, 2, 1]);
    expect(rfmConfigFromSettings({ ...settingsRow, preset: "subscription" }).bands.recencyDays).toEqual([
      14, 45, 90, 180,
    ]);
    expect(SUBSCRIPTION_RFM_BANDS.frequency).toEqual(DEFAULT_RFM_BANDS.frequency);
  });

  it('"Composite score = 0.4·R + 0.3·F + 0.3·M (weights editable), one decimal."', () => {
    expect(compositeScoreX10(s(5, 3, 2), DEFAULT_RFM_WEIGHTS)).toBe(35); // 2.0 + 0.9 + 0.6
    expect(compositeScoreX10(s(4, 1, 5), DEFAULT_RFM_WEIGHTS)).toBe(34);
    expect(formatCompositeX10(34)).toBe("3.4");
    // Editable weights; one decimal rounded half up, exactly: (5 + 4 + 4) / 3 = 4.333… → 4.3; 4.25 → 4.3.
    expect(compositeScoreX10(s(5, 4, 4), { rBp: 3_334, fBp: 3_333, mBp: 3_333 })).toBe(43);
    expect(compositeScoreX10(s(5, 4, 4), { rBp: 2_500, fBp: 7_500, mBp: 0 })).toBe(43);
    expect(compositeScoreX10(s(4, 5, 1), { rBp: 2_500, fBp: 0, mBp: 7_500 })).toBe(18); // 1.75 → 1.8
  });

  it('"Segments, first match wins: Inactive (no order in the window), Champions (R5, F≥4, M≥4), Loyal (R≥3, F≥3, M≥3), New (R≥4, F1), At Risk (R≤2, F≥3), Hibernating (R≤2, F≤2), Needs Attention (everything else)."', () => {
    expect(rfmSegment(s(5, 5, 5), false)).toBe("inactive");
    expect(rfmSegment(s(5, 4, 4), true)).toBe("champions");
    expect(rfmSegment(s(5, 4, 3), true)).toBe("loyal"); // not champion (M3), first match Loyal
    expect(rfmSegment(s(3, 3, 3), true)).toBe("loyal");
    expect(rfmSegment(s(4, 1, 5), true)).toBe("new");
    expect(rfmSegment(s(2, 3, 5), true)).toBe("at_risk");
    expect(rfmSegment(s(1, 2, 5), true)).toBe("hibernating");
    expect(rfmSegment(s(3, 1, 1), true)).toBe("needs_attention");
    expect(rfmSegment(s(4, 2, 2), true)).toBe("needs_attention");
  });

  it('""Big spender" (M5) is a flag beside the segment."', () => {
    const result = evaluateCustomerRfm({
      orders: [paid(2, 50_000)],
      asOf: NOW,
      timeZone: TZ,
      config: DEFAULT_RFM_CONFIG,
      shop: { aovMinor: 10_000 },
    });
    expect(result).toEqual({
      recencyDays: 2,
      frequency: 1,
      monetaryMinor: 50_000,
      r: 5,
      f: 1,
      m: 5,
      compositeX10: 38,
      segment: "new",
      bigSpender: true,
    });
  });

  it('"Daily segment counts are kept so the admin can chart movement over time."', () => {
    const rows = segmentCounts(
      [
        { segment: "champions", bigSpender: true },
        { segment: "champions", bigSpender: false },
        { segment: "new", bigSpender: true },
      ],
      NOW,
      TZ,
    );
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => r.segment)).toEqual(RFM_SEGMENTS);
    expect(rows.find((r) => r.segment === "champions")).toEqual({
      day: "2026-06-15",
      segment: "champions",
      customers: 2,
      bigSpenders: 1,
    });
    expect(rows.find((r) => r.segment === "inactive")).toEqual({
      day: "2026-06-15",
      segment: "inactive",
      customers: 0,
      bigSpenders: 0,
    });
    // The day is the shop's: 03:00 UTC on 15 June is still 14 June in New York.
    expect(segmentCounts([], new Date("2026-06-15T03:00:00Z"), TZ)[0]!.day).toBe("2026-06-14");
  });

  it('"Recomputed for one customer on each paid order or refund"', () => {
    const shop = evaluateShopRfm({
      customers: [
        { customerId: 1, orders: [paid(100, 5_000)] },
        { customerId: 2, orders: [paid(10, 5_000), paid(30, 5_000)] },
      ],
      asOf: NOW,
      timeZone: TZ,
      config: DEFAULT_RFM_CONFIG,
    });
    expect(shop.shop.aovMinor).toBe(5_000);
    expect(shop.results[0]!.result.segment).toBe("hibernating");
    // Customer 1 orders again today: re-scored against the nightly AOV at once.
    const after = evaluateCustomerRfm({
      orders: [paid(100, 5_000), paid(0, 20_000)],
      asOf: addDays(NOW, 0.5),
      timeZone: TZ,
      config: DEFAULT_RFM_CONFIG,
      shop: shop.shop,
    });
    expect(after).toMatchObject({ recencyDays: 0, frequency: 2, monetaryMinor: 25_000, r: 5, f: 2, m: 5 });
    // Then refunds it in full: spend drops, the order still counts.
    const refunded = evaluateCustomerRfm({
      orders: [paid(100, 5_000), paid(0, 20_000, { refundedMinor: 20_000 })],
      asOf: addDays(NOW, 0.5),
      timeZone: TZ,
      config: DEFAULT_RFM_CONFIG,
      shop: shop.shop,
    });
    expect(refunded).toMatchObject({ monetaryMinor: 5_000, m: 3 });
    expect(() =>
      evaluateCustomerRfm({
        orders: [],
        asOf: NOW,
        timeZone: TZ,
        config: { ...DEFAULT_RFM_CONFIG, mode: "quintile" },
        shop: { aovMinor: 1 },
      }),
    ).toThrow(RangeError);
  });
});

describe("RFM invariants (property-based)", () => {
  const edges = (min: number) =>
    fc
      .uniqueArray(fc.integer({ min, max: 100_000 }), { minLength: 4, maxLength: 4 })
      .map((a) => [...a].sort((x, y) => x - y) as unknown as readonly [number, number, number, number]);
  const metricsArb = fc.oneof(
    fc.record({
      recencyDays: fc.nat(2_000),
      frequency: fc.integer({ min: 1, max: 500 }),
      monetaryMinor: fc.nat(10_000_000),
    }),
    fc.constant({ recencyDays: null, frequency: 0, monetaryMinor: 0 }),
  );
  const scoreArb = fc.integer({ min: 1, max: 5 }) as fc.Arbitrary<RfmScore>;

  it("scores stay in 1..5 for any metrics, bands and AOV", () => {
    fc.assert(
      fc.property(
        metricsArb,
        edges(0),
        edges(1),
        edges(1),
        fc.integer({ min: -10, max: 1_000_000 }),
        (m, r, f, mb, aov) => {
          const scores = bandScores(m, { recencyDays: r, frequency: f, monetaryAovBp: mb }, aov);
          for (const v of Object.values(scores)) {
            expect(Number.isInteger(v)).toBe(true);
            expect(v).toBeGreaterThanOrEqual(1);
            expect(v).toBeLessThanOrEqual(5);
          }
        },
      ),
    );
  });

  it("segments are total: every customer gets exactly one, the first rule that matches", () => {
    const rules: [string, (x: RfmScores) => boolean][] = [
      ["champions", ({ r, f, m }) => r === 5 && f >= 4 && m >= 4],
      ["loyal", ({ r, f, m }) => r >= 3 && f >= 3 && m >= 3],
      ["new", ({ r, f }) => r >= 4 && f === 1],
      ["at_risk", ({ r, f }) => r <= 2 && f >= 3],
      ["hibernating", ({ r, f }) => r <= 2 && f <= 2],
      ["needs_attention", () => true],
    ];
    fc.assert(
      fc.property(scoreArb, scoreArb, scoreArb, fc.boolean(), (r, f, m, active) => {
        const segment = rfmSegment({ r, f, m }, active);
        expect(RFM_SEGMENTS).toContain(segment);
        const expected = active ? rules.find(([, p]) => p({ r, f, m }))![0] : "inactive";
        expect(segment).toBe(expected);
      }),
    );
  });

  it("the composite is within 1.0–5.0 and never decreases when a score rises", () => {
    const w = fc
      .record({ rBp: fc.nat(10_000), fBp: fc.nat(10_000), mBp: fc.nat(10_000) })
      .filter((x) => x.rBp + x.fBp + x.mBp > 0);
    fc.assert(
      fc.property(scoreArb, scoreArb, scoreArb, w, (r, f, m, weights) => {
        const c = compositeScoreX10({ r, f, m }, weights);
        expect(c).toBeGreaterThanOrEqual(10);
        expect(c).toBeLessThanOrEqual(50);
        if (r < 5)
          expect(compositeScoreX10({ r: (r + 1) as RfmScore, f, m }, weights)).toBeGreaterThanOrEqual(c);
      }),
    );
  });

  it("monetary and frequency scores are monotone in spend and orders", () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), fc.integer({ min: 1, max: 100_000 }), (a, b, aov) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const bands = DEFAULT_RFM_BANDS;
        expect(monetaryScore(lo, aov, bands.monetaryAovBp)).toBeLessThanOrEqual(
          monetaryScore(hi, aov, bands.monetaryAovBp),
        );
        expect(frequencyScore(lo, bands.frequency)).toBeLessThanOrEqual(frequencyScore(hi, bands.frequency));
        expect(recencyScore(lo, bands.recencyDays)).toBeGreaterThanOrEqual(
          recencyScore(hi, bands.recencyDays),
        );
      }),
    );
  });

  it("quintile scores follow the rank rule, ignore input order and give ties one score", () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20), { minLength: 1, maxLength: 60 }), (values) => {
        const cuts = quintileCutPoints(values);
        const reversed = quintileCutPoints([...values].reverse());
        expect(reversed).toEqual(cuts);
        for (const v of values) {
          const below = values.filter((x) => x < v).length;
          expect(scoreAgainstCutPoints(v, cuts)).toBe(1 + Math.floor((5 * below) / values.length));
        }
      }),
    );
  });

  it("quintile mode gives every customer scores in 1..5 and exactly one segment", () => {
    fc.assert(
      fc.property(fc.array(metricsArb, { maxLength: 40 }), (all) => {
        const model = buildQuintileModel(all);
        for (const m of all) {
          const sc = quintileScores(m, model);
          for (const v of Object.values(sc)) expect(v >= 1 && v <= 5).toBe(true);
          expect(RFM_SEGMENTS).toContain(rfmSegment(sc, m.frequency > 0));
        }
      }),
    );
  });
});
