import {
  assertReward,
  checkRedemptionEligibility,
  codeEndsAt,
  decideUnusedCodeExpiry,
  quotePointsForMoney,
  redeemKey,
  redemptionCost,
  redemptionReleaseKey,
  transitionRedemption,
  type RedemptionEvent,
  type RedemptionIneligibility,
  type Reward,
  type RewardKind,
  type RewardMoneyValue,
  type SalesChannel,
  type TierRank,
} from "@loyalnest/domain";
import { and, asc, eq, lte, ne, sql } from "drizzle-orm";
import type { Transaction } from "../client";
import { lockBalance, postLedgerEntry, requireEntry, type LedgerEntry } from "../ledger";
import { customers, pointsLedger, redemptions, rewards, shops, shopSettings, vipTiers } from "../schema";

export type Redemption = typeof redemptions.$inferSelect;
type RewardRow = typeof rewards.$inferSelect;

export class UnknownCustomerError extends Error {
  override name = "UnknownCustomerError";
  constructor(readonly customerId: number) {
    super(`Customer ${customerId} does not exist in this shop`);
  }
}

export class RewardNotFoundError extends Error {
  override name = "RewardNotFoundError";
  constructor(readonly rewardId: number) {
    super(`Reward ${rewardId} does not exist in this shop`);
  }
}

/** A reward row whose columns do not make a reward of its type (e.g. a fixed amount without a value). */
export class RewardMisconfiguredError extends Error {
  override name = "RewardMisconfiguredError";
  constructor(
    readonly rewardId: number,
    readonly problem: string,
  ) {
    super(`Reward ${rewardId} is misconfigured: ${problem}`);
  }
}

export class RedemptionNotFoundError extends Error {
  override name = "RedemptionNotFoundError";
  constructor(readonly redemptionId: number) {
    super(`Redemption ${redemptionId} does not exist in this shop`);
  }
}

/**
 * A request that reuses a redemption's key or state with different data (another customer or
 * reward, another discount code): a caller bug, never silently accepted.
 */
