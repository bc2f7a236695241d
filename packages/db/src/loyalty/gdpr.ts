import {
  buildCustomerDataExport,
  buildCustomerRedactionPlan,
  buildShopRedactionPlan,
  type ColumnValue,
  type Condition,
  type CustomerDataExport,
  type DbTable,
  type ExportReferralInput,
  type PlanStep,
} from "@loyalnest/domain";
import { and, asc, eq, or, sql, type SQL } from "drizzle-orm";
import type { Transaction } from "../client";
import { decryptOptional, type PiiKeyring } from "../crypto/pii-cipher";
import { lockBalance } from "../ledger/balance-lock";
import {
  customers,
  notificationLog,
  pointBalances,
  pointsLedger,
  redemptions,
  referralCodes,
  referrals,
  rewards,
  rfmScores,
  shops,
  tierHistory,
  vipTiers,
} from "../schema";

/**
 * GDPR (§13) on the database. The domain builds the plans as data (tables, columns, conditions);
 * this module turns each step into one SQL statement with `sql.identifier` for every name, always
 * ANDed with the shop's scope — a plan can never reach another shop's rows, whatever it says.
 */

export class GdprServiceError extends Error {
  override name = "GdprServiceError";
}

/** What one plan step did, for the GDPR request's log. */
export interface AppliedStep {
  action: PlanStep["action"];
  table: DbTable;
  why: string;
  rows: number;
}

// ---------------------------------------------------------------------------------------------
// Plan steps → SQL

/** A plan value as a typed SQL parameter (instants as timestamptz, lists as text[]). */
function valueSql(value: ColumnValue): SQL {
  if (value === null) return sql`null`;
  if (value instanceof Date) return sql`${value.toISOString()}::timestamptz`;
  if (Array.isArray(value)) {
    return sql`array[${sql.join(
      value.map((v) => sql`${v}::text`),
      sql`, `,
    )}]::text[]`;
  }
  return sql`${value}`;
}

const column = (table: DbTable, name: string) => sql`${sql.identifier(table)}.${sql.identifier(name)}`;

/** The rows of `table` that belong to the shop: the tenancy filter added to every statement. */
const shopScopeSql = (table: DbTable, shopId: string) =>
  table === "shops"
    ? sql`${column(table, "id")} = ${shopId}::uuid`
    : sql`${column(table, "shop_id")} = ${shopId}::uuid`;

function conditionSql(table: DbTable, condition: Condition, shopId: string): SQL {
  const target = column(table, condition.column);
  if (condition.op === "eq") {
    return condition.value === null ? sql`${target} is null` : sql`${target} = ${valueSql(condition.value)}`;
  }
  const sub = condition.select;
  return sql`${target} in (select ${column(sub.table, sub.column)} from ${sql.identifier(sub.table)} where ${whereSql(sub.table, sub.where, shopId)})`;
}

function whereSql(table: DbTable, conditions: readonly Condition[], shopId: string): SQL {
  return sql.join(
    [shopScopeSql(table, shopId), ...conditions.map((c) => conditionSql(table, c, shopId))],
    sql` and `,
  );
}

function stepSql(step: PlanStep, shopId: string): SQL {
  const table = sql.identifier(step.table);
  const where = whereSql(step.table, step.where, shopId);
  if (step.action === "delete") return sql`delete from ${table} where ${where}`;
  const assignments = Object.entries(step.set).map(
    ([name, value]) => sql`${sql.identifier(name)} = ${valueSql(value)}`,
  );
  if (assignments.length === 0) throw new GdprServiceError(`update step on ${step.table} sets nothing`);
  return sql`update ${table} set ${sql.join(assignments, sql`, `)} where ${where}`;
}

async function applySteps(
  tx: Transaction,
  shopId: string,
  steps: readonly PlanStep[],
): Promise<AppliedStep[]> {
  const applied: AppliedStep[] = [];
  for (const step of steps) {
    const result = await tx.execute(stepSql(step, shopId));
    applied.push({ action: step.action, table: step.table, why: step.why, rows: result.count });
  }
  return applied;
}

// ---------------------------------------------------------------------------------------------
// customers/redact

export interface CustomerRedactionResult {
  /** True when the customer was already a tombstone: nothing was changed again. */
  alreadyRedacted: boolean;
  steps: AppliedStep[];
}

/**
 * §13 "`customers/redact`: erase the customer's personal data (e-mail, names, phone, birthday,
 * address hashes, referral visit fingerprints); ledger rows stay, attached to an anonymous
 * tombstone, so the shop's totals still add up." Ledger and balance are not touched, so
 * balance = Σ ledger keeps holding. Idempotent: a tombstone is left as it is (its `redacted_at`
 * keeps the first erasure's time).
 */
