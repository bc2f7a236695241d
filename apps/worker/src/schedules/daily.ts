import {
  awardBirthdayPoints,
  customersDueForExpiry,
  dueExpiryWarnings,
  duePendingEntryIds,
  expireInactiveBalance,
  markExpiryWarned,
  releaseExpiredUnusedCodes,
  releasePendingEntry,
  schema,
  type Transaction,
} from "@loyalnest/db";
import { deleteDiscountCode, type AdminGraphqlClient } from "@loyalnest/shopify";
import { and, asc, eq, inArray, lte } from "drizzle-orm";
import { customersChanged, deadline, type ScheduleDeps } from "./context";

const BATCH = 200;

export interface DailyResult {
  birthdays: number;
  pendingReleased: number;
  warnings: { queued: number; skippedNoConsent: number };
  expired: number;
  codesReleased: number;
  /** Steps that stopped at the time budget (the next run, or a retry, finishes them). */
  unfinished: string[];
}

/**
 * The daily run of one shop at `at`: birthday points (§4), pending points whose date has come
 * (§3), "points about to expire" warnings and expiry by inactivity (§6), and unused reward codes
 * deleted in Shopify with their points returned (§5). Each step works in bounded batches, one
 * transaction per batch, and is idempotent, so a retry or a second run the same day changes nothing
 * that is already done.
 */
export async function runDaily(deps: ScheduleDeps, shopId: string, at: Date): Promise<DailyResult> {
  const expired = deadline(deps);
  const unfinished: string[] = [];
  const birthdays = await awardBirthdayPoints(deps.db, shopId, at);
  await customersChanged(
    deps,
    shopId,
    birthdays.awarded.map((a) => a.customerId),
  );
  const pendingReleased = await releasePending(deps, shopId, at, expired, unfinished);
  const warnings = await sendExpiryWarnings(deps, shopId, at, expired, unfinished);
  const expiredCount = await expireBalances(deps, shopId, at, expired, unfinished);
  const codesReleased = await releaseUnusedCodes(deps, shopId, at, expired, unfinished);
  return {
    birthdays: birthdays.awarded.length,
    pendingReleased,
    warnings,
    expired: expiredCount,
    codesReleased,
    unfinished,
  };
}

type Expired = () => boolean;

async function releasePending(
  deps: ScheduleDeps,
  shopId: string,
  at: Date,
  expired: Expired,
  unfinished: string[],
) {
  let released = 0;
  for (;;) {
    const changed = await deps.db.transaction(async (tx) => {
      const ids = await duePendingEntryIds(tx, shopId, at, BATCH);
      const owners = await entryOwners(tx, shopId, ids);
      const moved: number[] = [];
      for (const id of ids) if ((await releasePendingEntry(tx, shopId, id, at)).changed) moved.push(id);
      return { count: ids.length, customers: moved.map((id) => owners.get(id)!) };
    });
    released += changed.customers.length;
    await customersChanged(deps, shopId, changed.customers);
    if (changed.count < BATCH) return released;
    if (expired()) return unfinishedStep(unfinished, "pending", released);
  }
}

async function entryOwners(tx: Transaction, shopId: string, ids: number[]) {
  const { pointsLedger } = schema;
  if (ids.length === 0) return new Map<number, number>();
  const rows = await tx
    .select({ id: pointsLedger.id, customerId: pointsLedger.customerId })
    .from(pointsLedger)
    .where(and(eq(pointsLedger.shopId, shopId), inArray(pointsLedger.id, ids)));
  return new Map(rows.map((r) => [r.id, r.customerId]));
}

/**
 * §6 "A warning notification goes out 30 days before": one `notification_log` row per inactivity
 * period (the domain's key), `queued` for the mailer when the shopper consents to marketing,
 * otherwise `skipped_no_consent` (§13 "notifications to a shopper honour it"). The customer is
 * marked warned in the same transaction, so the warning is decided exactly once.
 */
async function sendExpiryWarnings(
  deps: ScheduleDeps,
  shopId: string,
  at: Date,
  expired: Expired,
  unfinished: string[],
) {
  const counts = { queued: 0, skippedNoConsent: 0 };
  for (;;) {
    const due = await deps.db.transaction(async (tx) => {
      const warnings = await dueExpiryWarnings(tx, shopId, at, BATCH);
      const recipients = await consentAndLocale(
        tx,
        shopId,
        warnings.map((w) => w.customerId),
      );
      for (const warning of warnings) {
        const recipient = recipients.get(warning.customerId);
        const status = recipient?.consent === "subscribed" ? "queued" : "skipped_no_consent";
        const inserted = await tx
          .insert(schema.notificationLog)
          .values({
            shopId,
            customerId: warning.customerId,
            kind: "expiry_warning",
            locale: recipient?.locale ?? "en",
            status,
            idempotencyKey: warning.idempotencyKey,
          })
          .onConflictDoNothing()
          .returning({ id: schema.notificationLog.id });
        await markExpiryWarned(tx, shopId, warning.customerId, at, warning.activityAt);
        if (inserted.length > 0) counts[status === "queued" ? "queued" : "skippedNoConsent"]++;
      }
      return warnings.length;
    });
    if (due < BATCH) return counts;
    if (expired()) return unfinishedStep(unfinished, "expiry_warnings", counts);
  }
}

