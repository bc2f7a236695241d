import {
  decideBirthdayAward,
  DEFAULT_ACTION_POINTS,
  DEFAULT_BIRTHDAY_GRACE_DAYS,
  toLocalDate,
  type LocalDate,
} from "@loyalnest/domain";
import { and, asc, eq, gt, inArray, like, or, type SQL } from "drizzle-orm";
import type { Executor, Transaction } from "../client";
import { postLedgerEntry } from "../ledger";
import { customers, earningRules, pointsLedger, shops, shopSettings } from "../schema";
import { currentRuleVersion } from "./shop-rules";

/**
 * §4 "birthday | 200 | once per calendar year, in the shop's time zone; a birthday set less than
 * 30 days ago earns nothing this year" — the daily job's side. The domain (`decideBirthdayAward`)
 * decides each customer; this module finds the candidates and posts the awards.
 *
 * Rules chosen where §4 is silent:
 * - Candidates are members (not opt-in shops' non-members, not excluded, not GDPR tombstones) whose
 *   birthday fell today or in the domain's grace days (a missed daily run still pays, once).
 * - The points come from the shop's active `birthday` earning rule (`config.points`), and its
 *   version is recorded on the ledger row; a shop that never configured one earns the §4 default
 *   (200); a shop whose birthday rule is switched off, or whose programme is disabled, earns nothing.
 * - Idempotent per customer and year through the ledger key `birthday:<customer>:<year>`.
 */

export interface BirthdayRunResult {
  awarded: { customerId: number; points: number; year: number }[];
  /** Candidates the domain refused (already awarded, set recently, …), by reason. */
  refused: Record<string, number>;
}

interface BirthdayRule {
  points: number;
  ruleId: number | null;
  ruleVersion: number | null;
}

/**
 * Awards the birthday points due at `at` to every member of the shop, in batches of `batchSize`
 * customers, each batch in its own transaction. Running it again (the same day or during the
 * grace days) awards nothing twice.
 */
export async function awardBirthdayPoints(
  db: Executor,
  shopId: string,
  at: Date,
  options: { batchSize?: number; graceDays?: number } = {},
): Promise<BirthdayRunResult> {
  const batchSize = options.batchSize ?? 500;
  const graceDays = options.graceDays ?? DEFAULT_BIRTHDAY_GRACE_DAYS;
  const result: BirthdayRunResult = { awarded: [], refused: {} };
  const setup = await db.transaction(async (tx) => loadBirthdaySetup(tx, shopId));
  if (!setup.rule) return result;
  const dates = birthdayDates(at, setup.timeZone, graceDays);
  let afterId = 0;
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const rows = await birthdayCandidates(tx, shopId, dates, afterId, batchSize);
      await awardBatch(tx, shopId, rows, at, setup.timeZone, setup.rule!, graceDays, result);
      return rows;
    });
    if (batch.length < batchSize) return result;
    afterId = batch[batch.length - 1]!.id;
  }
}

async function loadBirthdaySetup(tx: Transaction, shopId: string) {
  const [shop] = await tx
    .select({ timeZone: shops.timezone, enabled: shopSettings.programmeEnabled })
    .from(shops)
    .innerJoin(shopSettings, eq(shopSettings.shopId, shops.id))
    .where(eq(shops.id, shopId));
  if (!shop) throw new Error(`shop ${shopId} has no settings`);
  return { timeZone: shop.timeZone, rule: shop.enabled ? await birthdayRule(tx, shopId) : null };
}

/** The shop's birthday rule (see the module note); null when birthdays earn nothing. */
async function birthdayRule(tx: Transaction, shopId: string): Promise<BirthdayRule | null> {
  const current = await currentRuleVersion(tx, shopId, "birthday");
  if (current) {
    const points = current.config.points;
    const valid = typeof points === "number" && Number.isSafeInteger(points) && points > 0;
    return {
      points: valid ? points : DEFAULT_ACTION_POINTS.birthday,
      ruleId: current.ruleId,
      ruleVersion: current.version,
    };
  }
  const [anyRule] = await tx
    .select({ id: earningRules.id })
    .from(earningRules)
    .where(and(eq(earningRules.shopId, shopId), eq(earningRules.kind, "birthday")))
    .limit(1);
  return anyRule ? null : { points: DEFAULT_ACTION_POINTS.birthday, ruleId: null, ruleVersion: null };
}

/**
 * The (month, day) pairs whose birthday falls in the last `graceDays + 1` shop-local days. On
 * 28 February of a common year, 29 February birthdays are celebrated (domain `birthdayInYear`).
 */
