import {
  evaluateTierNightly,
  evaluateTierOnEvent,
  isPinActive,
  pinTier,
  previewTierChange,
  tierEntryRewardKey,
  tierWindowStart,
  unpinTier,
  type CustomerTierState,
  type Tier,
  type TierChange,
  type TierMetric,
  type TierPreview,
  type TierWindow,
} from "@loyalnest/domain";
import {
  and,
  eq,
  gte,
  inArray,
  isNotNull,
  isNull,
  lte,
  ne,
  or,
  sql,
  type Placeholder,
  type SQL,
} from "drizzle-orm";
import { oncePerDatabase, type Database, type Executor, type Transaction } from "../client";
import { lockBalance, lockBalanceIfPresent } from "../ledger/balance-lock";
import { postLedgerEntry, requireEntry } from "../ledger/post-entry";
import {
  auditLog,
  customers,
  orderSummaries,
  pointsLedger,
  redemptions,
  shops,
  shopSettings,
  tierHistory,
  vipTiers,
} from "../schema";

/**
 * VIP tiers (§8) on the database: the qualifying metric computed in SQL, immediate upgrades on
 * earning, the nightly downgrade / pin-expiry evaluation, staff pins, and the threshold preview.
 *
 * Every function that may change a tier takes the customer's balance lock first (the same lock
 * every ledger write takes), so tier decisions and ledger writes on one customer serialize and
 * always lock in the same order (balance, then customer row) — no two paths can deadlock.
 *
 * Rules chosen where §8 is silent:
 * - Points earned = non-void `earn`, `import` and `refund_clawback` rows in the window, plus
 *   `reversal` rows that undo earning (every reversal except a redemption's returned points), so a
 *   reversed referral or cancelled order stops counting. Entry rewards (`tier_entry`) do not count:
 *   entering a tier must never by itself lift the customer into the next one.
 * - Amount spent = Σ (total − refunded) of the customer's paid, not cancelled orders whose payment
 *   falls in the window — what Shopify shows as the customer's "amount spent", in shop currency.
 * - The window is [window start, `at`]: rows dated after `at` do not count yet.
 * - Only members move by evaluation: a customer who has not joined (opt-in shops), an excluded
 *   customer or a GDPR tombstone is never upgraded, downgraded or rewarded by events or the
 *   nightly run (staff may still pin them explicitly).
 * - Entry rewards of the points kind are credited here; a catalogue-reward entry reward is left in
 *   the returned change (`entryReward.rewardId`) for the redemption service to issue under the same key.
 */

export type { TierChange } from "@loyalnest/domain";

/** A staff member's action on a customer's tier is refused (unknown customer or tier). */
export class TierServiceError extends Error {
  override name = "TierServiceError";
}

interface TierSettings {
  metric: TierMetric;
  window: TierWindow;
  retentionDays: number;
  timeZone: string;
}

/** A query parameter given now, or bound later to a prepared statement (see `tierMetricValue`). */
type Param<T> = T | Placeholder;

function tierSettingsQuery(tx: Executor, shopId: Param<string>) {
  return tx
    .select({
      metric: shopSettings.tierMetric,
      window: shopSettings.tierWindow,
      retentionDays: shopSettings.tierRetentionDays,
      timeZone: shops.timezone,
    })
    .from(shops)
    .innerJoin(shopSettings, eq(shopSettings.shopId, shops.id))
    .where(eq(shops.id, shopId));
}

async function loadTierSettings(tx: Executor, shopId: string): Promise<TierSettings> {
  return settingsOrThrow(await tierSettingsQuery(tx, shopId), shopId);
}

function settingsOrThrow(rows: TierSettings[], shopId: string): TierSettings {
  if (!rows[0]) throw new TierServiceError(`shop ${shopId} has no settings`);
  return rows[0];
}

/** The shop's tiers as the domain reads them (inactive ones included: the domain filters them). */
async function loadTiers(tx: Transaction, shopId: string): Promise<Tier[]> {
  return tx
    .select({
      id: vipTiers.id,
      name: vipTiers.name,
      threshold: vipTiers.threshold,
      earnMultiplierBp: vipTiers.earnMultiplierBp,
      entryRewardPoints: vipTiers.entryRewardPoints,
      entryRewardId: vipTiers.entryRewardId,
      active: vipTiers.active,
    })
    .from(vipTiers)
    .where(eq(vipTiers.shopId, shopId));
}

const tierStateColumns = {
  customerId: customers.id,
  tierId: customers.tierId,
  tierAchievedAt: customers.tierAchievedAt,
  tierPinned: customers.tierPinned,
  tierPinnedUntil: customers.tierPinnedUntil,
};

