import { decryptOptional, emailBlindIndex, schema, type Executor, type PiiKeyring } from "@loyalnest/db";
import { TRPCError } from "@trpc/server";
import { and, desc, eq, gte, isNull, lt, lte, or, type SQL } from "drizzle-orm";

/**
 * The merchant's view of customers: search (exact e-mail through the blind index, or filters),
 * one customer's detail and ledger. Every query is scoped to the caller's shop; personal data is
 * decrypted here, for the merchant's screen only (never logged, never audited).
 */

const { customers, pointBalances, vipTiers, pointsLedger, redemptions, referrals, tierHistory } = schema;

type Segment = NonNullable<(typeof customers.$inferSelect)["rfmSegment"]>;
type MembershipStatus = (typeof customers.$inferSelect)["membershipStatus"];

export interface CustomerSearchFilters {
  email?: string | undefined;
  tierId?: number | undefined;
  segment?: Segment | undefined;
  membershipStatus?: MembershipStatus | undefined;
  balanceMin?: number | undefined;
  balanceMax?: number | undefined;
  cursor?: number | undefined;
  limit: number;
}

/** The column AAD contexts the writers use (worker `customer-records.ts`, the demo seed). */
const PII = {
  email: "customers.email",
  firstName: "customers.first_name",
  lastName: "customers.last_name",
  phone: "customers.phone",
} as const;

export function notFound(message: string): never {
  throw new TRPCError({ code: "NOT_FOUND", message });
}

/** The customer's id if they belong to the shop; NOT_FOUND otherwise (another shop's id included). */
export async function requireShopCustomer(db: Executor, shopId: string, customerId: number) {
  const [row] = await db
    .select({ id: customers.id, tierPinned: customers.tierPinned })
    .from(customers)
    .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)));
  if (!row) notFound("Customer not found.");
  return row;
}

const summaryColumns = {
  id: customers.id,
  shopifyCustomerId: customers.shopifyCustomerId,
  emailEnc: customers.emailEnc,
  firstNameEnc: customers.firstNameEnc,
  lastNameEnc: customers.lastNameEnc,
  membershipStatus: customers.membershipStatus,
  segment: customers.rfmSegment,
  isTombstone: customers.isTombstone,
  tierId: vipTiers.id,
  tierName: vipTiers.name,
  available: pointBalances.available,
  pending: pointBalances.pending,
};

interface SummaryRow {
  id: number;
  shopifyCustomerId: number | null;
  emailEnc: string | null;
  firstNameEnc: string | null;
  lastNameEnc: string | null;
  membershipStatus: MembershipStatus;
  segment: Segment | null;
  isTombstone: boolean;
  tierId: number | null;
  tierName: string | null;
  available: number | null;
  pending: number | null;
}

function toSummary(keyring: PiiKeyring, row: SummaryRow) {
  return {
    id: row.id,
    shopifyCustomerId: row.shopifyCustomerId === null ? null : String(row.shopifyCustomerId),
    email: decryptOptional(keyring, row.emailEnc, PII.email),
    firstName: decryptOptional(keyring, row.firstNameEnc, PII.firstName),
    lastName: decryptOptional(keyring, row.lastNameEnc, PII.lastName),
    membershipStatus: row.membershipStatus,
    segment: row.segment,
    isTombstone: row.isTombstone,
    tier: row.tierId === null || row.tierName === null ? null : { id: row.tierId, name: row.tierName },
    balance: { available: row.available ?? 0, pending: row.pending ?? 0 },
  };
}

/** Joins a customer row to its balance and tier, always within the customer's shop. */
function summaryQuery(db: Executor) {
  return db
    .select(summaryColumns)
    .from(customers)
    .leftJoin(
      pointBalances,
      and(eq(pointBalances.shopId, customers.shopId), eq(pointBalances.customerId, customers.id)),
    )
    .leftJoin(vipTiers, and(eq(vipTiers.shopId, customers.shopId), eq(vipTiers.id, customers.tierId)));
}

/**
 * Newest customers first, keyset-paginated by id. An e-mail is matched exactly through the blind
 * index (normalised: case and surrounding spaces do not matter); the other filters combine with AND.
 */
export async function searchCustomers(
  db: Executor,
  keyring: PiiKeyring,
  shopId: string,
  f: CustomerSearchFilters,
) {
  const conditions: (SQL | undefined)[] = [
    eq(customers.shopId, shopId),
    f.email === undefined ? undefined : eq(customers.emailHash, emailBlindIndex(keyring, f.email)),
    f.tierId === undefined ? undefined : eq(customers.tierId, f.tierId),
    f.segment === undefined ? undefined : eq(customers.rfmSegment, f.segment),
    f.membershipStatus === undefined ? undefined : eq(customers.membershipStatus, f.membershipStatus),
    // A customer without a balance row has 0 points.
    f.balanceMin === undefined
      ? undefined
      : f.balanceMin <= 0
        ? or(gte(pointBalances.available, f.balanceMin), isNull(pointBalances.available))
        : gte(pointBalances.available, f.balanceMin),
    f.balanceMax === undefined
      ? undefined
      : f.balanceMax >= 0
        ? or(lte(pointBalances.available, f.balanceMax), isNull(pointBalances.available))
        : lte(pointBalances.available, f.balanceMax),
    f.cursor === undefined ? undefined : lt(customers.id, f.cursor),
  ];
  const rows = await summaryQuery(db)
    .where(and(...conditions))
    .orderBy(desc(customers.id))
    .limit(f.limit + 1);
  return page(
    rows.map((r) => toSummary(keyring, r)),
    f.limit,
  );
}

