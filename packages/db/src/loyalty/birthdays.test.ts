import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findBalanceMismatches } from "../ledger";
import { earningRules, earningRuleVersions, pointBalances } from "../schema";
import { createTestDatabase, insertTestCustomer, insertTestShop, type TestDatabase } from "../testing";
import { awardBirthdayPoints, birthdayDates, birthdayEntriesOf } from "./birthdays";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase("birthdays");
});
afterAll(async () => {
  await test.drop();
});

const TZ = "America/Los_Angeles";
// 22:00 on 14 July in Los Angeles, already 15 July in UTC.
const AT = new Date("2026-07-15T05:00:00Z");
const LONG_AGO = new Date("2025-01-01T00:00:00Z");

async function balanceOf(shopId: string, customerId: number) {
  const [row] = await test.db
    .select()
    .from(pointBalances)
    .where(and(eq(pointBalances.shopId, shopId), eq(pointBalances.customerId, customerId)));
  return row!.available;
}

const born = (month: number, day: number, setAt: Date | null = LONG_AGO) => ({
  birthdayMonth: month,
  birthdayDay: day,
  birthdaySetAt: setAt,
});

describe('§4 birthday: "once per calendar year, in the shop\'s time zone"', () => {
  it("awards customers whose birthday is today in the shop's zone, not in UTC's, once", async () => {
    const shop = await insertTestShop(test.db, { timezone: TZ });
    const today = await insertTestCustomer(test.db, shop.id, born(7, 14));
    const utcToday = await insertTestCustomer(test.db, shop.id, born(7, 15));
    const none = await insertTestCustomer(test.db, shop.id);

    const first = await awardBirthdayPoints(test.db, shop.id, AT);
    expect(first.awarded).toEqual([{ customerId: today.id, points: 200, year: 2026 }]);
    expect(await balanceOf(shop.id, today.id)).toBe(200);
    expect(await balanceOf(shop.id, utcToday.id)).toBe(0);
    expect(await balanceOf(shop.id, none.id)).toBe(0);

    // The same day again, and later in the grace days: nothing twice.
    expect((await awardBirthdayPoints(test.db, shop.id, AT)).awarded).toEqual([]);
    const nextDay = new Date(AT.getTime() + 86_400_000);
    const second = await awardBirthdayPoints(test.db, shop.id, nextDay);
    expect(second.awarded).toEqual([{ customerId: utcToday.id, points: 200, year: 2026 }]);
    expect(second.refused).toEqual({ already_awarded_this_year: 1 });
    expect(await balanceOf(shop.id, today.id)).toBe(200);

    // Next year: again.
    const nextYear = await awardBirthdayPoints(test.db, shop.id, new Date("2027-07-15T05:00:00Z"));
    expect(nextYear.awarded.map((a) => [a.customerId, a.year])).toEqual([[today.id, 2027]]);
    const entries = await birthdayEntriesOf(test.db, shop.id, today.id);
    expect(entries.map((e) => e.idempotencyKey)).toEqual([
      `birthday:${today.id}:2026`,
      `birthday:${today.id}:2027`,
    ]);
    expect(await findBalanceMismatches(test.db, shop.id)).toEqual([]);
  });

  it("catches up a missed day within the grace days, once", async () => {
    const shop = await insertTestShop(test.db, { timezone: TZ });
    const c = await insertTestCustomer(test.db, shop.id, born(7, 10));
    const result = await awardBirthdayPoints(test.db, shop.id, AT); // 4 days late
    expect(result.awarded).toEqual([{ customerId: c.id, points: 200, year: 2026 }]);
    // Beyond the grace days nothing is due: 10 July + 7 = 17 July is the last day.
    const late = await insertTestCustomer(test.db, shop.id, born(7, 6));
    expect((await awardBirthdayPoints(test.db, shop.id, AT)).awarded).toEqual([]);
    expect(await balanceOf(shop.id, late.id)).toBe(0);
  });

  it('"a birthday set less than 30 days ago earns nothing this year"', async () => {
    const shop = await insertTestShop(test.db, { timezone: TZ });
    const recent = await insertTestCustomer(test.db, shop.id, born(7, 14, new Date("2026-06-20T12:00:00Z")));
    const result = await awardBirthdayPoints(test.db, shop.id, AT);
    expect(result.awarded).toEqual([]);
    expect(result.refused).toEqual({ birthday_set_recently: 1 });
    expect(await balanceOf(shop.id, recent.id)).toBe(0);
  });

  it("members only; the shop's birthday rule sets the points; a switched-off rule awards nothing", async () => {
    const shop = await insertTestShop(test.db, { timezone: TZ });
    const member = await insertTestCustomer(test.db, shop.id, born(7, 14));
    await insertTestCustomer(test.db, shop.id, { ...born(7, 14), membershipStatus: "not_member" });
    await insertTestCustomer(test.db, shop.id, { ...born(7, 14), isTombstone: true });
    const [rule] = await test.db
      .insert(earningRules)
      .values({ shopId: shop.id, kind: "birthday", currentVersion: 2 })
      .returning();
    await test.db.insert(earningRuleVersions).values([
      { shopId: shop.id, ruleId: rule!.id, version: 1, config: { points: 100 } },
      { shopId: shop.id, ruleId: rule!.id, version: 2, config: { points: 300 } },
    ]);
    const result = await awardBirthdayPoints(test.db, shop.id, AT, { batchSize: 1 });
    expect(result.awarded).toEqual([{ customerId: member.id, points: 300, year: 2026 }]);
    const [entry] = await birthdayEntriesOf(test.db, shop.id, member.id);
    expect(entry).toMatchObject({ earningRuleId: rule!.id, earningRuleVersion: 2, kind: "earn" });

    const off = await insertTestShop(test.db, { timezone: TZ });
    const c = await insertTestCustomer(test.db, off.id, born(7, 14));
    await test.db.insert(earningRules).values({ shopId: off.id, kind: "birthday", active: false });
    expect((await awardBirthdayPoints(test.db, off.id, AT)).awarded).toEqual([]);
    expect(await balanceOf(off.id, c.id)).toBe(0);
  });

  it("29 February birthdays are celebrated on 28 February in a common year", () => {
    const dates = birthdayDates(new Date("2027-02-28T20:00:00Z"), TZ, 0);
    expect(dates).toEqual([
      { year: 2027, month: 2, day: 28 },
      { year: 2027, month: 2, day: 29 },
    ]);
    // Across the spring DST change the grace days are still consecutive calendar days.
    expect(birthdayDates(new Date("2026-03-09T07:30:00Z"), TZ, 2).map((d) => d.day)).toEqual([9, 8, 7]);
  });
});