/**
 * Locks the customer (balance first, see the module note) and reads their tier columns, and
 * whether evaluation may move them (members only, see the module note).
 */
async function lockTierState(
  tx: Transaction,
  shopId: string,
  customerId: number,
): Promise<CustomerTierState & { evaluable: boolean }> {
  // Nearly every caller has a balance row already: locking it proves the customer exists.
  if (!(await lockBalanceIfPresent(tx, shopId, customerId))) {
    const [exists] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)));
    if (!exists) throw new TierServiceError(`customer ${customerId} does not exist in this shop`);
    await lockBalance(tx, shopId, customerId);
  }
  const [row] = await tx
    .select({
      ...tierStateColumns,
      membershipStatus: customers.membershipStatus,
      isTombstone: customers.isTombstone,
    })
    .from(customers)
    .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)))
    .for("update");
  const { membershipStatus, isTombstone, ...state } = row!;
  return { ...state, evaluable: membershipStatus === "member" && !isTombstone };
}

/** Ledger rows that count as "points earned" for tiers (see the module note). */
const countsAsEarnedForTiers = or(
  and(
    inArray(pointsLedger.kind, ["earn", "import", "refund_clawback"]),
    ne(pointsLedger.sourceType, "tier_entry"),
  ),
  and(eq(pointsLedger.kind, "reversal"), ne(pointsLedger.sourceType, "redemption")),
);

/**
 * The qualifying metric of every customer (or one) at `at`, computed in SQL. Customers without
 * any qualifying row are absent from the map (their metric is 0). Never below zero.
 */
async function metricValues(
  tx: Executor,
  shopId: string,
  settings: TierSettings,
  at: Date,
  customerId?: number,
): Promise<Map<number, number>> {
  const start = tierWindowStart(settings.window, at, settings.timeZone);
  const rows =
    settings.metric === "points_earned"
      ? await pointsEarnedRows(tx, shopId, start, at, customerId)
      : await amountSpentRows(tx, shopId, start, at, customerId);
  return new Map(rows.map((r) => [r.customerId, r.value]));
}

function pointsEarnedRows(
  tx: Executor,
  shopId: Param<string>,
  start: Param<Date> | null,
  at: Param<Date>,
  customerId: Param<number> | undefined,
) {
  const conditions: (SQL | undefined)[] = [
    eq(pointsLedger.shopId, shopId),
    customerId === undefined ? undefined : eq(pointsLedger.customerId, customerId),
    ne(pointsLedger.status, "void"),
    lte(pointsLedger.occurredAt, at),
    start ? gte(pointsLedger.occurredAt, start) : undefined,
    countsAsEarnedForTiers,
  ];
  return tx
    .select({
      customerId: pointsLedger.customerId,
      value: sql<number>`greatest(0, coalesce(sum(${pointsLedger.amount}), 0))::bigint`.mapWith(Number),
    })
    .from(pointsLedger)
    .where(and(...conditions))
    .groupBy(pointsLedger.customerId);
}

async function amountSpentRows(
  tx: Executor,
  shopId: string,
  start: Date | null,
  at: Date,
  customerId: number | undefined,
) {
  const rows = await amountSpentQuery(tx, shopId, start, at, customerId);
  return rows.map((r) => ({ customerId: r.customerId!, value: r.value }));
}

function amountSpentQuery(
  tx: Executor,
  shopId: Param<string>,
  start: Param<Date> | null,
  at: Param<Date>,
  customerId: Param<number> | undefined,
) {
  const conditions: (SQL | undefined)[] = [
    eq(orderSummaries.shopId, shopId),
    customerId === undefined
      ? isNotNull(orderSummaries.customerId)
      : eq(orderSummaries.customerId, customerId),
    isNotNull(orderSummaries.paidAt),
    isNull(orderSummaries.cancelledAt),
    lte(orderSummaries.paidAt, at),
    start ? gte(orderSummaries.paidAt, start) : undefined,
  ];
  return tx
    .select({
      customerId: orderSummaries.customerId,
      value:
        sql<number>`greatest(0, coalesce(sum(greatest(${orderSummaries.totalMinor} - ${orderSummaries.refundedMinor}, 0)), 0))::bigint`.mapWith(
          Number,
        ),
    })
    .from(orderSummaries)
    .where(and(...conditions))
    .groupBy(orderSummaries.customerId);
}

/**
 * The statements of `tierMetricValue`, prepared once per database handle: it runs on every
 * shopper-state load (each cache miss, and each active shopper's reload every few minutes), and
 * drizzle would otherwise rebuild the same SQL each time. Built by the same functions as the
 * transactional path, with placeholders for the values.
 */