async function consentAndLocale(tx: Transaction, shopId: string, ids: number[]) {
  const { customers, shops } = schema;
  if (ids.length === 0) return new Map<number, { consent: string; locale: string }>();
  const rows = await tx
    .select({
      id: customers.id,
      consent: customers.marketingConsent,
      locale: customers.locale,
      shopLocale: shops.primaryLocale,
    })
    .from(customers)
    .innerJoin(shops, eq(shops.id, customers.shopId))
    .where(and(eq(customers.shopId, shopId), inArray(customers.id, ids)));
  return new Map(rows.map((r) => [r.id, { consent: r.consent, locale: r.locale ?? r.shopLocale }]));
}

/** §6 expiry by inactivity: each due customer's whole available balance, once per period. */
async function expireBalances(
  deps: ScheduleDeps,
  shopId: string,
  at: Date,
  expired: Expired,
  unfinished: string[],
) {
  let count = 0;
  for (;;) {
    const batch = await deps.db.transaction(async (tx) => {
      const ids = await customersDueForExpiry(tx, shopId, at, BATCH);
      const done: number[] = [];
      for (const id of ids)
        if ((await expireInactiveBalance(tx, shopId, id, at)).outcome === "expired") done.push(id);
      return { listed: ids.length, done };
    });
    count += batch.done.length;
    await customersChanged(deps, shopId, batch.done);
    // A listed customer the domain keeps would be listed again: stop rather than spin.
    if (batch.listed < BATCH || batch.done.length === 0) return count;
    if (expired()) return unfinishedStep(unfinished, "expiry", count);
  }
}

/**
 * §5 "A code that expires unused is deleted and its points are returned automatically". The codes
 * are deleted in Shopify first, outside any transaction (no lock is held across HTTP), then the
 * same redemptions — same `at`, order and limit — are released in the database. A crash between
 * the two leaves issued redemptions whose codes are gone; the retry deletes again (Shopify answers
 * with a userError for a missing code, which counts as done) and releases them. With the shop's
 * setting off nothing is deleted or released.
 */
async function releaseUnusedCodes(
  deps: ScheduleDeps,
  shopId: string,
  at: Date,
  expired: Expired,
  unfinished: string[],
) {
  const domain = await shopDomainIfReleasing(deps, shopId);
  if (!domain) return 0;
  let count = 0;
  for (;;) {
    const candidates = await expiredIssuedCodes(deps, shopId, at, BATCH);
    for (const c of candidates)
      if (c.shopifyDiscountId) await deleteCode(deps.admin, domain, c.shopifyDiscountId);
    const released = await deps.db.transaction((tx) => releaseExpiredUnusedCodes(tx, shopId, at, BATCH));
    count += released.length;
    await customersChanged(
      deps,
      shopId,
      released.map((r) => r.customerId),
    );
    if (candidates.length < BATCH || released.length === 0) return count;
    if (expired()) return unfinishedStep(unfinished, "unused_codes", count);
  }
}

async function shopDomainIfReleasing(deps: ScheduleDeps, shopId: string) {
  const { shops, shopSettings } = schema;
  const [row] = await deps.db
    .select({ domain: shops.domain, release: shopSettings.releaseUnusedCodes })
    .from(shops)
    .innerJoin(shopSettings, eq(shopSettings.shopId, shops.id))
    .where(eq(shops.id, shopId));
  return row?.release ? row.domain : null;
}

/** The redemptions releaseExpiredUnusedCodes will take, in its order. */
function expiredIssuedCodes(deps: ScheduleDeps, shopId: string, at: Date, limit: number) {
  const { redemptions } = schema;
  return deps.db
    .select({ id: redemptions.id, shopifyDiscountId: redemptions.shopifyDiscountId })
    .from(redemptions)
    .where(
      and(eq(redemptions.shopId, shopId), eq(redemptions.status, "issued"), lte(redemptions.expiresAt, at)),
    )
    .orderBy(asc(redemptions.expiresAt), asc(redemptions.id))
    .limit(limit);
}

async function deleteCode(admin: AdminGraphqlClient, shop: string, discountId: string) {
  // A refusal means the code is already gone (deleted by staff, or by an earlier attempt).
  await deleteDiscountCode(admin, shop, discountId);
}

function unfinishedStep<T>(unfinished: string[], step: string, value: T): T {
  unfinished.push(step);
  return value;
}
