import { pgEnum } from "drizzle-orm/pg-core";

export const shopStatus = pgEnum("shop_status", ["active", "uninstalled", "redacted"]);
export const planName = pgEnum("plan_name", ["free", "starter", "growth", "pro"]);

export const membershipMode = pgEnum("membership_mode", ["automatic", "opt_in"]);
export const membershipStatus = pgEnum("membership_status", ["member", "not_member", "excluded"]);
export const marketingConsent = pgEnum("marketing_consent", [
  "subscribed",
  "not_subscribed",
  "unsubscribed",
  "pending",
  "redacted",
  "invalid",
]);

export const expiryPolicy = pgEnum("expiry_policy", ["none", "inactivity"]);
export const tierMetric = pgEnum("tier_metric", ["points_earned", "amount_spent"]);
export const tierWindow = pgEnum("tier_window", ["lifetime", "rolling_12_months", "calendar_year"]);

export const ledgerKind = pgEnum("ledger_kind", [
  "earn",
  "redeem",
  "refund_clawback",
  "expire",
  "adjust",
  "import",
  "reversal",
]);
export const ledgerStatus = pgEnum("ledger_status", ["pending", "available", "void"]);
export const ledgerSourceType = pgEnum("ledger_source_type", [
  "order",
  "refund",
  "redemption",
  "referral",
  "campaign",
  "tier_entry",
  "signup",
  "birthday",
  "newsletter",
  "review",
  "social",
  "import_row",
  "staff",
  "pos",
  "system",
]);

export const earningRuleKind = pgEnum("earning_rule_kind", [
  "purchase",
  "signup",
  "birthday",
  "newsletter",
  "review",
  "social",
]);

export const rewardType = pgEnum("reward_type", [
  "fixed_amount",
  "percentage",
  "free_shipping",
  "free_product",
  "store_credit",
  "points_for_money",
]);
export const redemptionStatus = pgEnum("redemption_status", ["reserved", "issued", "used", "released"]);
export const salesChannel = pgEnum("sales_channel", ["online", "pos", "other"]);

export const tierChangeReason = pgEnum("tier_change_reason", [
  "initial",
  "upgrade",
  "downgrade",
  "pin",
  "unpin",
  "pin_expired",
  "import",
]);

export const referralStatus = pgEnum("referral_status", [
  "pending",
  "completed",
  "flagged",
  "approved",
  "rejected",
  "reversed",
]);

export const campaignType = pgEnum("campaign_type", ["multiplier", "fixed_bonus"]);

export const rfmMode = pgEnum("rfm_mode", ["bands", "quintile"]);
export const rfmPreset = pgEnum("rfm_preset", ["default", "subscription", "custom"]);
export const rfmSegment = pgEnum("rfm_segment", [
  "inactive",
  "champions",
  "loyal",
  "new",
  "at_risk",
  "hibernating",
  "needs_attention",
]);

export const webhookDeliveryStatus = pgEnum("webhook_delivery_status", [
  "received",
  "processing",
  "processed",
  "parked",
  "failed",
  "dead",
  "ignored",
]);

export const gdprRequestKind = pgEnum("gdpr_request_kind", [
  "data_request",
  "customer_redact",
  "shop_redact",
]);
export const gdprRequestStatus = pgEnum("gdpr_request_status", [
  "received",
  "processing",
  "completed",
  "failed",
]);

export const actorType = pgEnum("actor_type", ["staff", "system", "shopper", "pos_staff", "support"]);

export const notificationKind = pgEnum("notification_kind", [
  "points_earned",
  "reward_issued",
  "tier_up",
  "expiry_warning",
  "referral_completed",
]);
export const notificationStatus = pgEnum("notification_status", [
  "queued",
  "sent",
  "skipped_no_consent",
  "failed",
]);

export const importFormat = pgEnum("import_format", ["smile", "loyaltylion", "generic"]);
export const importJobStatus = pgEnum("import_job_status", [
  "uploaded",
  "validating",
  "validated",
  "importing",
  "completed",
  "failed",
]);
export const importRowStatus = pgEnum("import_row_status", [
  "pending",
  "valid",
  "invalid",
  "imported",
  "skipped",
]);
