import { addDays } from "@loyalnest/domain";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findBalanceMismatches, postLedgerEntry, requireEntry, type LedgerEntryInput } from "../ledger";
import { pointBalances, pointsLedger, shopSettings, type customers } from "../schema";
import { createTestDatabase, insertTestCustomer, insertTestShop, type TestDatabase } from "../testing";
import { customersDueForExpiry, dueExpiryWarnings, expireInactiveBalance, markExpiryWarned } from "./expiry";

let test: TestDatabase;
/** A shop expiring balances after 365 days of inactivity, warning 30 days before. */
let shopId: string;
const touchedShops = new Set<string>();

beforeAll(async () => {
  test = await createTestDatabase("loyalty_expiry");
  shopId = await inactivityShop();
});
afterEach(async () => {
  for (const shop of touchedShops) expect(await findBalanceMismatches(test.db, shop)).toEqual([]);
});
afterAll(() => test.drop());

const t0 = new Date("2025-06-01T10:00:00Z");
const day = (n: number) => addDays(t0, n);

async function inactivityShop(): Promise<string> {
  const id = (await insertTestShop(test.db)).id;
  await test.db
    .update(shopSettings)
    .set({ expiryPolicy: "inactivity", expiryInactivityDays: 365, expiryWarningDays: 30 })
    .where(eq(shopSettings.shopId, id));
  touchedShops.add(id);
  return id;
}

const newCustomer = async (shop = shopId, fields: Partial<typeof customers.$inferInsert> = {}) =>
  insertTestCustomer(test.db, shop, fields);

let keyCounter = 0;
function post(customerId: number, fields: Partial<LedgerEntryInput>, shop = shopId) {
  const key = `test:${++keyCounter}`;
  return test.db.transaction(async (tx) =>
    requireEntry(
      await postLedgerEntry(tx, shop, {
        customerId,
        kind: "earn",
        amount: 100,
        status: "available",
        sourceType: "order",
        idempotencyKey: key,
        occurredAt: t0,
        ...fields,
      }),
    ),
  );
}
const earn = (customerId: number, amount: number, occurredAt: Date, shop = shopId) =>
  post(customerId, { amount, occurredAt }, shop);
const staffCredit = (customerId: number, amount: number, occurredAt: Date, shop = shopId) =>
  post(customerId, { kind: "adjust", amount, sourceType: "staff", reason: "goodwill", occurredAt }, shop);

const expire = (customerId: number, now: Date, shop = shopId) =>
  test.db.transaction((tx) => expireInactiveBalance(tx, shop, customerId, now));
const warnings = (now: Date, shop = shopId) => test.db.transaction((tx) => dueExpiryWarnings(tx, shop, now));
const balanceOf = async (customerId: number) =>
  (await test.db.select().from(pointBalances).where(eq(pointBalances.customerId, customerId)))[0]!;
const expireRowsOf = async (customerId: number) =>
  (await test.db.select().from(pointsLedger).where(eq(pointsLedger.customerId, customerId))).filter(
    (row) => row.kind === "expire",
  );

