import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { holdoutBucket, isHeldOut } from "./holdout";

const SHOP = "8f0c1a52-6a0b-4c39-9a49-3f8f2b1e7d10";

describe("§12 holdout group: a random, stable X% of customers", () => {
  it("holds out close to X% of customers (5% of 20,000 ± 0.6 points)", () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => String(7_000_000_000 + i));
    const heldOut = ids.filter((id) => isHeldOut(SHOP, id, 500)).length;
    expect(heldOut / ids.length).toBeGreaterThan(0.044);
    expect(heldOut / ids.length).toBeLessThan(0.056);
  });

  it("is stable: the same customer gets the same answer every time", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 5_000 }), (id, bp) => {
        expect(isHeldOut(SHOP, id, bp)).toBe(isHeldOut(SHOP, id, bp));
      }),
    );
  });

  it("raising X never lets a held-out customer back in", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        (id, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          if (isHeldOut(SHOP, id, low)) expect(isHeldOut(SHOP, id, high)).toBe(true);
        },
      ),
    );
  });

  it("draws independently per shop (a customer id is not held out everywhere)", () => {
    const ids = Array.from({ length: 2_000 }, (_, i) => String(i));
    const same = ids.filter((id) => holdoutBucket("shop-a", id) === holdoutBucket("shop-b", id)).length;
    expect(same).toBeLessThan(10);
  });

  it("holds out nobody at 0 and refuses shares outside 0..50%", () => {
    expect(isHeldOut(SHOP, "1", 0)).toBe(false);
    expect(() => isHeldOut(SHOP, "1", 5_001)).toThrow(RangeError);
    expect(() => isHeldOut(SHOP, "1", -1)).toThrow(RangeError);
  });
});