export async function redactCustomer(
  tx: Transaction,
  shopId: string,
  customerId: number,
  at: Date,
): Promise<CustomerRedactionResult> {
  const [exists] = await tx
    .select({ id: customers.id })
    .from(customers)
    .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)));
  if (!exists) throw new GdprServiceError(`customer ${customerId} does not exist in this shop`);
  // Balance first (the order every ledger write locks in), so no earning interleaves with the erasure.
  await lockBalance(tx, shopId, customerId);
  const [customer] = await tx
    .select({
      emailHash: customers.emailHash,
      isTombstone: customers.isTombstone,
      shopifyCustomerId: customers.shopifyCustomerId,
    })
    .from(customers)
    .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)))
    .for("update");
  if (customer!.isTombstone) return { alreadyRedacted: true, steps: [] };

  const plan = buildCustomerRedactionPlan({ shopId, customerId, emailHash: customer!.emailHash, at });
  const steps = await applySteps(tx, shopId, plan.steps);
  await scrubFreeText(tx, shopId, customerId, customer!.shopifyCustomerId);
  return { alreadyRedacted: false, steps };
}

/**
 * Personal data can also sit in text LoyalNest did not structure: the raw webhook payloads kept
 * for replay (e-mail, names, addresses of the customer's orders and GDPR requests) and staff's
 * free-text reasons about the customer. Payloads that name the customer are replaced by a marker;
 * reasons on the customer's audit rows are cleared (the rows themselves stay for the shop's audit).
 */
async function scrubFreeText(
  tx: Transaction,
  shopId: string,
  customerId: number,
  shopifyCustomerId: number | null,
) {
  if (shopifyCustomerId !== null) {
    const id = String(shopifyCustomerId);
    await tx.execute(sql`
      update webhook_deliveries set payload = '{"redacted": true}'::jsonb
      where shop_id = ${shopId}
        and (payload->'customer'->>'id' = ${id}
             or (topic like 'customers/%' and payload->>'id' = ${id})
             or payload->>'customer_id' = ${id})`);
  }
  await tx.execute(sql`
    update audit_log set reason = null
    where shop_id = ${shopId} and entity_type = 'customer' and entity_id = ${String(customerId)}`);
}

// ---------------------------------------------------------------------------------------------
// shop/redact

/**
 * §13 "`shop/redact`: delete every row of the shop." Sets the plan's transaction-local session
 * settings first (the ledger's append-only trigger allows deletes only under
 * `loyalnest.erasing_shop` = this shop), then deletes table by table, the shop row last.
 * Idempotent: a second run deletes nothing.
 */
export async function redactShop(tx: Transaction, shopId: string, at: Date): Promise<AppliedStep[]> {
  const plan = buildShopRedactionPlan({ shopId, at });
  for (const setting of plan.sessionSettings) {
    await tx.execute(sql`select set_config(${setting.name}, ${setting.value}, true)`);
  }
  return applySteps(tx, shopId, plan.steps);
}

// ---------------------------------------------------------------------------------------------
// customers/data_request

/**
 * §13 "`customers/data_request`: assemble everything held about the customer (profile, ledger,
 * redemptions, referrals, tier history, RFM, consents, notifications) into a JSON export". Personal
 * data is decrypted with `keyring`; the document is built by the domain, which leaves out hashes,
 * internal keys and the other party of a referral. `at` is the document's generation time.
 */
export async function exportCustomerData(
  tx: Transaction,
  shopId: string,
  customerId: number,
  keyring: PiiKeyring,
  at: Date,
): Promise<CustomerDataExport> {
  const [row] = await tx
    .select({ customer: customers, shop: { domain: shops.domain, currency: shops.currency } })
    .from(customers)
    .innerJoin(shops, eq(shops.id, customers.shopId))
    .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)));
  if (!row) throw new GdprServiceError(`customer ${customerId} does not exist in this shop`);
  const { customer, shop } = row;
  const tierNames = await tierNamesOf(tx, shopId);

  return buildCustomerDataExport({
    shop,
    generatedAt: at,
    profile: {
      customerId: customer.id,
      shopifyCustomerId: customer.shopifyCustomerId,
      email: decryptOptional(keyring, customer.emailEnc, "customers.email"),
      firstName: decryptOptional(keyring, customer.firstNameEnc, "customers.first_name"),
      lastName: decryptOptional(keyring, customer.lastNameEnc, "customers.last_name"),
      phone: decryptOptional(keyring, customer.phoneEnc, "customers.phone"),
      birthday: decryptOptional(keyring, customer.birthdayEnc, "customers.birthday"),
      countryCode: customer.countryCode,
      locale: customer.locale,
      tags: customer.tags,
      membershipStatus: customer.membershipStatus,
      joinedAt: customer.joinedAt,
      tierName: customer.tierId === null ? null : (tierNames.get(customer.tierId) ?? null),
      tierAchievedAt: customer.tierAchievedAt,
      balance: await balanceOf(tx, shopId, customerId),
    },
    referralCode: await referralCodeOf(tx, shopId, customerId),
    ledger: await ledgerOf(tx, shopId, customerId),
    redemptions: await redemptionsOf(tx, shopId, customerId),
    referrals: await referralsOf(tx, shopId, customerId),
    tierHistory: (await tierHistoryOf(tx, shopId, customerId)).map((h) => ({
      fromTierName: h.fromTierId === null ? null : (tierNames.get(h.fromTierId) ?? null),
      toTierName: h.toTierId === null ? null : (tierNames.get(h.toTierId) ?? null),
      reason: h.reason,
      at: h.at,
    })),
    rfm: await rfmOf(tx, shopId, customerId),
    consents: {
      marketingConsent: customer.marketingConsent,
      updatedAt: customer.marketingConsentUpdatedAt,
    },
    notifications: await notificationsOf(tx, shopId, customerId),
  });
}