const tierMetricStatements = oncePerDatabase((db) => {
  const shopId = sql.placeholder("shopId");
  const customerId = sql.placeholder("customerId");
  const at = sql.placeholder("at");
  const start = sql.placeholder("start");
  return {
    settings: tierSettingsQuery(db, shopId).prepare("tier_settings"),
    points_earned: {
      windowed: pointsEarnedRows(db, shopId, start, at, customerId).prepare("tier_points_earned_windowed"),
      lifetime: pointsEarnedRows(db, shopId, null, at, customerId).prepare("tier_points_earned_lifetime"),
    },
    amount_spent: {
      windowed: amountSpentQuery(db, shopId, start, at, customerId).prepare("tier_amount_spent_windowed"),
      lifetime: amountSpentQuery(db, shopId, null, at, customerId).prepare("tier_amount_spent_lifetime"),
    },
  };
});

/**
 * §8 "The qualifying metric is points earned or amount spent, over a window: lifetime, rolling 12
 * months, or calendar year (per shop)." The customer's value at `at`, computed in SQL.
 */
export async function tierMetricValue(
  db: Database,
  shopId: string,
  customerId: number,
  at: Date,
): Promise<number> {
  const statements = tierMetricStatements(db);
  const settings = settingsOrThrow(await statements.settings.execute({ shopId }), shopId);
  const start = tierWindowStart(settings.window, at, settings.timeZone);
  const byMetric = statements[settings.metric];
  // A placeholder skips the column's encoding, so times are bound as the text drizzle would send.
  const times = { at: at.toISOString(), start: start?.toISOString() };
  const statement = start ? byMetric.windowed : byMetric.lifetime;
  const rows = await statement.execute({ shopId, customerId, ...times });
  return rows[0]?.value ?? 0;
}

/** Tiers whose entry reward the customer already received (points in the ledger, or a reward redemption). */
async function grantedEntryTierIds(
  tx: Transaction,
  shopId: string,
  customerId: number,
  tiers: readonly Tier[],
): Promise<Set<number>> {
  if (tiers.length === 0) return new Set();
  const keyToTier = new Map(tiers.map((t) => [tierEntryRewardKey(t.id, customerId), t.id]));
  const keys = [...keyToTier.keys()];
  const inLedger = await tx
    .select({ key: pointsLedger.idempotencyKey })
    .from(pointsLedger)
    .where(and(eq(pointsLedger.shopId, shopId), inArray(pointsLedger.idempotencyKey, keys)));
  const inRedemptions = await tx
    .select({ key: redemptions.idempotencyKey })
    .from(redemptions)
    .where(and(eq(redemptions.shopId, shopId), inArray(redemptions.idempotencyKey, keys)));
  return new Set([...inLedger, ...inRedemptions].map((r) => keyToTier.get(r.key)!));
}

interface ChangeActor {
  actorType: "system" | "staff";
  actorId: string | null;
  note: string | null;
}

const SYSTEM: ChangeActor = { actorType: "system", actorId: null, note: null };

/**
 * Writes a decided change: the history row first — its idempotency key is the gate, so a replay
 * (key already present) changes nothing and returns null — then the customer's tier columns and
 * the entry reward points. Returns the new history row's id.
 */
async function recordTierChange(
  tx: Transaction,
  shopId: string,
  change: TierChange,
  actor: ChangeActor,
): Promise<number | null> {
  const inserted = await tx
    .insert(tierHistory)
    .values({
      shopId,
      customerId: change.customerId,
      fromTierId: change.fromTierId,
      toTierId: change.toTierId,
      reason: change.reason,
      metricValue: change.metricValue,
      pinnedUntil: change.pinnedUntil,
      note: actor.note,
      actorType: actor.actorType,
      actorId: actor.actorId,
      idempotencyKey: change.idempotencyKey,
      createdAt: change.at,
    })
    .onConflictDoNothing()
    .returning({ id: tierHistory.id });
  if (!inserted[0]) return null;

  const next = change.nextState;
  await tx
    .update(customers)
    .set({
      tierId: next.tierId,
      tierAchievedAt: next.tierAchievedAt,
      tierPinned: next.tierPinned,
      tierPinnedUntil: next.tierPinnedUntil,
      updatedAt: change.at,
    })
    .where(and(eq(customers.shopId, shopId), eq(customers.id, change.customerId)));
  await grantEntryPoints(tx, shopId, change);
  return inserted[0].id;
}

