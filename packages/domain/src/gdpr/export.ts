/**
 * §13 `customers/data_request`: "assemble everything held about the customer (profile, ledger,
 * redemptions, referrals, tier history, RFM, consents, notifications) into a JSON export". The
 * builder takes plain, already-decrypted inputs and returns a JSON-safe document: every instant as
 * an ISO string, every amount an integer (points, or minor units with the currency), lists in
 * chronological order. Rules chosen: keyed hashes, encrypted blobs, internal keys and another
 * person's identity (the other side of a referral) are never included — the export is for the
 * customer to read, and hashes mean nothing to them.
 */

export const CUSTOMER_EXPORT_FORMAT = "loyalnest.customer-data-export";
export const CUSTOMER_EXPORT_VERSION = 1;

type Iso = string;

// ---- inputs (plain values read by the service, Dates as Dates) ----

export interface ExportProfileInput {
  customerId: number;
  shopifyCustomerId: number | null;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  phone: string | null;
  /** YYYY-MM-DD, decrypted. */
  birthday: string | null;
  countryCode: string | null;
  locale: string | null;
  tags: readonly string[];
  membershipStatus: string;
  joinedAt: Date | null;
  tierName: string | null;
  tierAchievedAt: Date | null;
  balance: { available: number; pending: number; lifetimeEarned: number; lifetimeRedeemed: number };
}

export interface ExportLedgerInput {
  id: number;
  kind: string;
  amount: number;
  status: "pending" | "available" | "void";
  sourceType: string;
  sourceId: string | null;
  reason: string | null;
  occurredAt: Date;
  availableAt: Date | null;
}

export interface ExportRedemptionInput {
  id: number;
  rewardName: string;
  status: string;
  pointsSpent: number;
  valueMinor: number | null;
  currency: string | null;
  discountCode: string | null;
  createdAt: Date;
  issuedAt: Date | null;
  usedAt: Date | null;
  expiresAt: Date | null;
  releasedAt: Date | null;
}

export interface ExportReferralInput {
  id: number;
  /** The customer's side of the referral. */
  role: "advocate" | "friend";
  status: string;
  createdAt: Date;
  completedAt: Date | null;
  reversedAt: Date | null;
  advocatePointsAwarded: number;
}

export interface ExportTierChangeInput {
  fromTierName: string | null;
  toTierName: string | null;
  reason: string;
  at: Date;
}

export interface ExportRfmInput {
  recencyDays: number | null;
  frequency: number;
  monetaryMinor: number;
  r: number;
  f: number;
  m: number;
  compositeX10: number;
  segment: string;
  bigSpender: boolean;
  computedAt: Date;
}

export interface ExportConsentInput {
  marketingConsent: string;
  updatedAt: Date | null;
}

export interface ExportNotificationInput {
  kind: string;
  channel: string;
  locale: string;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
}

export interface CustomerDataExportInput {
  shop: { domain: string; currency: string };
  generatedAt: Date;
  profile: ExportProfileInput;
  referralCode: string | null;
  ledger: readonly ExportLedgerInput[];
  redemptions: readonly ExportRedemptionInput[];
  referrals: readonly ExportReferralInput[];
  tierHistory: readonly ExportTierChangeInput[];
  rfm: ExportRfmInput | null;
  consents: ExportConsentInput;
  notifications: readonly ExportNotificationInput[];
}

// ---- the document ----

export interface CustomerDataExport {
  format: typeof CUSTOMER_EXPORT_FORMAT;
  version: typeof CUSTOMER_EXPORT_VERSION;
  generatedAt: Iso;
  shop: { domain: string; currency: string };
  profile: Omit<ExportProfileInput, "joinedAt" | "tierAchievedAt" | "tags" | "balance"> & {
    tags: string[];
    joinedAt: Iso | null;
    tierAchievedAt: Iso | null;
  };
  points: {
    balance: ExportProfileInput["balance"];
    /** Sum of the ledger rows by status, so the reader can check the balance against the history. */
    ledgerTotals: { available: number; pending: number };
    ledger: (Omit<ExportLedgerInput, "occurredAt" | "availableAt"> & {
      occurredAt: Iso;
      availableAt: Iso | null;
    })[];
  };
  redemptions: (Omit<
    ExportRedemptionInput,
    "createdAt" | "issuedAt" | "usedAt" | "expiresAt" | "releasedAt"
  > & {
    createdAt: Iso;
    issuedAt: Iso | null;
    usedAt: Iso | null;
    expiresAt: Iso | null;
    releasedAt: Iso | null;
  })[];
  referrals: {
    code: string | null;
    history: (Omit<ExportReferralInput, "createdAt" | "completedAt" | "reversedAt"> & {
      createdAt: Iso;
      completedAt: Iso | null;
      reversedAt: Iso | null;
    })[];
  };
  tierHistory: (Omit<ExportTierChangeInput, "at"> & { at: Iso })[];
  rfm: (Omit<ExportRfmInput, "computedAt"> & { computedAt: Iso }) | null;
  consents: { marketing: string; updatedAt: Iso | null };
  notifications: (Omit<ExportNotificationInput, "createdAt" | "sentAt"> & {
    createdAt: Iso;
    sentAt: Iso | null;
  })[];
}

