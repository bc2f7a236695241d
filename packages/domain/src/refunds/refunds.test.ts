import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PurchaseBasis } from "../earning";
import { transitionRedemption } from "../rewards";
import { planOrderCancellation } from "./cancellation";
import { planRefundClawback } from "./clawback";
import type { OrderPoints } from "./order-points";
import { refundedBasisMinor } from "./refunded-basis";

const order = (over: Partial<OrderPoints> = {}): OrderPoints => ({
  orderId: "o1",
  basisMinor: 10_000,
  earnedPoints: 1000,
  reversedPoints: 0,
  pending: [],
  ...over,
});

describe("refunds/create", () => {
  it('"claw back points in proportion to the refunded share of the earning basis"', () => {
    const plan = planRefundClawback({ order: order(), refundId: "r1", cumulativeRefundedBasisMinor: 2500 });
    expect(plan).toMatchObject({
      idempotencyKey: "refund:r1:clawback",
      clawbackAvailable: 250,
      voidPending: [],
      totalPoints: 250,
      reversedPointsAfter: 250,
    });
  });

  it('"never more in total than the order earned"', () => {
    // 400 already taken back; a refund of the rest (and more) only takes the remaining 600.
    const plan = planRefundClawback({
      order: order({ reversedPoints: 400 }),
      refundId: "r2",
      cumulativeRefundedBasisMinor: 50_000,
    });
    expect(plan.totalPoints).toBe(600);
    expect(plan.reversedPointsAfter).toBe(1000);
    // A later refund on a fully reversed order takes nothing.
    expect(
      planRefundClawback({
        order: order({ reversedPoints: 1000 }),
        refundId: "r3",
        cumulativeRefundedBasisMinor: 10_000,
      }).totalPoints,
    ).toBe(0);
  });

  it("rounds a partial clawback down, in the shopper's favour, without drifting over several refunds", () => {
    const third = planRefundClawback({
      order: order({ earnedPoints: 999, basisMinor: 3333 }),
      refundId: "r1",
      cumulativeRefundedBasisMinor: 1111,
    });
    expect(third.totalPoints).toBe(333);
  });

  it('"Pending points are voided rather than clawed back"', () => {
    const plan = planRefundClawback({
      order: order({ pending: [{ entryId: "e1", points: 1000 }] }),
      refundId: "r1",
      cumulativeRefundedBasisMinor: 5000,
    });
    expect(plan.voidPending).toEqual([{ entryId: "e1", points: 500 }]);
    expect(plan.clawbackAvailable).toBe(0);
  });

  it('"A refunded order whose reward code was used does not return the reward\'s points"', () => {
    // The order earned 1000 and used a code bought with 500 points: a full refund takes back the
    // 1000 earned and returns none of the 500 spent; the redemption stays `used` for good.
    const plan = planOrderCancellation(order(), ["redemption-9"]);
    expect(plan.totalPoints).toBe(1000);
    expect(plan.clawbackAvailable).toBe(1000);
    expect(plan.keptRedemptionIds).toEqual(["redemption-9"]);
    expect(() => transitionRedemption("used", "code_expired")).toThrow();
  });
});

describe("orders/cancelled", () => {
  it('"reverse whatever that order still holds"', () => {
    const plan = planOrderCancellation(
      order({ reversedPoints: 300, pending: [{ entryId: "bonus", points: 200 }] }),
    );
    expect(plan).toMatchObject({
      idempotencyKey: "order:o1:cancel",
      voidPending: [{ entryId: "bonus", points: 200 }],
      clawbackAvailable: 500,
      totalPoints: 700,
      reversedPointsAfter: 1000,
    });
    expect(planOrderCancellation(order({ reversedPoints: 1000 })).totalPoints).toBe(0);
  });

  it("reverses a bonus-only order (zero basis) in full, though a refund of it takes nothing", () => {
    const bonusOnly = order({ basisMinor: 0, earnedPoints: 200 });
    expect(
      planRefundClawback({ order: bonusOnly, refundId: "r", cumulativeRefundedBasisMinor: 0 }).totalPoints,
    ).toBe(0);
    expect(planOrderCancellation(bonusOnly).totalPoints).toBe(200);
  });
});