/** §8 "an entry reward … granted once per tier per customer": the ledger key makes it once. */
async function grantEntryPoints(tx: Transaction, shopId: string, change: TierChange): Promise<void> {
  const reward = change.entryReward;
  if (!reward || reward.points <= 0) return;
  requireEntry(
    await postLedgerEntry(tx, shopId, {
      customerId: reward.customerId,
      kind: "earn",
      amount: reward.points,
      status: "available",
      sourceType: "tier_entry",
      sourceId: String(reward.tierId),
      idempotencyKey: reward.idempotencyKey,
      reason: `entry reward of tier ${reward.tierId}`,
      occurredAt: change.at,
    }),
  );
}

/**
 * §8 "Upgrade happens at once, on the event that crosses the threshold." Call after an earning
 * event (in the same transaction, after its ledger row); `sourceKey` names the event (e.g.
 * `order:123`). Returns the change made, or null (no upgrade, an active pin, or a replay).
 */
export async function applyTierAfterEarning(
  tx: Transaction,
  shopId: string,
  customerId: number,
  at: Date,
  sourceKey: string,
): Promise<TierChange | null> {
  const context = await evaluationContext(tx, shopId, customerId, at);
  if (!context) return null;
  const change = evaluateTierOnEvent({ ...context.evaluation, at, sourceKey });
  return recordSystemChange(tx, shopId, change);
}

/**
 * §8 the nightly evaluation of one customer: "Downgrade happens only in the nightly evaluation,
 * and only once the customer has held the tier for the retention period", pins whose end date has
 * passed expire, and catch-up upgrades. Re-running the same night is a no-op (the history key
 * carries the shop-local date). Returns the change made, or null.
 */
export async function evaluateTierNightlyFor(
  tx: Transaction,
  shopId: string,
  customerId: number,
  at: Date,
): Promise<TierChange | null> {
  const context = await evaluationContext(tx, shopId, customerId, at);
  if (!context) return null;
  const change = evaluateTierNightly({
    ...context.evaluation,
    at,
    timeZone: context.settings.timeZone,
    retentionDays: context.settings.retentionDays,
  });
  return recordSystemChange(tx, shopId, change);
}

/**
 * Everything an automatic evaluation reads, with the customer's tier state locked (balance
 * first, as every ledger write does); null for customers evaluation never moves.
 */
async function evaluationContext(tx: Transaction, shopId: string, customerId: number, at: Date) {
  const { evaluable, ...state } = await lockTierState(tx, shopId, customerId);
  if (!evaluable) return null;
  const settings = await loadTierSettings(tx, shopId);
  const tiers = await loadTiers(tx, shopId);
  const metricValue = (await metricValues(tx, shopId, settings, at, customerId)).get(customerId) ?? 0;
  const grantedEntryTierIdsOfCustomer = await grantedEntryTierIds(tx, shopId, customerId, tiers);
  return {
    settings,
    evaluation: { tiers, state, metricValue, grantedEntryTierIds: grantedEntryTierIdsOfCustomer },
  };
}

/** Records a change decided by the system; null when there was none or it was a replay. */
async function recordSystemChange(tx: Transaction, shopId: string, change: TierChange | null) {
  if (!change) return null;
  return (await recordTierChange(tx, shopId, change, SYSTEM)) === null ? null : change;
}

export interface PinCustomerTierInput {
  customerId: number;
  /** The tier to pin; null pins the customer to "no tier". */
  tierId: number | null;
  /** Optional end of the pin; null = until staff unpin. */
  until: Date | null;
  staffId: string;
  reason: string | null;
  /** The staff request's key: a double-click or retry records one change. */
  requestKey: string;
  at: Date;
}

