import {
  addDays,
  decideExpiry,
  decideExpiryWarning,
  DEFAULT_EXPIRY_WARNING_DAYS,
  expiryKey,
  type ExpiryPolicy,
  type KeepReason,
} from "@loyalnest/domain";
import { and, asc, eq, gt, isNull, not, sql, type SQL } from "drizzle-orm";
import type { Transaction } from "../client";
import { lockBalance, postLedgerEntry, requireEntry, type BalanceRow, type LedgerEntry } from "../ledger";
import { customers, pointBalances, pointsLedger } from "../schema";
import { UnknownCustomerError } from "./redemptions";
import { loadShopRules } from "./shop-rules";

/**
 * The start of the customer's inactivity period: the last earning or redemption, or — for a
 * member who has never earned nor redeemed (e.g. a balance from staff adjustments only) — the
 * day they joined, else the day the row was created. "Neither earned nor redeemed for N days"
 * then holds for them too, instead of their balance never expiring.
 */
const activityClock =
  sql<Date>`coalesce(${customers.lastActivityAt}, ${customers.joinedAt}, ${customers.createdAt})`.mapWith(
    customers.lastActivityAt,
  );

/** `clock <op> instant`, the instant bound as an exact timestamptz. */
const clockCompared = (op: "<=" | ">" | "=", instant: Date): SQL =>
  sql`date_trunc('milliseconds', ${activityClock}) ${sql.raw(op)} ${instant.toISOString()}::timestamptz`;

export type ExpireInactiveBalanceResult =
  /** The whole available balance expired as one `expire` row. */
  | { outcome: "expired"; entry: LedgerEntry; balance: BalanceRow }
  /**
   * This inactivity period already expired once. Points credited since (a staff re-credit, a
   * returned reservation) stay until the customer is active and then inactive again.
   */
  | { outcome: "already_expired"; entry: LedgerEntry }
  | { outcome: "keep"; reason: KeepReason };

/**
 * Expiry by inactivity: when the customer has neither earned nor redeemed for the shop's N days,
 * the whole available balance expires as one `expire` row. Pending points and debts never expire.
 * Keyed per inactivity period (customer + the activity instant that started it), so the nightly
 * job may run any number of times and the period expires once.
 */
export async function expireInactiveBalance(
  tx: Transaction,
  shopId: string,
  customerId: number,
  now: Date,
): Promise<ExpireInactiveBalanceResult> {
  const policy = (await loadShopRules(tx, shopId)).expiry;
  if (policy.kind === "none") return { outcome: "keep", reason: "policy_none" };
  await loadActivityClock(tx, shopId, customerId);
  const balance = await lockBalance(tx, shopId, customerId);
  // Read again under the balance lock: every earning or redemption moves the clock under it.
  const clock = await loadActivityClock(tx, shopId, customerId);

  // Asked before the domain: after the expiry the balance is usually zero, and a replay should
  // say what happened rather than "nothing available".
  const earlier = await findEntryByKey(tx, shopId, expiryKey(String(customerId), clock));
  if (earlier) return { outcome: "already_expired", entry: earlier };

  const decision = decideExpiry(
    { customerId: String(customerId), availablePoints: balance.available, pendingPoints: balance.pending },
    clock,
    now,
    policy,
  );
  if (decision.outcome === "keep") return decision;

  const posted = await postLedgerEntry(tx, shopId, {
    customerId,
    kind: "expire",
    amount: -decision.points,
    status: "available",
    sourceType: "system",
    idempotencyKey: decision.idempotencyKey,
    reason: "inactivity",
    actorType: "system",
    occurredAt: now,
  });
  // Exactly the available balance under its lock: the ledger cannot refuse it.
  return { outcome: "expired", entry: requireEntry(posted), balance: posted.balance };
}

/**
 * Customers whose inactivity period has run out and whose positive balance has not yet expired
 * in this period (no `expire` row since the period began): the nightly job's work list, each
 * item then passed to expireInactiveBalance. At most `limit`, longest inactive first.
 */
export async function customersDueForExpiry(
  tx: Transaction,
  shopId: string,
  now: Date,
  limit = 500,
): Promise<number[]> {
  const policy = (await loadShopRules(tx, shopId)).expiry;
  if (policy.kind === "none") return [];
  const expiredThisPeriod = sql`exists (
    select 1 from ${pointsLedger}
    where ${pointsLedger.shopId} = ${customers.shopId} and ${pointsLedger.customerId} = ${customers.id}
      and ${pointsLedger.kind} = 'expire' and ${pointsLedger.occurredAt} >= ${activityClock})`;
  const rows = await tx
    .select({ id: customers.id })
    .from(customers)
    .innerJoin(pointBalances, balanceOfCustomer)
    .where(
      and(
        eq(customers.shopId, shopId),
        gt(pointBalances.available, 0),
        clockCompared("<=", addDays(now, -policy.inactivityDays)),
        not(expiredThisPeriod),
      ),
    )
    .orderBy(asc(activityClock), asc(customers.id))
    .limit(limit);
  return rows.map((row) => row.id);
}