describe("expiry by inactivity", () => {
  it('"when a customer has neither earned nor redeemed for N days (e.g. 365), the whole available balance expires as one expire row"', async () => {
    const c = (await newCustomer()).id;
    await earn(c, 700, t0);
    await earn(c, 500, t0);

    expect(await expire(c, addDays(day(365), -1 / 86_400))).toEqual({ outcome: "keep", reason: "not_due" });
    const result = await expire(c, day(365));
    expect(result).toMatchObject({
      outcome: "expired",
      entry: {
        kind: "expire",
        amount: -1200,
        status: "available",
        sourceType: "system",
        idempotencyKey: `expire:${c}:${t0.toISOString()}`,
        occurredAt: day(365),
      },
      balance: { available: 0 },
    });
    expect(await expireRowsOf(c)).toHaveLength(1);
  });

  it("runs once per inactivity period: replays write nothing", async () => {
    const c = (await newCustomer()).id;
    await earn(c, 300, t0);
    const first = await expire(c, day(365));
    const again = await expire(c, day(366));

    if (first.outcome !== "expired") throw new Error("expected an expiry");
    expect(again).toEqual({ outcome: "already_expired", entry: first.entry });
    expect(await expireRowsOf(c)).toHaveLength(1);
  });

  it("points credited after the period expired (a staff re-credit) are not expired again in that period", async () => {
    const c = (await newCustomer()).id;
    await earn(c, 300, t0);
    await expire(c, day(365));
    await staffCredit(c, 300, day(366));

    expect((await expire(c, day(367))).outcome).toBe("already_expired");
    expect((await balanceOf(c)).available).toBe(300);
    // New activity starts a new period; when it runs out, the whole balance expires.
    await earn(c, 50, day(400));
    expect(await expire(c, day(764))).toEqual({ outcome: "keep", reason: "not_due" });
    expect(await expire(c, day(765))).toMatchObject({ outcome: "expired", entry: { amount: -350 } });
    expect(await expireRowsOf(c)).toHaveLength(2);
  });

  it('"any earning or redemption in between resets the clock"', async () => {
    const c = (await newCustomer()).id;
    await earn(c, 1000, t0);
    await post(c, { kind: "redeem", amount: -400, sourceType: "redemption", occurredAt: day(200) });
    // A staff adjustment is not the customer's activity.
    await staffCredit(c, 10, day(300));

    expect(await expire(c, day(365))).toEqual({ outcome: "keep", reason: "not_due" });
    expect(await expire(c, day(565))).toMatchObject({ outcome: "expired", entry: { amount: -610 } });
  });

  it('"Pending points and debts never expire"', async () => {
    const pendingOnly = (await newCustomer()).id;
    await post(pendingOnly, { amount: 800, status: "pending", availableAt: day(30), occurredAt: t0 });
    expect(await expire(pendingOnly, day(400))).toEqual({ outcome: "keep", reason: "nothing_available" });

    const both = (await newCustomer()).id;
    await post(both, { amount: 300, status: "pending", availableAt: day(900), occurredAt: t0 });
    await earn(both, 200, t0);
    expect(await expire(both, day(400))).toMatchObject({ outcome: "expired", entry: { amount: -200 } });
    expect(await balanceOf(both)).toMatchObject({ available: 0, pending: 300 });

    const inDebt = (await newCustomer()).id;
    await earn(inDebt, 100, t0);
    await post(inDebt, { kind: "refund_clawback", amount: -250, sourceType: "refund", occurredAt: t0 });
    expect(await expire(inDebt, day(400))).toEqual({ outcome: "keep", reason: "in_debt" });
    expect((await balanceOf(inDebt)).available).toBe(-150);
    expect(await expireRowsOf(inDebt)).toEqual([]);
  });

  it('"Per-shop policy: none (default)"', async () => {
    const shop = (await insertTestShop(test.db)).id;
    touchedShops.add(shop);
    const c = (await newCustomer(shop)).id;
    await earn(c, 500, t0, shop);
    expect(await expire(c, day(5000), shop)).toEqual({ outcome: "keep", reason: "policy_none" });
    expect(await test.db.transaction((tx) => customersDueForExpiry(tx, shop, day(5000)))).toEqual([]);
    expect(await warnings(day(5000), shop)).toEqual([]);
  });

  it("a member who never earned nor redeemed is inactive since joining", async () => {
    const c = (await newCustomer(shopId, { joinedAt: t0 })).id;
    await staffCredit(c, 400, day(10));
    expect(await expire(c, day(364))).toEqual({ outcome: "keep", reason: "not_due" });
    expect(await expire(c, day(365))).toMatchObject({
      outcome: "expired",
      entry: { amount: -400, idempotencyKey: `expire:${c}:${t0.toISOString()}` },
    });
  });

  it("lists the customers due for expiry, leaving out those already expired this period", async () => {
    const shop = await inactivityShop();
    const due = (await newCustomer(shop)).id;
    const recent = (await newCustomer(shop)).id;
    const empty = (await newCustomer(shop)).id;
    const expired = (await newCustomer(shop)).id;
    await earn(due, 100, t0, shop);
    await earn(recent, 100, day(100), shop);
    await earn(empty, 100, t0, shop);
    await post(empty, { kind: "redeem", amount: -100, sourceType: "redemption", occurredAt: t0 }, shop);
    await earn(expired, 100, day(-10), shop);
    await expire(expired, day(355), shop);
    await staffCredit(expired, 100, day(360), shop);

    const list = () => test.db.transaction((tx) => customersDueForExpiry(tx, shop, day(365)));
    expect(await list()).toEqual([due]);
    await expire(due, day(365), shop);
    expect(await list()).toEqual([]);
  });
});