export class RedemptionConflictError extends Error {
  override name = "RedemptionConflictError";
  constructor(
    readonly redemptionId: number | null,
    detail: string,
  ) {
    super(`Redemption ${redemptionId ?? "(new)"}: ${detail}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Reward rows → domain rewards
// ---------------------------------------------------------------------------------------------

function required<T>(row: RewardRow, value: T | null, column: string): T {
  if (value === null) throw new RewardMisconfiguredError(row.id, `${column} is required for ${row.type}`);
  return value;
}

function moneyValue(row: RewardRow, shopMinor: number | null, column: string): RewardMoneyValue {
  const value: RewardMoneyValue = { shopMinor: required(row, shopMinor, column) };
  return row.valuesByCurrency ? { ...value, perCurrencyMinor: row.valuesByCurrency } : value;
}

/**
 * The type-specific part of a reward. `value_minor` doubles as the maximum shipping rate a
 * free-shipping code covers (null = any rate), and for points-for-money `values_by_currency`
 * holds the merchant's per-currency value of one step.
 */
function rewardKindOf(row: RewardRow): RewardKind {
  const pointsCost = row.pointsCost;
  switch (row.type) {
    case "fixed_amount":
    case "store_credit":
      return { type: row.type, pointsCost, value: moneyValue(row, row.valueMinor, "value_minor") };
    case "percentage":
      return { type: "percentage", pointsCost, percentBp: required(row, row.percentBp, "percent_bp") };
    case "free_shipping":
      return { type: "free_shipping", pointsCost, maxShippingMinor: row.valueMinor };
    case "free_product":
      return {
        type: "free_product",
        pointsCost,
        variantId: required(row, row.productVariantId, "product_variant_id"),
      };
    case "points_for_money":
      return {
        type: "points_for_money",
        stepPoints: required(row, row.pfmStepPoints, "pfm_step_points"),
        stepValue: moneyValue(row, row.pfmStepValueMinor, "pfm_step_value_minor"),
        minPoints: required(row, row.pfmMinPoints, "pfm_min_points"),
        maxPoints: required(row, row.pfmMaxPoints, "pfm_max_points"),
      };
  }
}

/** The domain knows online and POS only; a reward's `other` channel cannot be redeemed through it. */
const isDomainChannel = (channel: RewardRow["channels"][number]): channel is SalesChannel =>
  channel !== "other";

/** The domain's reward for a row (ids become strings); an archived reward counts as inactive. */
export function toDomainReward(row: RewardRow): Reward {
  const reward: Reward = {
    id: String(row.id),
    name: row.name,
    active: row.active && row.archivedAt === null,
    kind: rewardKindOf(row),
    minOrderMinor: row.minOrderMinor,
    codeExpiryDays: row.codeExpiryDays,
    combinesWith: {
      orderDiscounts: row.combinesWithOrder,
      productDiscounts: row.combinesWithProduct,
      shippingDiscounts: row.combinesWithShipping,
    },
    perCustomerLimit: row.perCustomerLimit,
    minTierId: row.minTierId === null ? null : String(row.minTierId),
    channels: row.channels.filter(isDomainChannel),
  };
  try {
    assertReward(reward);
  } catch (error) {
    throw new RewardMisconfiguredError(row.id, error instanceof Error ? error.message : String(error));
  }
  return reward;
}

// ---------------------------------------------------------------------------------------------
// Reserving
// ---------------------------------------------------------------------------------------------

export interface ReserveRedemptionInput {
  customerId: number;
  rewardId: number;
  /** The client's request key: a retried click reserves once. */
  requestKey: string;
  /** Points-for-money only: the points the shopper chose (whole steps between min and max). */
  chosenPoints?: number;
  channel: SalesChannel;
  /** Shop minor units, when redeeming against a cart (checkout, POS). */
  cartSubtotalMinor?: number | null;
  at: Date;
}

export type ReserveRedemptionResult =
  /** Points debited and the redemption reserved; create the Shopify side next. */
  | { outcome: "reserved"; redemption: Redemption; entry: LedgerEntry }
  /** The request key was already reserved: the existing redemption, unchanged. */
  | { outcome: "duplicate"; redemption: Redemption }
  /** Not redeemable; every reason is listed so the widget can say what is missing. */
  | {
      outcome: "refused";
      reasons: RedemptionIneligibility[];
      availablePoints: number;
      pointsCost: number;
    };

/**
 * Redemption is a reservation, never a burn: debits the reward's points (a `redeem` row keyed on
 * the request key) and inserts the redemption in `reserved`, both in the caller's transaction.
 *
 * - The customer's balance row is locked first, so eligibility (balance, per-customer limit) is
 *   judged and spent under one lock: two redemptions at once cannot both pass.
 * - A replayed request key returns the existing redemption unchanged.
 * - A refusal for a rule (tier, limit, channel, minimum order, points choice) writes nothing, so
 *   the same key may succeed once the rule is met. A refusal for want of points is left to the
 *   ledger, which records it under the key: replaying that request stays refused even after more
 *   points arrive (the shopper's new attempt sends a new key), exactly as the ledger does.
 */
export async function reserveRedemption(
  tx: Transaction,
  shopId: string,
  input: ReserveRedemptionInput,
): Promise<ReserveRedemptionResult> {
  const customer = await loadCustomer(tx, shopId, input.customerId);
  const balance = await lockBalance(tx, shopId, input.customerId);

  const existing = await findRedemptionByKey(tx, shopId, input.requestKey);
  if (existing) return { outcome: "duplicate", redemption: assertSameRequest(existing, input) };

  const rewardRow = await loadReward(tx, shopId, input.rewardId);
  const reward = toDomainReward(rewardRow);
  const eligibility = checkRedemptionEligibility(reward, {
    availablePoints: balance.available,
    customerTierId: customer.tierId === null ? null : String(customer.tierId),
    tiers: await loadTierRanks(tx, shopId),
    redemptionsOfReward: await countLiveRedemptions(tx, shopId, input.customerId, input.rewardId),
    channel: input.channel,
    cartSubtotalMinor: input.cartSubtotalMinor ?? null,
    chosenPoints: input.chosenPoints,
  });
  const pointsCost = redemptionCost(reward, input.chosenPoints);
  if (!eligibility.eligible && eligibility.reasons.some((reason) => reason !== "insufficient_points")) {
    return {
      outcome: "refused",
      reasons: eligibility.reasons,
      availablePoints: balance.available,
      pointsCost,
    };
  }

  // The id is drawn first so the `redeem` row can name its redemption as its source.
  const redemptionId = await nextRedemptionId(tx);
  const posted = await postLedgerEntry(tx, shopId, {
    customerId: input.customerId,
    kind: "redeem",
    amount: -pointsCost,
    status: "available",
    sourceType: "redemption",
    sourceId: String(redemptionId),
    idempotencyKey: redeemKey(input.requestKey),
    actorType: input.channel === "pos" ? "pos_staff" : "shopper",
    occurredAt: input.at,
  });
  if (posted.outcome === "refused") {
    return {
      outcome: "refused",
      reasons: ["insufficient_points"],
      availablePoints: posted.available,
      pointsCost: posted.requested,
    };
  }
  if (posted.outcome === "duplicate") {
    // The redeem row and its redemption are written together, so a redeem row without one means
    // the key was used by some other path.
    throw new RedemptionConflictError(null, `request key "${input.requestKey}" already debited elsewhere`);
  }

  const shopCurrency = await loadShopCurrency(tx, shopId);
  const [redemption] = await tx
    .insert(redemptions)
    .overridingSystemValue()
    .values({
      shopId,
      id: redemptionId,
      customerId: input.customerId,
      rewardId: input.rewardId,
      rewardSnapshot: reward,
      status: "reserved",
      pointsSpent: pointsCost,
      ...redemptionValue(reward, pointsCost, shopCurrency),
      idempotencyKey: input.requestKey,
      channel: input.channel,
      expiresAt: redemptionExpiresAt(reward, input.at),
    })
    .returning();
  return { outcome: "reserved", redemption: redemption!, entry: posted.entry };
}

function assertSameRequest(existing: Redemption, input: ReserveRedemptionInput): Redemption {
  const isPointsForMoney = (existing.rewardSnapshot as Reward).kind.type === "points_for_money";
  if (
    existing.customerId !== input.customerId ||
    existing.rewardId !== input.rewardId ||
    (isPointsForMoney && existing.pointsSpent !== input.chosenPoints)
  ) {
    throw new RedemptionConflictError(
      existing.id,
      `request key "${input.requestKey}" was used for another customer, reward or amount`,
    );
  }
  return existing;
}

/**
 * What the redemption is worth in shop currency, when that is known up front: fixed amounts and
 * store credit, and points-for-money (steps × step value). A percentage, free shipping or free
 * product is worth whatever the order makes it, so it has no value here.
 */
function redemptionValue(
  reward: Reward,
  pointsSpent: number,
  shopCurrency: string,
): { valueMinor: number | null; currency: string | null } {
  const kind = reward.kind;
  switch (kind.type) {
    case "fixed_amount":
    case "store_credit":
      return { valueMinor: kind.value.shopMinor, currency: shopCurrency };
    case "points_for_money": {
      const quote = quotePointsForMoney(kind, pointsSpent, {
        shopCurrency,
        presentmentCurrency: shopCurrency,
        rate: null,
      });
      return { valueMinor: quote.value.amountMinor, currency: quote.value.currency };
    }
    default:
      return { valueMinor: null, currency: null };
  }
}

/**
 * When the code stops working, counted from the reservation (the caller passes the same instant
 * as `issuedAt` to buildDiscountCodeRequest, so Shopify's `endsAt` matches). Store credit is not
 * a code and never expires unused.
 */
function redemptionExpiresAt(reward: Reward, reservedAt: Date): Date | null {
  return reward.kind.type === "store_credit" ? null : codeEndsAt(reward, reservedAt);
}

// ---------------------------------------------------------------------------------------------
// State changes after the reservation
// ---------------------------------------------------------------------------------------------

export interface RedemptionChange {
  /** False for a replay: nothing was written. */
  changed: boolean;
  redemption: Redemption;
}

export interface MarkRedemptionIssuedInput {
  redemptionId: number;
  /** The code shown to the shopper; null only for store credit, which is not a code. */
  discountCode: string | null;
  shopifyDiscountId?: string | null;
  storeCreditTransactionId?: string | null;
  at: Date;
}

/**
 * The Shopify side exists: the redemption becomes `issued` with its code. A replay with the same
 * code is a no-op; a different code for an issued redemption is a conflict (the caller then holds
 * a stray code to delete), and so is a success for a released one (illegal transition).
 */
export async function markRedemptionIssued(
  tx: Transaction,
  shopId: string,
  input: MarkRedemptionIssuedInput,
): Promise<RedemptionChange> {
  const current = await lockRedemption(tx, shopId, input.redemptionId);
  const step = transitionRedemption(current.status, "shopify_succeeded");
  if (!step.changed) {
    if (current.discountCode !== input.discountCode) {
      throw new RedemptionConflictError(current.id, `already issued with another code`);
    }
    return { changed: false, redemption: current };
  }
  assertIssuedWithSomething(current, input);
  const [redemption] = await tx
    .update(redemptions)
    .set({
      status: step.state,
      discountCode: input.discountCode,
      shopifyDiscountId: input.shopifyDiscountId ?? null,
      storeCreditTransactionId: input.storeCreditTransactionId ?? null,
      issuedAt: input.at,
      updatedAt: sql`now()`,
    })
    .where(redemptionWhere(shopId, current.id))
    .returning();
  return { changed: true, redemption: redemption! };
}

function assertIssuedWithSomething(current: Redemption, input: MarkRedemptionIssuedInput): void {
  const isStoreCredit = (current.rewardSnapshot as Reward).kind.type === "store_credit";
  if (isStoreCredit ? !input.storeCreditTransactionId : !input.discountCode) {
    throw new RangeError(
      isStoreCredit
        ? "a store-credit redemption is issued with its store credit transaction id"
        : "a discount-code redemption is issued with its code",
    );
  }
}

export type MarkRedemptionUsedInput = ({ discountCode: string } | { redemptionId: number }) & {
  /** The Shopify order that used the code. */
  orderId: string;
  at: Date;
};

/**
 * An `orders/paid` webhook shows the code used: the redemption becomes `used` (final, so a later
 * refund of that order never returns the reward's points). Returns null when the code is not one
 * of this shop's redemptions (most discount codes on orders are not LoyalNest's). A replay is a
 * no-op, also when it names a different order: the code was single-use and the first order counts.
 */
export async function markRedemptionUsed(
  tx: Transaction,
  shopId: string,
  input: MarkRedemptionUsedInput,
): Promise<RedemptionChange | null> {
  const redemptionId =
    "redemptionId" in input ? input.redemptionId : await findIdByDiscountCode(tx, shopId, input.discountCode);
  if (redemptionId === null) return null;
  const current = await lockRedemption(tx, shopId, redemptionId);
  const step = transitionRedemption(current.status, "code_used");
  if (!step.changed) return { changed: false, redemption: current };
  const [redemption] = await tx
    .update(redemptions)
    .set({ status: step.state, usedAt: input.at, usedOrderId: input.orderId, updatedAt: sql`now()` })
    .where(redemptionWhere(shopId, current.id))
    .returning();
  return { changed: true, redemption: redemption! };
}

/** The events that release a redemption and return its points. */
export type RedemptionReleaseReason = Extract<
  RedemptionEvent,
  "shopify_failed" | "code_expired" | "cancelled"
>;

export interface ReleaseRedemptionInput {
  redemptionId: number;
  reason: RedemptionReleaseReason;
  /** Shopify's error, for a failure; kept on the redemption for support. */
  error?: string | null;
  at: Date;
}

export interface RedemptionRelease extends RedemptionChange {
  /** The `reversal` row that returned the points (absent on a replay). */
  entry?: LedgerEntry;
}

/**
 * The redemption is released and its points come back as a `reversal` row (keyed per
 * redemption, so they come back once): on a Shopify failure, an unused code's expiry, or a staff
 * cancellation of an unused code. A `used` redemption cannot be released (illegal transition:
 * nothing is written); releasing a released one again is a no-op, whatever the reason given.
 */
export async function releaseRedemption(
  tx: Transaction,
  shopId: string,
  input: ReleaseRedemptionInput,
): Promise<RedemptionRelease> {
  const current = await lockRedemption(tx, shopId, input.redemptionId);
  const step = transitionRedemption(current.status, input.reason);
  if (!step.changed) return { changed: false, redemption: current };

  const [redemption] = await tx
    .update(redemptions)
    .set({
      status: step.state,
      releasedAt: input.at,
      releaseReason: input.reason,
      lastError: input.error ?? current.lastError,
      updatedAt: sql`now()`,
    })
    .where(redemptionWhere(shopId, current.id))
    .returning();
  // A redemption granted without points (pointsSpent 0) has nothing to return, and the ledger
  // refuses a zero amount.
  const entry =
    step.returnsPoints && current.pointsSpent > 0
      ? await returnPoints(tx, shopId, current, input)
      : undefined;
  return { changed: true, redemption: redemption!, entry };
}

async function returnPoints(
  tx: Transaction,
  shopId: string,
  redemption: Redemption,
  input: ReleaseRedemptionInput,
): Promise<LedgerEntry> {
  const [debit] = await tx
    .select({ id: pointsLedger.id })
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.shopId, shopId),
        eq(pointsLedger.idempotencyKey, redeemKey(redemption.idempotencyKey)),
      ),
    );
  // A reversal may take the balance below zero (points spent since a clawback), never refused.
  return requireEntry(
    await postLedgerEntry(tx, shopId, {
      customerId: redemption.customerId,
      kind: "reversal",
      amount: redemption.pointsSpent,
      status: "available",
      sourceType: "redemption",
      sourceId: String(redemption.id),
      idempotencyKey: redemptionReleaseKey(String(redemption.id)),
      relatedEntryId: debit?.id ?? null,
      reason: input.reason,
      occurredAt: input.at,
    }),
  );
}

/**
 * The daily sweep: issued codes whose expiry has passed are released with their points returned,
 * when the shop returns points for unused codes (`release_unused_codes`, default on). Returns the
 * released redemptions, so the caller deletes their codes in Shopify. With the setting off nothing
 * is released (the points stay spent and Shopify's own `endsAt` already stops the code).
 * Works through at most `limit` redemptions, oldest expiry first; call again until it returns none.
 */
export async function releaseExpiredUnusedCodes(
  tx: Transaction,
  shopId: string,
  now: Date,
  limit = 500,
): Promise<Redemption[]> {
  const returnPointsOnExpiry = await loadReleaseUnusedCodes(tx, shopId);
  const candidates = await tx
    .select({ id: redemptions.id, status: redemptions.status, expiresAt: redemptions.expiresAt })
    .from(redemptions)
    .where(
      and(eq(redemptions.shopId, shopId), eq(redemptions.status, "issued"), lte(redemptions.expiresAt, now)),
    )
    .orderBy(asc(redemptions.expiresAt), asc(redemptions.id))
    .limit(limit);

  const released: Redemption[] = [];
  for (const candidate of candidates) {
    const action = decideUnusedCodeExpiry(
      { state: candidate.status, codeExpiresAt: candidate.expiresAt },
      now,
      { returnPointsOnExpiry },
    );
    if (action.action !== "delete_code_and_release") continue;
    const result = await releaseRedemption(tx, shopId, {
      redemptionId: candidate.id,
      reason: "code_expired",
      at: now,
    });
    if (result.changed) released.push(result.redemption);
  }
  return released;
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

const redemptionWhere = (shopId: string, id: number) =>
  and(eq(redemptions.shopId, shopId), eq(redemptions.id, id));

/**
 * Locks a redemption for a state change: the customer's balance first, then the redemption row —
 * the same order as reserving and as every ledger write, so no two paths can deadlock.
 */
async function lockRedemption(tx: Transaction, shopId: string, redemptionId: number): Promise<Redemption> {
  const [owner] = await tx
    .select({ customerId: redemptions.customerId })
    .from(redemptions)
    .where(redemptionWhere(shopId, redemptionId));
  if (!owner) throw new RedemptionNotFoundError(redemptionId);
  await lockBalance(tx, shopId, owner.customerId);
  const [row] = await tx
    .select()
    .from(redemptions)
    .where(redemptionWhere(shopId, redemptionId))
    .for("update");
  return row!;
}

async function findRedemptionByKey(tx: Transaction, shopId: string, requestKey: string) {
  const [row] = await tx
    .select()
    .from(redemptions)
    .where(and(eq(redemptions.shopId, shopId), eq(redemptions.idempotencyKey, requestKey)));
  return row;
}

/**
 * Shopify treats discount codes case-insensitively, so an order may carry the code as the shopper
 * typed it. The exact match uses the unique index; the case-insensitive fallback looks only at
 * issued codes (the only ones an order can still use).
 */
async function findIdByDiscountCode(tx: Transaction, shopId: string, code: string): Promise<number | null> {
  const [exact] = await tx
    .select({ id: redemptions.id })
    .from(redemptions)
    .where(and(eq(redemptions.shopId, shopId), eq(redemptions.discountCode, code)));
  if (exact) return exact.id;
  const [folded] = await tx
    .select({ id: redemptions.id })
    .from(redemptions)
    .where(
      and(
        eq(redemptions.shopId, shopId),
        eq(redemptions.status, "issued"),
        sql`upper(${redemptions.discountCode}) = upper(${code})`,
      ),
    )
    .limit(1);
  return folded?.id ?? null;
}

async function loadCustomer(tx: Transaction, shopId: string, customerId: number) {
  const [row] = await tx
    .select({ id: customers.id, tierId: customers.tierId })
    .from(customers)
    .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)));
  if (!row) throw new UnknownCustomerError(customerId);
  return row;
}

async function loadReward(tx: Transaction, shopId: string, rewardId: number): Promise<RewardRow> {
  const [row] = await tx
    .select()
    .from(rewards)
    .where(and(eq(rewards.shopId, shopId), eq(rewards.id, rewardId)));
  if (!row) throw new RewardNotFoundError(rewardId);
  return row;
}

/**
 * The shop's active tiers, ranked by threshold. A deactivated tier is left out, so a reward
 * restricted to it is closed (the domain fails closed) until the merchant fixes the reward.
 */
async function loadTierRanks(tx: Transaction, shopId: string): Promise<TierRank[]> {
  const rows = await tx
    .select({ id: vipTiers.id, threshold: vipTiers.threshold })
    .from(vipTiers)
    .where(and(eq(vipTiers.shopId, shopId), eq(vipTiers.active, true)));
  return rows.map((row) => ({ id: String(row.id), threshold: row.threshold }));
}

/** Redemptions that count towards the per-customer limit: every one not released. */
async function countLiveRedemptions(
  tx: Transaction,
  shopId: string,
  customerId: number,
  rewardId: number,
): Promise<number> {
  const [row] = await tx
    .select({ count: sql<number>`count(*)::int` })
    .from(redemptions)
    .where(
      and(
        eq(redemptions.shopId, shopId),
        eq(redemptions.customerId, customerId),
        eq(redemptions.rewardId, rewardId),
        ne(redemptions.status, "released"),
      ),
    );
  return row?.count ?? 0;
}

async function nextRedemptionId(tx: Transaction): Promise<number> {
  const rows = await tx.execute<{ id: string }>(
    sql`select nextval(pg_get_serial_sequence('redemptions', 'id'))::text as id`,
  );
  return Number(rows[0]!.id);
}

async function loadShopCurrency(tx: Transaction, shopId: string): Promise<string> {
  const [row] = await tx.select({ currency: shops.currency }).from(shops).where(eq(shops.id, shopId));
  if (!row) throw new Error(`shop ${shopId} does not exist`);
  return row.currency;
}

async function loadReleaseUnusedCodes(tx: Transaction, shopId: string): Promise<boolean> {
  const [row] = await tx
    .select({ releaseUnusedCodes: shopSettings.releaseUnusedCodes })
    .from(shopSettings)
    .where(eq(shopSettings.shopId, shopId));
  if (!row) throw new Error(`shop ${shopId} has no settings`);
  return row.releaseUnusedCodes;
}
