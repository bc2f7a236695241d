import { eq, shopScope, type PlanStep, type TenantTable } from "./plan";

/**
 * Every tenant table, in an order that deletes children before parents, so each delete succeeds on
 * its own even where a foreign key does not cascade (`redemptions` and `vip_tiers` → `rewards`).
 */
export const SHOP_TABLES_DELETE_ORDER: readonly TenantTable[] = [
  "import_rows",
  "import_jobs",
  "webhook_deliveries",
  "gdpr_requests",
  "audit_log",
  "notification_log",
  "order_refunds",
  "order_summaries",
  "rfm_segment_counts",
  "rfm_shop_context",
  "rfm_scores",
  "rfm_settings",
  "campaign_versions",
  "campaigns",
  "earning_rule_versions",
  "earning_rules",
  "referral_visits",
  "referrals",
  "referral_codes",
  "tier_history",
  "points_ledger",
  "ledger_refusals",
  "point_balances",
  "customer_metafield_sync",
  "redemptions",
  "customers",
  "vip_tiers",
  "rewards",
  "plan_usage",
  "shop_settings",
  "shopify_sessions",
];

/** The session setting the ledger's append-only trigger checks before allowing deletes (migration 0001). */
export const ERASING_SHOP_SETTING = "loyalnest.erasing_shop";

export interface ShopRedactionPlan {
  kind: "shop_redact";
  shopId: string;
  /** `SET LOCAL` these first, in the same transaction. */
  sessionSettings: { name: string; value: string }[];
  steps: PlanStep[];
}

/**
 * §13 "`shop/redact`: delete every row of the shop." Every tenant table's rows of the shop are
 * deleted explicitly (not left to cascades, so the log shows each table and the plan fails loudly
 * if a table is missing), and last the `shops` row itself: afterwards no row of the shop remains
 * (quality.md's privacy check). A later re-install starts the shop afresh.
 */
export function buildShopRedactionPlan(input: { shopId: string; at: Date }): ShopRedactionPlan {
  const { shopId } = input;
  const steps: PlanStep[] = SHOP_TABLES_DELETE_ORDER.map((table) => ({
    action: "delete",
    table,
    where: [shopScope(shopId)],
    why: `shop/redact: every ${table} row of the shop`,
  }));
  steps.push({
    action: "delete",
    table: "shops",
    where: [eq("id", shopId)],
    why: "shop/redact: the shop itself",
  });
  return {
    kind: "shop_redact",
    shopId,
    sessionSettings: [{ name: ERASING_SHOP_SETTING, value: shopId }],
    steps,
  };
}