export function birthdayDates(at: Date, timeZone: string, graceDays: number): LocalDate[] {
  const today = toLocalDate(at, timeZone);
  const dates: LocalDate[] = [];
  for (let back = 0; back <= graceDays; back++) {
    // Calendar arithmetic on the local date, so a 23- or 25-hour DST day is neither skipped nor repeated.
    const d = new Date(Date.UTC(today.year, today.month - 1, today.day - back));
    const day = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
    dates.push(day);
    const leap = (day.year % 4 === 0 && day.year % 100 !== 0) || day.year % 400 === 0;
    if (day.month === 2 && day.day === 28 && !leap) dates.push({ ...day, day: 29 });
  }
  return dedupe(dates);
}

const dedupe = (dates: LocalDate[]) => [
  ...new Map(dates.map((d) => [`${d.year}-${d.month}-${d.day}`, d])).values(),
];

async function birthdayCandidates(
  tx: Transaction,
  shopId: string,
  dates: LocalDate[],
  afterId: number,
  limit: number,
) {
  const onDates: SQL[] = dates.map((d) =>
    and(eq(customers.birthdayMonth, d.month), eq(customers.birthdayDay, d.day))!,
  );
  return tx
    .select({
      id: customers.id,
      month: customers.birthdayMonth,
      day: customers.birthdayDay,
      setAt: customers.birthdaySetAt,
    })
    .from(customers)
    .where(
      and(
        eq(customers.shopId, shopId),
        or(...onDates),
        eq(customers.membershipStatus, "member"),
        eq(customers.isTombstone, false),
        gt(customers.id, afterId),
      ),
    )
    .orderBy(asc(customers.id))
    .limit(limit);
}

/** Years already rewarded, per customer, from the ledger keys `birthday:<id>:<year>`. */
async function awardedYears(tx: Transaction, shopId: string, ids: number[]) {
  const rows =
    ids.length === 0
      ? []
      : await tx
          .select({ customerId: pointsLedger.customerId, key: pointsLedger.idempotencyKey })
          .from(pointsLedger)
          .where(
            and(
              eq(pointsLedger.shopId, shopId),
              inArray(pointsLedger.customerId, ids),
              eq(pointsLedger.sourceType, "birthday"),
              like(pointsLedger.idempotencyKey, "birthday:%"),
            ),
          );
  const years = new Map<number, number[]>();
  for (const row of rows) {
    const year = Number(row.key.split(":").at(-1));
    if (Number.isInteger(year)) years.set(row.customerId, [...(years.get(row.customerId) ?? []), year]);
  }
  return years;
}

async function awardBatch(
  tx: Transaction,
  shopId: string,
  rows: Awaited<ReturnType<typeof birthdayCandidates>>,
  at: Date,
  timeZone: string,
  rule: BirthdayRule,
  graceDays: number,
  result: BirthdayRunResult,
) {
  const years = await awardedYears(
    tx,
    shopId,
    rows.map((r) => r.id),
  );
  for (const row of rows) {
    const decision = decideBirthdayAward({
      customerId: String(row.id),
      birthday: row.month !== null && row.day !== null ? { month: row.month, day: row.day } : null,
      birthdaySetAt: row.setAt,
      now: at,
      timeZone,
      awardedYears: years.get(row.id) ?? [],
      points: rule.points,
      graceDays,
    });
    if (decision.outcome === "no_award") {
      result.refused[decision.reason] = (result.refused[decision.reason] ?? 0) + 1;
      continue;
    }
    const posted = await postLedgerEntry(tx, shopId, {
      customerId: row.id,
      kind: "earn",
      amount: decision.points,
      status: "available",
      sourceType: "birthday",
      sourceId: decision.idempotencyKey.split(":").at(-1) ?? null,
      idempotencyKey: decision.idempotencyKey,
      earningRuleId: rule.ruleId,
      earningRuleVersion: rule.ruleVersion,
      reason: "birthday",
      actorType: "system",
      occurredAt: at,
    });
    if (posted.outcome === "applied") {
      result.awarded.push({
        customerId: row.id,
        points: decision.points,
        year: Number(posted.entry.sourceId),
      });
    }
  }
}

/** For tests and the admin: the customer's birthday ledger rows. */
export function birthdayEntriesOf(db: Executor, shopId: string, customerId: number) {
  return db
    .select()
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.shopId, shopId),
        eq(pointsLedger.customerId, customerId),
        eq(pointsLedger.sourceType, "birthday"),
      ),
    )
    .orderBy(asc(pointsLedger.occurredAt));
}
