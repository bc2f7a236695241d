import { describe, expect, it } from "vitest";
import { fromLocalDateTime, startOfLocalDay, toLocalDate } from "./time";

describe("shop time zone arithmetic", () => {
  it('"daily" rules use the shop\'s time zone: 03:00 UTC is still the previous day in New York', () => {
    expect(toLocalDate(new Date("2026-03-01T03:00:00Z"), "America/New_York")).toEqual({
      year: 2026,
      month: 2,
      day: 28,
    });
  });

  it("maps a local wall-clock time back to UTC across a DST change", () => {
    expect(
      fromLocalDateTime({ year: 2026, month: 7, day: 1, hour: 1 }, "America/New_York").toISOString(),
    ).toBe("2026-07-01T05:00:00.000Z");
    expect(
      fromLocalDateTime({ year: 2026, month: 1, day: 1, hour: 1 }, "America/New_York").toISOString(),
    ).toBe("2026-01-01T06:00:00.000Z");
  });

  it("finds the start of the local day", () => {
    expect(startOfLocalDay(new Date("2026-11-21T02:00:00Z"), "Europe/Paris").toISOString()).toBe(
      "2026-11-20T23:00:00.000Z",
    );
  });
});
