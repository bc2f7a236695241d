/**
 * GDPR plans are data, not code: lists of table / column names (as in the database, snake_case,
 * matching packages/db/src/schema) with their conditions, so a service can apply them in one
 * transaction, log them, and a test can check every name against the schema.
 */

/** Every tenant table of the schema (all carry `shop_id`). */
export type TenantTable =
  | "shopify_sessions"
  | "shop_settings"
  | "plan_usage"
  | "customers"
  | "point_balances"
  | "customer_metafield_sync"
  | "points_ledger"
  | "ledger_refusals"
  | "rewards"
  | "redemptions"
  | "vip_tiers"
  | "tier_history"
  | "referral_codes"
  | "referral_visits"
  | "referrals"
  | "earning_rules"
  | "earning_rule_versions"
  | "campaigns"
  | "campaign_versions"
  | "rfm_settings"
  | "rfm_scores"
  | "rfm_segment_counts"
  | "rfm_shop_context"
  | "order_summaries"
  | "order_refunds"
  | "webhook_deliveries"
  | "gdpr_requests"
  | "audit_log"
  | "notification_log"
  | "import_jobs"
  | "import_rows";

export type DbTable = TenantTable | "shops";

/** A value a plan writes or compares; Dates are timestamps, string arrays are `text[]`. */
export type ColumnValue = string | number | boolean | Date | null | readonly string[];

/**
 * A condition on a row; a step's conditions are ANDed. `in` is a sub-select
 * (`column IN (SELECT select.column FROM select.table WHERE …)`).
 */
export type Condition =
  | { column: string; op: "eq"; value: ColumnValue }
  | { column: string; op: "in"; select: { table: DbTable; column: string; where: readonly Condition[] } };

export interface UpdateStep {
  action: "update";
  table: DbTable;
  where: readonly Condition[];
  set: Readonly<Record<string, ColumnValue>>;
  /** Why this step exists, for the GDPR request's log. */
  why: string;
}

export interface DeleteStep {
  action: "delete";
  table: DbTable;
  where: readonly Condition[];
  why: string;
}

export type PlanStep = UpdateStep | DeleteStep;

/** A table the plan deliberately leaves as it is, and why. */
export interface RetainedTable {
  table: DbTable;
  why: string;
}

export const eq = (column: string, value: ColumnValue): Condition => ({ column, op: "eq", value });
export const shopScope = (shopId: string): Condition => eq("shop_id", shopId);