const iso = (d: Date | null): Iso | null => (d ? d.toISOString() : null);

/** Chronological, ties by id when there is one, so the same data always gives the same document. */
function chronological<T>(rows: readonly T[], at: (r: T) => Date, id?: (r: T) => number): T[] {
  return [...rows].sort((a, b) => at(a).getTime() - at(b).getTime() || (id ? id(a) - id(b) : 0));
}

/** Field by field (never a spread), so extra columns of a database row — hashes, keys — cannot leak in. */
const exportRfm = (r: ExportRfmInput): NonNullable<CustomerDataExport["rfm"]> => ({
  recencyDays: r.recencyDays,
  frequency: r.frequency,
  monetaryMinor: r.monetaryMinor,
  r: r.r,
  f: r.f,
  m: r.m,
  compositeX10: r.compositeX10,
  segment: r.segment,
  bigSpender: r.bigSpender,
  computedAt: r.computedAt.toISOString(),
});

export function buildCustomerDataExport(input: CustomerDataExportInput): CustomerDataExport {
  const { profile } = input;
  const ledgerTotals = { available: 0, pending: 0 };
  for (const row of input.ledger) {
    if (row.status !== "void") ledgerTotals[row.status] += row.amount;
  }
  return {
    format: CUSTOMER_EXPORT_FORMAT,
    version: CUSTOMER_EXPORT_VERSION,
    generatedAt: input.generatedAt.toISOString(),
    shop: { domain: input.shop.domain, currency: input.shop.currency },
    profile: {
      customerId: profile.customerId,
      shopifyCustomerId: profile.shopifyCustomerId,
      email: profile.email,
      firstName: profile.firstName,
      lastName: profile.lastName,
      phone: profile.phone,
      birthday: profile.birthday,
      countryCode: profile.countryCode,
      locale: profile.locale,
      tags: [...profile.tags],
      membershipStatus: profile.membershipStatus,
      joinedAt: iso(profile.joinedAt),
      tierName: profile.tierName,
      tierAchievedAt: iso(profile.tierAchievedAt),
    },
    points: {
      balance: {
        available: profile.balance.available,
        pending: profile.balance.pending,
        lifetimeEarned: profile.balance.lifetimeEarned,
        lifetimeRedeemed: profile.balance.lifetimeRedeemed,
      },
      ledgerTotals,
      ledger: chronological(
        input.ledger,
        (r) => r.occurredAt,
        (r) => r.id,
      ).map((r) => ({
        id: r.id,
        kind: r.kind,
        amount: r.amount,
        status: r.status,
        sourceType: r.sourceType,
        sourceId: r.sourceId,
        reason: r.reason,
        occurredAt: r.occurredAt.toISOString(),
        availableAt: iso(r.availableAt),
      })),
    },
    redemptions: chronological(
      input.redemptions,
      (r) => r.createdAt,
      (r) => r.id,
    ).map((r) => ({
      id: r.id,
      rewardName: r.rewardName,
      status: r.status,
      pointsSpent: r.pointsSpent,
      valueMinor: r.valueMinor,
      currency: r.currency,
      discountCode: r.discountCode,
      createdAt: r.createdAt.toISOString(),
      issuedAt: iso(r.issuedAt),
      usedAt: iso(r.usedAt),
      expiresAt: iso(r.expiresAt),
      releasedAt: iso(r.releasedAt),
    })),
    referrals: {
      code: input.referralCode,
      history: chronological(
        input.referrals,
        (r) => r.createdAt,
        (r) => r.id,
      ).map((r) => ({
        id: r.id,
        role: r.role,
        status: r.status,
        advocatePointsAwarded: r.role === "advocate" ? r.advocatePointsAwarded : 0,
        createdAt: r.createdAt.toISOString(),
        completedAt: iso(r.completedAt),
        reversedAt: iso(r.reversedAt),
      })),
    },
    tierHistory: chronological(input.tierHistory, (r) => r.at).map((r) => ({
      fromTierName: r.fromTierName,
      toTierName: r.toTierName,
      reason: r.reason,
      at: r.at.toISOString(),
    })),
    rfm: input.rfm ? exportRfm(input.rfm) : null,
    consents: { marketing: input.consents.marketingConsent, updatedAt: iso(input.consents.updatedAt) },
    notifications: chronological(input.notifications, (r) => r.createdAt).map((r) => ({
      kind: r.kind,
      channel: r.channel,
      locale: r.locale,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      sentAt: iso(r.sentAt),
    })),
  };
}
