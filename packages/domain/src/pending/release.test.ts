import { describe, expect, it } from "vitest";
import { entriesDueForRelease, pendingReleaseAt, pendingStateAt } from "./release";

const paidAt = new Date("2026-04-10T14:00:00Z");

describe("pending points", () => {
  it('"points from an order may wait N days (per-shop setting, default 0) before becoming available"', () => {
    expect(pendingStateAt(paidAt, paidAt)).toEqual({ status: "available", releaseAt: paidAt });
    const settings = { pendingDays: 14 };
    expect(pendingReleaseAt(paidAt, settings).toISOString()).toBe("2026-04-24T14:00:00.000Z");
    expect(pendingStateAt(paidAt, new Date("2026-04-24T13:59:59Z"), settings).status).toBe("pending");
    expect(pendingStateAt(paidAt, new Date("2026-04-24T14:00:00Z"), settings).status).toBe("available");
  });

  it("rejects a negative or fractional waiting period", () => {
    expect(() => pendingReleaseAt(paidAt, { pendingDays: -1 })).toThrow(RangeError);
    expect(() => pendingReleaseAt(paidAt, { pendingDays: 1.5 })).toThrow(RangeError);
  });

  it("lists the entries due for release, oldest first", () => {
    const entries = [
      { entryId: "b", points: 10, releaseAt: new Date("2026-04-03T00:00:00Z") },
      { entryId: "a", points: 20, releaseAt: new Date("2026-04-01T00:00:00Z") },
      { entryId: "c", points: 30, releaseAt: new Date("2026-04-05T00:00:00Z") },
    ];
    expect(entriesDueForRelease(entries, new Date("2026-04-03T00:00:00Z")).map((e) => e.entryId)).toEqual([
      "a",
      "b",
    ]);
  });
});
