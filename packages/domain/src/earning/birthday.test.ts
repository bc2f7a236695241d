import { describe, expect, it } from "vitest";
import type { BirthdayInput } from "./birthday";
import { decideBirthdayAward } from "./birthday";

const NY = "America/New_York";
const input = (over: Partial<BirthdayInput>): BirthdayInput => ({
  customerId: "c1",
  birthday: { month: 3, day: 1 },
  birthdaySetAt: null,
  now: new Date("2026-03-01T15:00:00Z"),
  timeZone: NY,
  awardedYears: [],
  ...over,
});

describe("birthday", () => {
  it('"once per calendar year, in the shop\'s time zone"', () => {
    // 03:00 UTC on 1 March is still 28 February in New York: not yet the birthday there.
    expect(decideBirthdayAward(input({ now: new Date("2026-03-01T03:00:00Z") }))).toEqual({
      outcome: "no_award",
      reason: "not_birthday",
    });
    expect(decideBirthdayAward(input({}))).toEqual({
      outcome: "award",
      points: 200,
      idempotencyKey: "birthday:c1:2026",
    });
    expect(decideBirthdayAward(input({ awardedYears: [2026] }))).toMatchObject({
      reason: "already_awarded_this_year",
    });
    expect(
      decideBirthdayAward(input({ awardedYears: [2025], now: new Date("2027-03-01T15:00:00Z") })),
    ).toMatchObject({
      outcome: "award",
      idempotencyKey: "birthday:c1:2027",
    });
  });

  it('"a birthday set less than 30 days ago earns nothing this year"', () => {
    const setRecently = new Date("2026-02-01T17:00:00Z"); // 28 shop days before 1 March
    expect(decideBirthdayAward(input({ birthdaySetAt: setRecently }))).toMatchObject({
      reason: "birthday_set_recently",
    });
    // Catching up a few days later does not dodge the rule: it is measured at the birthday.
    expect(
      decideBirthdayAward(input({ birthdaySetAt: setRecently, now: new Date("2026-03-05T15:00:00Z") })),
    ).toMatchObject({ reason: "birthday_set_recently" });
    // Exactly 30 shop days before (30 January, New York) earns.
    expect(decideBirthdayAward(input({ birthdaySetAt: new Date("2026-01-30T23:00:00Z") }))).toMatchObject({
      outcome: "award",
    });
    // The next year it earns normally.
    expect(
      decideBirthdayAward(input({ birthdaySetAt: setRecently, now: new Date("2027-03-01T15:00:00Z") })),
    ).toMatchObject({ outcome: "award", idempotencyKey: "birthday:c1:2027" });
  });

  it("pays a birthday missed by the daily job within the grace days, keyed to the birthday's year", () => {
    const lateDecember = input({ birthday: { month: 12, day: 30 }, now: new Date("2027-01-02T15:00:00Z") });
    expect(decideBirthdayAward(lateDecember)).toMatchObject({
      outcome: "award",
      idempotencyKey: "birthday:c1:2026",
    });
    expect(decideBirthdayAward({ ...lateDecember, now: new Date("2027-01-07T15:00:00Z") })).toMatchObject({
      reason: "not_birthday",
    });
  });

  it("celebrates 29 February on 28 February in a non-leap year", () => {
    const leapling = { birthday: { month: 2, day: 29 } };
    expect(
      decideBirthdayAward(input({ ...leapling, now: new Date("2027-02-28T15:00:00Z"), graceDays: 0 })),
    ).toMatchObject({
      outcome: "award",
      idempotencyKey: "birthday:c1:2027",
    });
    expect(
      decideBirthdayAward(input({ ...leapling, now: new Date("2028-02-28T15:00:00Z"), graceDays: 0 })),
    ).toMatchObject({
      reason: "not_birthday",
    });
  });

  it("earns nothing without a birthday and rejects an impossible one", () => {
    expect(decideBirthdayAward(input({ birthday: null }))).toMatchObject({ reason: "no_birthday" });
    expect(() => decideBirthdayAward(input({ birthday: { month: 2, day: 30 } }))).toThrow(RangeError);
  });
});