async function tierNamesOf(tx: Transaction, shopId: string): Promise<Map<number, string>> {
  const rows = await tx
    .select({ id: vipTiers.id, name: vipTiers.name })
    .from(vipTiers)
    .where(eq(vipTiers.shopId, shopId));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function balanceOf(tx: Transaction, shopId: string, customerId: number) {
  const [row] = await tx
    .select({
      available: pointBalances.available,
      pending: pointBalances.pending,
      lifetimeEarned: pointBalances.lifetimeEarned,
      lifetimeRedeemed: pointBalances.lifetimeRedeemed,
    })
    .from(pointBalances)
    .where(and(eq(pointBalances.shopId, shopId), eq(pointBalances.customerId, customerId)));
  return row ?? { available: 0, pending: 0, lifetimeEarned: 0, lifetimeRedeemed: 0 };
}

async function referralCodeOf(tx: Transaction, shopId: string, customerId: number) {
  const [row] = await tx
    .select({ code: referralCodes.code })
    .from(referralCodes)
    .where(and(eq(referralCodes.shopId, shopId), eq(referralCodes.customerId, customerId)));
  return row?.code ?? null;
}

function ledgerOf(tx: Transaction, shopId: string, customerId: number) {
  return tx
    .select({
      id: pointsLedger.id,
      kind: pointsLedger.kind,
      amount: pointsLedger.amount,
      status: pointsLedger.status,
      sourceType: pointsLedger.sourceType,
      sourceId: pointsLedger.sourceId,
      reason: pointsLedger.reason,
      occurredAt: pointsLedger.occurredAt,
      availableAt: pointsLedger.availableAt,
    })
    .from(pointsLedger)
    .where(and(eq(pointsLedger.shopId, shopId), eq(pointsLedger.customerId, customerId)))
    .orderBy(asc(pointsLedger.id));
}

function redemptionsOf(tx: Transaction, shopId: string, customerId: number) {
  return tx
    .select({
      id: redemptions.id,
      rewardName: rewards.name,
      status: redemptions.status,
      pointsSpent: redemptions.pointsSpent,
      valueMinor: redemptions.valueMinor,
      currency: redemptions.currency,
      discountCode: redemptions.discountCode,
      createdAt: redemptions.createdAt,
      issuedAt: redemptions.issuedAt,
      usedAt: redemptions.usedAt,
      expiresAt: redemptions.expiresAt,
      releasedAt: redemptions.releasedAt,
    })
    .from(redemptions)
    .innerJoin(rewards, and(eq(rewards.shopId, redemptions.shopId), eq(rewards.id, redemptions.rewardId)))
    .where(and(eq(redemptions.shopId, shopId), eq(redemptions.customerId, customerId)));
}

/** The customer's referrals on either side; the other party's identity stays out (the domain drops it). */
async function referralsOf(
  tx: Transaction,
  shopId: string,
  customerId: number,
): Promise<ExportReferralInput[]> {
  const rows = await tx
    .select()
    .from(referrals)
    .where(
      and(
        eq(referrals.shopId, shopId),
        or(eq(referrals.advocateCustomerId, customerId), eq(referrals.friendCustomerId, customerId)),
      ),
    );
  return rows.map((r) => ({
    id: r.id,
    role: r.advocateCustomerId === customerId ? "advocate" : "friend",
    status: r.status,
    createdAt: r.createdAt,
    completedAt: r.completedAt,
    reversedAt: r.reversedAt,
    advocatePointsAwarded: r.advocatePointsAwarded,
  }));
}

function tierHistoryOf(tx: Transaction, shopId: string, customerId: number) {
  return tx
    .select({
      fromTierId: tierHistory.fromTierId,
      toTierId: tierHistory.toTierId,
      reason: tierHistory.reason,
      at: tierHistory.createdAt,
    })
    .from(tierHistory)
    .where(and(eq(tierHistory.shopId, shopId), eq(tierHistory.customerId, customerId)))
    .orderBy(asc(tierHistory.createdAt), asc(tierHistory.id));
}

async function rfmOf(tx: Transaction, shopId: string, customerId: number) {
  const [row] = await tx
    .select()
    .from(rfmScores)
    .where(and(eq(rfmScores.shopId, shopId), eq(rfmScores.customerId, customerId)));
  return row ?? null;
}

function notificationsOf(tx: Transaction, shopId: string, customerId: number) {
  return tx
    .select({
      kind: notificationLog.kind,
      channel: notificationLog.channel,
      locale: notificationLog.locale,
      status: notificationLog.status,
      createdAt: notificationLog.createdAt,
      sentAt: notificationLog.sentAt,
    })
    .from(notificationLog)
    .where(and(eq(notificationLog.shopId, shopId), eq(notificationLog.customerId, customerId)));
}