describe("expiry warnings", () => {
  it('"A warning notification goes out 30 days before"; once per period', async () => {
    const shop = await inactivityShop();
    const c = (await newCustomer(shop)).id;
    await earn(c, 900, t0, shop);

    expect(await warnings(addDays(day(335), -1 / 86_400), shop)).toEqual([]);
    const due = await warnings(day(335), shop);
    expect(due).toEqual([
      {
        customerId: c,
        points: 900,
        expiresAt: day(365),
        idempotencyKey: `expiry-warning:${c}:${t0.toISOString()}`,
        activityAt: t0,
      },
    ]);

    const mark = () => test.db.transaction((tx) => markExpiryWarned(tx, shop, c, day(335), t0));
    expect(await mark()).toEqual({ changed: true });
    expect(await mark()).toEqual({ changed: false });
    expect(await warnings(day(340), shop)).toEqual([]);
    // Once expiry is due the expiry itself runs, not a warning.
    expect(await warnings(day(365), shop)).toEqual([]);
  });

  it('"any earning or redemption in between resets the clock": new activity makes the next warning due again', async () => {
    const shop = await inactivityShop();
    const c = (await newCustomer(shop)).id;
    await earn(c, 900, t0, shop);
    await test.db.transaction((tx) => markExpiryWarned(tx, shop, c, day(335), t0));

    await earn(c, 100, day(350), shop);
    expect(await warnings(day(360), shop)).toEqual([]);
    expect(await warnings(day(685), shop)).toMatchObject([
      { customerId: c, points: 1000, activityAt: day(350) },
    ]);
  });

  it("does not mark a warning for a period that has since ended", async () => {
    const shop = await inactivityShop();
    const c = (await newCustomer(shop)).id;
    await earn(c, 900, t0, shop);
    const [listed] = await warnings(day(340), shop);
    // The customer earns between the listing and the mark: the old period's warning is stale.
    await earn(c, 10, day(341), shop);
    expect(
      await test.db.transaction((tx) => markExpiryWarned(tx, shop, c, day(341), listed!.activityAt)),
    ).toEqual({ changed: false });
    expect(await warnings(day(676), shop)).toMatchObject([{ customerId: c, activityAt: day(341) }]);
  });

  it('"Pending points and debts never expire": no warning without a positive available balance; none for a redacted customer', async () => {
    const shop = await inactivityShop();
    const pendingOnly = (await newCustomer(shop)).id;
    await post(pendingOnly, { amount: 800, status: "pending", availableAt: day(900), occurredAt: t0 }, shop);
    const inDebt = (await newCustomer(shop)).id;
    await earn(inDebt, 100, t0, shop);
    await post(inDebt, { kind: "refund_clawback", amount: -250, sourceType: "refund" }, shop);
    const redacted = (await newCustomer(shop, { isTombstone: true })).id;
    await earn(redacted, 100, t0, shop);

    expect(await warnings(day(340), shop)).toEqual([]);
  });

  it("a member who never earned is warned by the day they became a member", async () => {
    const shop = await inactivityShop();
    // No activity and no join date: the row's own creation time (microseconds in Postgres).
    const customer = await newCustomer(shop);
    await staffCredit(customer.id, 100, customer.createdAt, shop);
    const now = addDays(customer.createdAt, 340);

    const [due] = await warnings(now, shop);
    expect(due).toMatchObject({ customerId: customer.id, activityAt: customer.createdAt });
    expect(
      await test.db.transaction((tx) => markExpiryWarned(tx, shop, customer.id, now, due!.activityAt)),
    ).toEqual({ changed: true });
  });
});