/** Whether a staff request with this key was already recorded for the customer (a replay). */
async function staffRequestRecorded(
  tx: Transaction,
  shopId: string,
  customerId: number,
  reason: "pin" | "unpin",
  requestKey: string,
): Promise<boolean> {
  // The domain's history key ends with `:<reason>:<requestKey>`; compare the suffix exactly
  // (no LIKE, so a key holding % or _ cannot match other rows).
  const suffix = `:${reason}:${requestKey}`;
  const [row] = await tx
    .select({ id: tierHistory.id })
    .from(tierHistory)
    .where(
      and(
        eq(tierHistory.shopId, shopId),
        eq(tierHistory.customerId, customerId),
        eq(tierHistory.reason, reason),
        sql`right(${tierHistory.idempotencyKey}, ${suffix.length}) = ${suffix}`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/**
 * The audit row of a staff tier action. `audit_log` holds no personal data, so the staff's free-text
 * reason (which may quote the customer) is not copied here: it stays in the history row's note,
 * which `customers/redact` clears, and the audit row points at that row.
 */
async function auditTierChange(
  tx: Transaction,
  shopId: string,
  change: TierChange,
  staffId: string,
  tierHistoryId: number,
): Promise<void> {
  await tx.insert(auditLog).values({
    shopId,
    actorType: "staff",
    actorId: staffId,
    action: `tier.${change.reason}`,
    entityType: "customer",
    entityId: String(change.customerId),
    changes: {
      tierHistoryId,
      fromTierId: change.fromTierId,
      toTierId: change.toTierId,
      pinnedUntil: change.pinnedUntil?.toISOString() ?? null,
    },
    createdAt: change.at,
  });
}

/**
 * §8 "Staff can pin a tier manually, with an optional end date. Every tier change is kept as
 * history." Writes the history row and an audit row; an upward pin grants the tier's entry reward
 * (once per tier). Returns the change, or null when this request was already recorded.
 * Throws the domain's `TierPinError` for an unknown tier or an end date not in the future.
 */
export async function pinCustomerTier(
  tx: Transaction,
  shopId: string,
  input: PinCustomerTierInput,
): Promise<TierChange | null> {
  const { evaluable: _evaluable, ...state } = await lockTierState(tx, shopId, input.customerId);
  if (await staffRequestRecorded(tx, shopId, input.customerId, "pin", input.requestKey)) return null;
  const tiers = await loadTiers(tx, shopId);
  const change = pinTier({
    tiers,
    state,
    tierId: input.tierId,
    until: input.until,
    at: input.at,
    requestKey: input.requestKey,
    grantedEntryTierIds: await grantedEntryTierIds(tx, shopId, input.customerId, tiers),
  });
  return recordStaffChange(tx, shopId, change, input);
}

/** A staff change is kept in the history with the staff's note, and audited. */
async function recordStaffChange(
  tx: Transaction,
  shopId: string,
  change: TierChange,
  input: { staffId: string; reason: string | null },
): Promise<TierChange | null> {
  const actor = { actorType: "staff" as const, actorId: input.staffId, note: input.reason };
  const historyId = await recordTierChange(tx, shopId, change, actor);
  if (historyId === null) return null;
  await auditTierChange(tx, shopId, change, input.staffId, historyId);
  return change;
}

export interface UnpinCustomerTierInput {
  customerId: number;
  staffId: string;
  reason: string | null;
  requestKey: string;
  at: Date;
}

/**
 * Staff removes a pin: the customer moves at once to the highest tier they qualify for. Returns
 * the change, or null when this request was already recorded. Throws `TierPinError` when the
 * customer has no pin.
 */
export async function unpinCustomerTier(
  tx: Transaction,
  shopId: string,
  input: UnpinCustomerTierInput,
): Promise<TierChange | null> {
  const { evaluable: _evaluable, ...state } = await lockTierState(tx, shopId, input.customerId);
  if (await staffRequestRecorded(tx, shopId, input.customerId, "unpin", input.requestKey)) return null;
  const settings = await loadTierSettings(tx, shopId);
  const tiers = await loadTiers(tx, shopId);
  const metricValue =
    (await metricValues(tx, shopId, settings, input.at, input.customerId)).get(input.customerId) ?? 0;
  const change = unpinTier({
    tiers,
    state,
    metricValue,
    at: input.at,
    requestKey: input.requestKey,
    grantedEntryTierIds: await grantedEntryTierIds(tx, shopId, input.customerId, tiers),
  });
  return recordStaffChange(tx, shopId, change, input);
}

/**
 * §8 "Before saving new tiers, the admin shows a preview: how many customers would move up and
 * down." Reads every live customer's metric (one grouped query) and current tier; changes nothing.
 * Rule chosen: anonymised tombstones and excluded customers are not counted (they can hold no tier
 * that matters to the merchant); a customer with an active pin counts as staying.
 */
export async function previewTierThresholds(
  tx: Transaction,
  shopId: string,
  newTiers: readonly Tier[],
  at: Date,
): Promise<TierPreview> {
  const settings = await loadTierSettings(tx, shopId);
  const currentTiers = await loadTiers(tx, shopId);
  const metrics = await metricValues(tx, shopId, settings, at);
  const states = await tx
    .select(tierStateColumns)
    .from(customers)
    .where(
      and(
        eq(customers.shopId, shopId),
        eq(customers.isTombstone, false),
        ne(customers.membershipStatus, "excluded"),
      ),
    );
  return previewTierChange({
    currentTiers,
    newTiers,
    customers: states.map((s) => ({
      customerId: s.customerId,
      tierId: s.tierId,
      metricValue: metrics.get(s.customerId) ?? 0,
      pinned: isPinActive(s, at),
    })),
  });
}