describe("refunded share of the basis", () => {
  const basis: PurchaseBasis = {
    currency: "USD",
    basisMinor: 3000 + 1001 + 500,
    lines: [
      { lineItemId: "shirt", quantity: 3, basisMinor: 3000, excludedBy: null },
      { lineItemId: "mug", quantity: 3, basisMinor: 1001, excludedBy: null },
      { lineItemId: "gift", quantity: 1, basisMinor: 0, excludedBy: "gift_card" },
    ],
    shippingBasisMinor: 500,
    tipBasisMinor: 0,
  };

  it("takes each refunded unit's share of its line, and nothing for lines that did not earn", () => {
    expect(
      refundedBasisMinor(basis, { lineQuantities: { shirt: 1, gift: 1 }, shippingMinor: 0, tipMinor: 0 }),
    ).toBe(1000);
    expect(refundedBasisMinor(basis, { lineQuantities: { mug: 1 }, shippingMinor: 0, tipMinor: 300 })).toBe(
      333,
    );
    // Everything refunded: exactly the basis, so the clawback reaches exactly the points earned.
    expect(
      refundedBasisMinor(basis, {
        lineQuantities: { shirt: 3, mug: 3, gift: 1 },
        shippingMinor: 900,
        tipMinor: 0,
      }),
    ).toBe(basis.basisMinor);
  });
});

describe("refund invariants", () => {
  const scenario = fc
    .record({
      basisMinor: fc.integer({ min: 1, max: 1_000_000 }),
      earnedPoints: fc.integer({ min: 0, max: 100_000 }),
      pendingShare: fc.integer({ min: 0, max: 100 }),
      refunds: fc.array(fc.integer({ min: 0, max: 400_000 }), { maxLength: 8 }),
    })
    .map((s) => ({ ...s, pending: Math.floor((s.earnedPoints * s.pendingShare) / 100) }));

  /** Applies a sequence of partial refunds (cumulative refunded basis growing) to an order. */
  function run(s: { basisMinor: number; earnedPoints: number; pending: number; refunds: number[] }) {
    let state = order({
      basisMinor: s.basisMinor,
      earnedPoints: s.earnedPoints,
      pending: s.pending > 0 ? [{ entryId: "p", points: s.pending }] : [],
    });
    let refunded = 0;
    let reversed = 0;
    s.refunds.forEach((amount, i) => {
      refunded = Math.min(s.basisMinor, refunded + amount);
      const plan = planRefundClawback({
        order: state,
        refundId: `r${i}`,
        cumulativeRefundedBasisMinor: refunded,
      });
      const voided = plan.voidPending.reduce((sum, v) => sum + v.points, 0);
      expect(plan.totalPoints).toBe(voided + plan.clawbackAvailable);
      expect(plan.totalPoints).toBeGreaterThanOrEqual(0);
      const pendingLeft = (state.pending[0]?.points ?? 0) - voided;
      expect(pendingLeft).toBeGreaterThanOrEqual(0);
      reversed += plan.totalPoints;
      state = {
        ...state,
        reversedPoints: plan.reversedPointsAfter,
        pending: pendingLeft > 0 ? [{ entryId: "p", points: pendingLeft }] : [],
      };
    });
    return { state, refunded, reversed };
  }

  it("clawbacks never exceed earnings, for any sequence of partial refunds", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { reversed, state } = run(s);
        expect(reversed).toBeLessThanOrEqual(s.earnedPoints);
        expect(state.reversedPoints).toBe(reversed);
      }),
    );
  });

  it("refunding the whole basis in any number of parts reverses exactly what was earned", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { reversed } = run({ ...s, refunds: [...s.refunds, s.basisMinor] });
        expect(reversed).toBe(s.earnedPoints);
      }),
    );
  });

  it("cancelling after any refunds reverses exactly the rest", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const { state, reversed } = run(s);
        expect(reversed + planOrderCancellation(state).totalPoints).toBe(s.earnedPoints);
      }),
    );
  });

  it("pending points are voided before any available point is clawed back", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const start = order({
          basisMinor: s.basisMinor,
          earnedPoints: s.earnedPoints,
          pending: s.pending > 0 ? [{ entryId: "p", points: s.pending }] : [],
        });
        const plan = planOrderCancellation(start);
        if (plan.clawbackAvailable > 0) expect(plan.voidPending[0]?.points ?? 0).toBe(s.pending);
      }),
    );
  });
});