export interface ExpiryWarningDue {
  customerId: number;
  /** The available balance that will expire. */
  points: number;
  expiresAt: Date;
  /** The notification's idempotency key (one warning per inactivity period). */
  idempotencyKey: string;
  /** The start of the inactivity period; pass it to markExpiryWarned. */
  activityAt: Date;
}

/**
 * Customers whose "points about to expire" warning is due (inside the warning window, with a
 * positive available balance) and not yet sent in this period (`expiry_warned_at` is null; any
 * earning or redemption clears it). Redacted customers are left out: there is no one to tell.
 * At most `limit`, the soonest expiry first.
 */
export async function dueExpiryWarnings(
  tx: Transaction,
  shopId: string,
  now: Date,
  limit = 500,
): Promise<ExpiryWarningDue[]> {
  const policy = (await loadShopRules(tx, shopId)).expiry;
  if (policy.kind === "none") return [];
  const { warnFrom, expiredBefore } = warningWindow(policy, now);
  const rows = await tx
    .select({
      customerId: customers.id,
      clock: activityClock,
      available: pointBalances.available,
      pending: pointBalances.pending,
    })
    .from(customers)
    .innerJoin(pointBalances, balanceOfCustomer)
    .where(
      and(
        eq(customers.shopId, shopId),
        isNull(customers.expiryWarnedAt),
        eq(customers.isTombstone, false),
        gt(pointBalances.available, 0),
        clockCompared("<=", warnFrom),
        clockCompared(">", expiredBefore),
      ),
    )
    .orderBy(asc(activityClock), asc(customers.id))
    .limit(limit);

  const due: ExpiryWarningDue[] = [];
  for (const row of rows) {
    const activityAt = new Date(row.clock);
    // The query narrows the candidates; the domain decides.
    const decision = decideExpiryWarning(
      { customerId: String(row.customerId), availablePoints: row.available, pendingPoints: row.pending },
      activityAt,
      now,
      policy,
    );
    if (decision.outcome !== "warn") continue;
    const { points, expiresAt, idempotencyKey } = decision;
    due.push({ customerId: row.customerId, points, expiresAt, idempotencyKey, activityAt });
  }
  return due;
}

/**
 * The warning was sent: it is not due again until new activity starts a new period. With
 * `activityAt` (from dueExpiryWarnings) the mark only lands if that period is still current, so
 * activity between listing and marking does not swallow the next period's warning. Idempotent.
 */
export async function markExpiryWarned(
  tx: Transaction,
  shopId: string,
  customerId: number,
  at: Date,
  activityAt?: Date,
): Promise<{ changed: boolean }> {
  // Compared at millisecond precision: the instant came back through JavaScript's Date.
  const samePeriod = activityAt === undefined ? undefined : clockCompared("=", activityAt);
  const rows = await tx
    .update(customers)
    .set({ expiryWarnedAt: at, updatedAt: sql`now()` })
    .where(
      and(
        eq(customers.shopId, shopId),
        eq(customers.id, customerId),
        isNull(customers.expiryWarnedAt),
        samePeriod,
      ),
    )
    .returning({ id: customers.id });
  return { changed: rows.length > 0 };
}

const balanceOfCustomer = and(
  eq(pointBalances.shopId, customers.shopId),
  eq(pointBalances.customerId, customers.id),
);

/**
 * The activity instants whose warning is due at `now`: the warning goes out `warningDaysBefore`
 * days before expiry (never before the activity itself), and not once expiry is due.
 */
function warningWindow(policy: Extract<ExpiryPolicy, { kind: "inactivity" }>, now: Date) {
  const warningDays = policy.warningDaysBefore ?? DEFAULT_EXPIRY_WARNING_DAYS;
  return {
    warnFrom: addDays(now, -Math.max(0, policy.inactivityDays - warningDays)),
    expiredBefore: addDays(now, -policy.inactivityDays),
  };
}

async function loadActivityClock(tx: Transaction, shopId: string, customerId: number): Promise<Date> {
  const [row] = await tx
    .select({ clock: activityClock })
    .from(customers)
    .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)));
  if (!row) throw new UnknownCustomerError(customerId);
  return new Date(row.clock);
}

async function findEntryByKey(tx: Transaction, shopId: string, key: string) {
  const [entry] = await tx
    .select()
    .from(pointsLedger)
    .where(and(eq(pointsLedger.shopId, shopId), eq(pointsLedger.idempotencyKey, key)));
  return entry;
}
