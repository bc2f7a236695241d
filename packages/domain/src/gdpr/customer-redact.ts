import { eq, shopScope, type Condition, type PlanStep, type RetainedTable } from "./plan";

/** §13 `customers/redact`: the plan for one customer, applied in one transaction. */
export interface CustomerRedactionPlan {
  kind: "customer_redact";
  shopId: string;
  customerId: number;
  steps: PlanStep[];
  retained: RetainedTable[];
}

/**
 * Personal columns of `customers`, and what each becomes. The row itself stays as the anonymous
 * tombstone the ledger hangs on (`is_tombstone`). Rules chosen beyond the spec's list:
 * - the Shopify customer id is cleared too, so nothing links the tombstone back to the person and a
 *   later order by the same Shopify id creates a fresh member;
 * - country, locale and tags go with the names (tags are free text and often hold personal notes);
 * - consent becomes `redacted` (the enum value Shopify uses) and membership `excluded`, so no job
 *   ever earns, e-mails or scores for the tombstone again.
 * Tier, RFM scores, holdout flag and activity dates are not personal on their own and are kept so
 * the shop's analytics still add up.
 */
export const CUSTOMER_PII_COLUMNS = [
  "shopify_customer_id",
  "email_enc",
  "email_hash",
  "first_name_enc",
  "last_name_enc",
  "phone_enc",
  "birthday_enc",
  "birthday_month",
  "birthday_day",
  "birthday_set_at",
  "shipping_address_hash",
  "country_code",
  "locale",
] as const;

/**
 * Builds the plan. `emailHash` is the customer's blind index read *before* redaction; with it, guest
 * orders and import rows that carry only that hash are cleaned too. Rules chosen:
 * - referral visit fingerprints (hashed IP, user agent, visitor token) are cleared both for visits
 *   through the customer's own code and for the visit that brought them in as a friend;
 * - a stored data-request export of this customer is dropped (it is a copy of everything erased);
 * - imported CSV rows of the customer are deleted (`data_enc` is not nullable and is nothing but PII);
 * - free-text fields that may quote a person (tier-history notes, notification errors) are cleared.
 * Ledger rows are never touched (append-only, §3): they stay attached to the tombstone.
 */
export function buildCustomerRedactionPlan(input: {
  shopId: string;
  customerId: number;
  emailHash: string | null;
  at: Date;
}): CustomerRedactionPlan {
  const { shopId, customerId, at } = input;
  const shop = shopScope(shopId);
  const ofCustomer = (column = "customer_id"): Condition[] => [shop, eq(column, customerId)];
  const steps: PlanStep[] = [
    {
      action: "update",
      table: "referral_visits",
      where: [
        shop,
        {
          column: "referral_code_id",
          op: "in",
          select: { table: "referral_codes", column: "id", where: ofCustomer() },
        },
      ],
      set: { ip_hash: null, user_agent_hash: null, visitor_token: "redacted" },
      why: "referral visit fingerprints through the customer's code",
    },
    {
      action: "update",
      table: "referral_visits",
      where: [
        shop,
        {
          column: "id",
          op: "in",
          select: { table: "referrals", column: "visit_id", where: ofCustomer("friend_customer_id") },
        },
      ],
      set: { ip_hash: null, user_agent_hash: null, visitor_token: "redacted" },
      why: "the referral visit that brought the customer in",
    },
    {
      action: "update",
      table: "referrals",
      where: ofCustomer("friend_customer_id"),
      set: { friend_email_hash: null, updated_at: at },
      why: "the customer's e-mail hash as a referred friend",
    },
    {
      action: "update",
      table: "order_summaries",
      where: ofCustomer(),
      set: { guest_email_hash: null, shipping_address_hash: null, country_code: null, updated_at: at },
      why: "address and e-mail hashes on the customer's orders (amounts stay for the shop's totals)",
    },
    {
      action: "update",
      table: "notification_log",
      where: ofCustomer(),
      set: { last_error: null, updated_at: at },
      why: "delivery errors can quote the e-mail address",
    },
    {
      action: "update",
      table: "tier_history",
      where: ofCustomer(),
      set: { note: null },
      why: "staff notes are free text",
    },
    {
      action: "update",
      table: "gdpr_requests",
      where: [...ofCustomer(), eq("kind", "data_request")],
      set: { export_enc: null },
      why: "a stored data export is a copy of the personal data",
    },
    {
      action: "delete",
      table: "import_rows",
      where: ofCustomer(),
      why: "imported CSV rows hold the customer's original personal data",
    },
  ];
  if (input.emailHash) {
    steps.push(
      {
        action: "update",
        table: "order_summaries",
        where: [shop, eq("guest_email_hash", input.emailHash)],
        set: { guest_email_hash: null, shipping_address_hash: null, updated_at: at },
        why: "guest orders waiting to be matched to the customer by e-mail",
      },
      {
        action: "delete",
        table: "import_rows",
        where: [shop, eq("email_hash", input.emailHash)],
        why: "import rows matching the customer's e-mail",
      },
    );
  }
  steps.push({
    action: "update",
    table: "customers",
    where: ofCustomer("id"),
    set: {
      ...Object.fromEntries(CUSTOMER_PII_COLUMNS.map((c) => [c, null])),
      tags: [],
      marketing_consent: "redacted",
      marketing_consent_updated_at: at,
      membership_status: "excluded",
      is_tombstone: true,
      redacted_at: at,
      updated_at: at,
    },
    why: "the customer row becomes an anonymous tombstone the ledger stays attached to",
  });
  return { kind: "customer_redact", shopId, customerId, steps, retained: CUSTOMER_REDACT_RETAINED };
}

/** §13 "ledger rows stay, attached to an anonymous tombstone, so the shop's totals still add up". */
export const CUSTOMER_REDACT_RETAINED: RetainedTable[] = [
  { table: "points_ledger", why: "append-only; the shop's points totals and liability must still add up" },
  { table: "point_balances", why: "balance = sum(ledger) must keep holding for the tombstone" },
  { table: "ledger_refusals", why: "refused debits: amounts and request keys only, no personal data" },
  {
    table: "redemptions",
    why: "issued discount codes and their value are the shop's accounting, not personal data",
  },
  {
    table: "referrals",
    why: "rewards granted to other customers depend on them (friend e-mail hash cleared)",
  },
  { table: "referral_codes", why: "a random code, not personal data" },
  { table: "tier_history", why: "tier statistics (notes cleared)" },
  { table: "rfm_scores", why: "scores and amounts only; the daily segment counts stay consistent" },
  { table: "notification_log", why: "kind, channel and status only (errors cleared)" },
  { table: "audit_log", why: "records actions by id and non-personal values only" },
];