/** `limit + 1` rows in: the page, and the cursor to the next page when there is one. */
export function page<T extends { id: number }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items[items.length - 1]!.id : null };
}

const ledgerColumns = {
  id: pointsLedger.id,
  kind: pointsLedger.kind,
  amount: pointsLedger.amount,
  status: pointsLedger.status,
  sourceType: pointsLedger.sourceType,
  sourceId: pointsLedger.sourceId,
  reason: pointsLedger.reason,
  actorType: pointsLedger.actorType,
  availableAt: pointsLedger.availableAt,
  occurredAt: pointsLedger.occurredAt,
  createdAt: pointsLedger.createdAt,
};

/** One page of a customer's ledger, newest first. The customer must be checked to be the shop's. */
export async function customerLedgerPage(
  db: Executor,
  shopId: string,
  customerId: number,
  cursor: number | undefined,
  limit: number,
) {
  const rows = await db
    .select(ledgerColumns)
    .from(pointsLedger)
    .where(
      and(
        eq(pointsLedger.shopId, shopId),
        eq(pointsLedger.customerId, customerId),
        cursor === undefined ? undefined : lt(pointsLedger.id, cursor),
      ),
    )
    .orderBy(desc(pointsLedger.id))
    .limit(limit + 1);
  return page(rows, limit);
}

const DETAIL_LIST_LIMIT = 20;

/** Everything the customer page shows; NOT_FOUND for a customer that is not the shop's. */
export async function customerDetail(db: Executor, keyring: PiiKeyring, shopId: string, customerId: number) {
  const [row] = await db
    .select({
      ...summaryColumns,
      phoneEnc: customers.phoneEnc,
      countryCode: customers.countryCode,
      locale: customers.locale,
      tags: customers.tags,
      marketingConsent: customers.marketingConsent,
      joinedAt: customers.joinedAt,
      holdout: customers.holdout,
      tierAchievedAt: customers.tierAchievedAt,
      tierPinned: customers.tierPinned,
      tierPinnedUntil: customers.tierPinnedUntil,
      rfmRecency: customers.rfmRecencyScore,
      rfmFrequency: customers.rfmFrequencyScore,
      rfmMonetary: customers.rfmMonetaryScore,
      rfmCompositeX10: customers.rfmCompositeX10,
      rfmBigSpender: customers.rfmBigSpender,
      lastActivityAt: customers.lastActivityAt,
      createdAt: customers.createdAt,
      lifetimeEarned: pointBalances.lifetimeEarned,
      lifetimeRedeemed: pointBalances.lifetimeRedeemed,
    })
    .from(customers)
    .leftJoin(
      pointBalances,
      and(eq(pointBalances.shopId, customers.shopId), eq(pointBalances.customerId, customers.id)),
    )
    .leftJoin(vipTiers, and(eq(vipTiers.shopId, customers.shopId), eq(vipTiers.id, customers.tierId)))
    .where(and(eq(customers.shopId, shopId), eq(customers.id, customerId)));
  if (!row) notFound("Customer not found.");

  const [ledger, redemptionRows, asAdvocate, asFriend, history] = await Promise.all([
    customerLedgerPage(db, shopId, customerId, undefined, DETAIL_LIST_LIMIT),
    db
      .select({
        id: redemptions.id,
        rewardId: redemptions.rewardId,
        rewardSnapshot: redemptions.rewardSnapshot,
        status: redemptions.status,
        pointsSpent: redemptions.pointsSpent,
        valueMinor: redemptions.valueMinor,
        currency: redemptions.currency,
        channel: redemptions.channel,
        discountCode: redemptions.discountCode,
        expiresAt: redemptions.expiresAt,
        createdAt: redemptions.createdAt,
      })
      .from(redemptions)
      .where(and(eq(redemptions.shopId, shopId), eq(redemptions.customerId, customerId)))
      .orderBy(desc(redemptions.id))
      .limit(DETAIL_LIST_LIMIT),
    db
      .select(referralColumns)
      .from(referrals)
      .where(and(eq(referrals.shopId, shopId), eq(referrals.advocateCustomerId, customerId)))
      .orderBy(desc(referrals.id))
      .limit(DETAIL_LIST_LIMIT),
    db
      .select(referralColumns)
      .from(referrals)
      .where(and(eq(referrals.shopId, shopId), eq(referrals.friendCustomerId, customerId)))
      .limit(1),
    db
      .select({
        id: tierHistory.id,
        fromTierId: tierHistory.fromTierId,
        toTierId: tierHistory.toTierId,
        reason: tierHistory.reason,
        pinnedUntil: tierHistory.pinnedUntil,
        note: tierHistory.note,
        actorType: tierHistory.actorType,
        createdAt: tierHistory.createdAt,
      })
      .from(tierHistory)
      .where(and(eq(tierHistory.shopId, shopId), eq(tierHistory.customerId, customerId)))
      .orderBy(desc(tierHistory.id))
      .limit(DETAIL_LIST_LIMIT),
  ]);

  return {
    row,
    summary: toSummary(keyring, row),
    phone: decryptOptional(keyring, row.phoneEnc, PII.phone),
    ledger,
    redemptions: redemptionRows,
    referralsAsAdvocate: asAdvocate,
    referralAsFriend: asFriend[0] ?? null,
    tierHistory: history,
  };
}

const referralColumns = {
  id: referrals.id,
  status: referrals.status,
  advocateCustomerId: referrals.advocateCustomerId,
  friendCustomerId: referrals.friendCustomerId,
  fraudScore: referrals.fraudScore,
  fraudReasons: referrals.fraudReasons,
  advocatePointsAwarded: referrals.advocatePointsAwarded,
  completedAt: referrals.completedAt,
  createdAt: referrals.createdAt,
};
