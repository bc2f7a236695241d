CREATE TYPE "public"."actor_type" AS ENUM('staff', 'system', 'shopper', 'pos_staff', 'support');--> statement-breakpoint
CREATE TYPE "public"."campaign_type" AS ENUM('multiplier', 'fixed_bonus');--> statement-breakpoint
CREATE TYPE "public"."earning_rule_kind" AS ENUM('purchase', 'signup', 'birthday', 'newsletter', 'review', 'social');--> statement-breakpoint
CREATE TYPE "public"."expiry_policy" AS ENUM('none', 'inactivity');--> statement-breakpoint
CREATE TYPE "public"."gdpr_request_kind" AS ENUM('data_request', 'customer_redact', 'shop_redact');--> statement-breakpoint
CREATE TYPE "public"."gdpr_request_status" AS ENUM('received', 'processing', 'completed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."import_format" AS ENUM('smile', 'loyaltylion', 'generic');--> statement-breakpoint
CREATE TYPE "public"."import_job_status" AS ENUM('uploaded', 'validating', 'validated', 'importing', 'completed', 'failed');--> statement-breakpoint
CREATE TYPE "public"."import_row_status" AS ENUM('pending', 'valid', 'invalid', 'imported', 'skipped');--> statement-breakpoint
CREATE TYPE "public"."ledger_kind" AS ENUM('earn', 'redeem', 'refund_clawback', 'expire', 'adjust', 'import', 'reversal');--> statement-breakpoint
CREATE TYPE "public"."ledger_source_type" AS ENUM('order', 'refund', 'redemption', 'referral', 'campaign', 'tier_entry', 'signup', 'birthday', 'newsletter', 'review', 'social', 'import_row', 'staff', 'pos', 'system');--> statement-breakpoint
CREATE TYPE "public"."ledger_status" AS ENUM('pending', 'available', 'void');--> statement-breakpoint
CREATE TYPE "public"."marketing_consent" AS ENUM('subscribed', 'not_subscribed', 'unsubscribed', 'pending', 'redacted', 'invalid');--> statement-breakpoint
CREATE TYPE "public"."membership_mode" AS ENUM('automatic', 'opt_in');--> statement-breakpoint
CREATE TYPE "public"."membership_status" AS ENUM('member', 'not_member', 'excluded');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('points_earned', 'reward_issued', 'tier_up', 'expiry_warning', 'referral_completed');--> statement-breakpoint
CREATE TYPE "public"."notification_status" AS ENUM('queued', 'sent', 'skipped_no_consent', 'failed');--> statement-breakpoint
CREATE TYPE "public"."plan_name" AS ENUM('free', 'starter', 'growth', 'pro');--> statement-breakpoint
CREATE TYPE "public"."redemption_status" AS ENUM('reserved', 'issued', 'used', 'released');--> statement-breakpoint
CREATE TYPE "public"."referral_status" AS ENUM('pending', 'completed', 'flagged', 'approved', 'rejected', 'reversed');--> statement-breakpoint
CREATE TYPE "public"."reward_type" AS ENUM('fixed_amount', 'percentage', 'free_shipping', 'free_product', 'store_credit', 'points_for_money');--> statement-breakpoint
CREATE TYPE "public"."rfm_mode" AS ENUM('bands', 'quintile');--> statement-breakpoint
CREATE TYPE "public"."rfm_preset" AS ENUM('default', 'subscription', 'custom');--> statement-breakpoint
CREATE TYPE "public"."rfm_segment" AS ENUM('inactive', 'champions', 'loyal', 'new', 'at_risk', 'hibernating', 'needs_attention');--> statement-breakpoint
CREATE TYPE "public"."sales_channel" AS ENUM('online', 'pos', 'other');--> statement-breakpoint
CREATE TYPE "public"."shop_status" AS ENUM('active', 'uninstalled', 'redacted');--> statement-breakpoint
CREATE TYPE "public"."tier_change_reason" AS ENUM('initial', 'upgrade', 'downgrade', 'pin', 'unpin', 'pin_expired', 'import');--> statement-breakpoint
CREATE TYPE "public"."tier_metric" AS ENUM('points_earned', 'amount_spent');--> statement-breakpoint
CREATE TYPE "public"."tier_window" AS ENUM('lifetime', 'rolling_12_months', 'calendar_year');--> statement-breakpoint
CREATE TYPE "public"."webhook_delivery_status" AS ENUM('received', 'processing', 'processed', 'parked', 'failed', 'dead', 'ignored');--> statement-breakpoint
CREATE TABLE "plan_usage" (
	"shop_id" uuid NOT NULL,
	"period_start" date NOT NULL,
	"plan" "plan_name" NOT NULL,
	"orders_count" integer DEFAULT 0 NOT NULL,
	"order_limit" integer,
	"limit_reached_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_usage_shop_id_period_start_pk" PRIMARY KEY("shop_id","period_start")
);
--> statement-breakpoint
CREATE TABLE "shop_settings" (
	"shop_id" uuid PRIMARY KEY NOT NULL,
	"programme_enabled" boolean DEFAULT true NOT NULL,
	"membership_mode" "membership_mode" DEFAULT 'automatic' NOT NULL,
	"points_name_singular" text DEFAULT 'point' NOT NULL,
	"points_name_plural" text DEFAULT 'points' NOT NULL,
	"earn_points" integer DEFAULT 10 NOT NULL,
	"earn_per_minor" integer DEFAULT 100 NOT NULL,
	"include_shipping" boolean DEFAULT false NOT NULL,
	"include_taxes" boolean DEFAULT false NOT NULL,
	"include_tips" boolean DEFAULT false NOT NULL,
	"include_gift_cards" boolean DEFAULT false NOT NULL,
	"per_order_points_cap" integer,
	"pending_days" integer DEFAULT 0 NOT NULL,
	"expiry_policy" "expiry_policy" DEFAULT 'none' NOT NULL,
	"expiry_inactivity_days" integer DEFAULT 365 NOT NULL,
	"expiry_warning_days" integer DEFAULT 30 NOT NULL,
	"tier_metric" "tier_metric" DEFAULT 'points_earned' NOT NULL,
	"tier_window" "tier_window" DEFAULT 'lifetime' NOT NULL,
	"tier_retention_days" integer DEFAULT 365 NOT NULL,
	"release_unused_codes" boolean DEFAULT true NOT NULL,
	"referral_reversal_window_days" integer DEFAULT 30 NOT NULL,
	"referral_monthly_limit" integer DEFAULT 20 NOT NULL,
	"holdout_bp" integer DEFAULT 0 NOT NULL,
	"config" jsonb NOT NULL,
	"config_version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shopify_sessions" (
	"shop_id" uuid NOT NULL,
	"id" text NOT NULL,
	"is_online" boolean DEFAULT false NOT NULL,
	"scope" text,
	"access_token_enc" text NOT NULL,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_enc" text,
	"refresh_token_expires_at" timestamp with time zone,
	"token_version" integer DEFAULT 1 NOT NULL,
	"refresh_lease_until" timestamp with time zone,
	"user_id" text,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "shopify_sessions_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "shops" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"domain" text NOT NULL,
	"name" text NOT NULL,
	"currency" char(3) NOT NULL,
	"timezone" text NOT NULL,
	"primary_locale" text DEFAULT 'en' NOT NULL,
	"country_code" char(2),
	"shopify_plan" text DEFAULT 'basic' NOT NULL,
	"status" "shop_status" DEFAULT 'active' NOT NULL,
	"plan" "plan_name" DEFAULT 'free' NOT NULL,
	"subscription_id" text,
	"subscription_status" text,
	"installed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"uninstalled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"shop_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "customers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"shopify_customer_id" bigint,
	"email_enc" text,
	"email_hash" text,
	"first_name_enc" text,
	"last_name_enc" text,
	"phone_enc" text,
	"birthday_enc" text,
	"birthday_month" smallint,
	"birthday_day" smallint,
	"birthday_set_at" timestamp with time zone,
	"shipping_address_hash" text,
	"country_code" char(2),
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"locale" text,
	"marketing_consent" "marketing_consent" DEFAULT 'not_subscribed' NOT NULL,
	"marketing_consent_updated_at" timestamp with time zone,
	"membership_status" "membership_status" DEFAULT 'member' NOT NULL,
	"joined_at" timestamp with time zone,
	"holdout" boolean DEFAULT false NOT NULL,
	"tier_id" bigint,
	"tier_achieved_at" timestamp with time zone,
	"tier_pinned" boolean DEFAULT false NOT NULL,
	"tier_pinned_until" timestamp with time zone,
	"rfm_segment" "rfm_segment",
	"rfm_recency_score" smallint,
	"rfm_frequency_score" smallint,
	"rfm_monetary_score" smallint,
	"rfm_composite_x_10" smallint,
	"rfm_big_spender" boolean DEFAULT false NOT NULL,
	"last_activity_at" timestamp with time zone,
	"expiry_warned_at" timestamp with time zone,
	"is_tombstone" boolean DEFAULT false NOT NULL,
	"redacted_at" timestamp with time zone,
	"deleted_in_shopify_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customers_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "point_balances" (
	"shop_id" uuid NOT NULL,
	"customer_id" bigint NOT NULL,
	"available" integer DEFAULT 0 NOT NULL,
	"pending" integer DEFAULT 0 NOT NULL,
	"lifetime_earned" integer DEFAULT 0 NOT NULL,
	"lifetime_redeemed" integer DEFAULT 0 NOT NULL,
	"last_ledger_id" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_balances_shop_id_customer_id_pk" PRIMARY KEY("shop_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "points_ledger" (
	"shop_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "points_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" bigint NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"amount" integer NOT NULL,
	"status" "ledger_status" NOT NULL,
	"available_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	"voided_at" timestamp with time zone,
	"source_type" "ledger_source_type" NOT NULL,
	"source_id" text,
	"earning_rule_id" bigint,
	"earning_rule_version" integer,
	"campaign_id" bigint,
	"campaign_version" integer,
	"related_entry_id" bigint,
	"idempotency_key" text NOT NULL,
	"reason" text,
	"actor_type" "actor_type" DEFAULT 'system' NOT NULL,
	"actor_id" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "points_ledger_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "redemptions" (
	"shop_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "redemptions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" bigint NOT NULL,
	"reward_id" bigint NOT NULL,
	"reward_snapshot" jsonb NOT NULL,
	"status" "redemption_status" DEFAULT 'reserved' NOT NULL,
	"points_spent" integer NOT NULL,
	"value_minor" integer,
	"currency" char(3),
	"idempotency_key" text NOT NULL,
	"channel" "sales_channel" DEFAULT 'online' NOT NULL,
	"discount_code" text,
	"shopify_discount_id" text,
	"store_credit_transaction_id" text,
	"expires_at" timestamp with time zone,
	"issued_at" timestamp with time zone,
	"used_at" timestamp with time zone,
	"used_order_id" text,
	"released_at" timestamp with time zone,
	"release_reason" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "redemptions_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "rewards" (
	"shop_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "rewards_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"type" "reward_type" NOT NULL,
	"points_cost" integer NOT NULL,
	"value_minor" integer,
	"currency" char(3),
	"values_by_currency" jsonb,
	"percent_bp" integer,
	"product_variant_id" text,
	"pfm_step_points" integer,
	"pfm_step_value_minor" integer,
	"pfm_min_points" integer,
	"pfm_max_points" integer,
	"min_order_minor" integer,
	"code_expiry_days" integer DEFAULT 30 NOT NULL,
	"combines_with_order" boolean DEFAULT false NOT NULL,
	"combines_with_product" boolean DEFAULT false NOT NULL,
	"combines_with_shipping" boolean DEFAULT true NOT NULL,
	"per_customer_limit" integer,
	"min_tier_id" bigint,
	"channels" "sales_channel"[] DEFAULT '{online,pos}'::sales_channel[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rewards_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "tier_history" (
	"shop_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "tier_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" bigint NOT NULL,
	"from_tier_id" bigint,
	"to_tier_id" bigint,
	"reason" "tier_change_reason" NOT NULL,
	"metric_value" integer,
	"pinned_until" timestamp with time zone,
	"note" text,
	"actor_type" "actor_type" DEFAULT 'system' NOT NULL,
	"actor_id" text,
	"idempotency_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tier_history_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "vip_tiers" (
	"shop_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "vip_tiers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"threshold" integer NOT NULL,
	"earn_multiplier_bp" integer DEFAULT 10000 NOT NULL,
	"entry_reward_points" integer DEFAULT 0 NOT NULL,
	"entry_reward_id" bigint,
	"benefits" text[] DEFAULT '{}' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vip_tiers_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "referral_codes" (
	"shop_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "referral_codes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" bigint NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_codes_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "referral_visits" (
	"shop_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "referral_visits_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"referral_code_id" bigint NOT NULL,
	"visitor_token" text NOT NULL,
	"ip_hash" text,
	"user_agent_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_visits_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"shop_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "referrals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"referral_code_id" bigint NOT NULL,
	"advocate_customer_id" bigint NOT NULL,
	"friend_customer_id" bigint,
	"friend_email_hash" text,
	"visit_id" bigint,
	"status" "referral_status" DEFAULT 'pending' NOT NULL,
	"fraud_score" smallint DEFAULT 0 NOT NULL,
	"fraud_reasons" text[] DEFAULT '{}' NOT NULL,
	"first_order_id" bigint,
	"first_order_paid_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	"reversed_at" timestamp with time zone,
	"reversal_reason" text,
	"friend_redemption_id" bigint,
	"advocate_points_awarded" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referrals_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "campaign_versions" (
	"shop_id" uuid NOT NULL,
	"campaign_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaign_versions_shop_id_campaign_id_version_pk" PRIMARY KEY("shop_id","campaign_id","version")
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"shop_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"type" "campaign_type" NOT NULL,
	"multiplier_bp" integer,
	"bonus_points" integer,
	"min_order_minor" integer,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"target" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "earning_rule_versions" (
	"shop_id" uuid NOT NULL,
	"rule_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"config" jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "earning_rule_versions_shop_id_rule_id_version_pk" PRIMARY KEY("shop_id","rule_id","version")
);
--> statement-breakpoint
CREATE TABLE "earning_rules" (
	"shop_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "earning_rules_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" "earning_rule_kind" NOT NULL,
	"variant" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "earning_rules_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "rfm_scores" (
	"shop_id" uuid NOT NULL,
	"customer_id" bigint NOT NULL,
	"recency_days" integer,
	"frequency" integer NOT NULL,
	"monetary_minor" bigint NOT NULL,
	"r" smallint NOT NULL,
	"f" smallint NOT NULL,
	"m" smallint NOT NULL,
	"composite_x_10" smallint NOT NULL,
	"segment" "rfm_segment" NOT NULL,
	"big_spender" boolean NOT NULL,
	"computed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rfm_scores_shop_id_customer_id_pk" PRIMARY KEY("shop_id","customer_id")
);
--> statement-breakpoint
CREATE TABLE "rfm_segment_counts" (
	"shop_id" uuid NOT NULL,
	"day" date NOT NULL,
	"segment" "rfm_segment" NOT NULL,
	"customers" integer NOT NULL,
	"big_spenders" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rfm_segment_counts_shop_id_day_segment_pk" PRIMARY KEY("shop_id","day","segment")
);
--> statement-breakpoint
CREATE TABLE "rfm_settings" (
	"shop_id" uuid PRIMARY KEY NOT NULL,
	"mode" "rfm_mode" DEFAULT 'bands' NOT NULL,
	"preset" "rfm_preset" DEFAULT 'default' NOT NULL,
	"window_days" integer DEFAULT 365,
	"recency_bands_days" integer[] DEFAULT '{7,30,60,90}' NOT NULL,
	"frequency_bands" integer[] DEFAULT '{1,3,5,10}' NOT NULL,
	"monetary_bands_aov_bp" integer[] DEFAULT '{5000,10000,20000,50000}' NOT NULL,
	"weight_r_bp" integer DEFAULT 4000 NOT NULL,
	"weight_f_bp" integer DEFAULT 3000 NOT NULL,
	"weight_m_bp" integer DEFAULT 3000 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_refunds" (
	"shop_id" uuid NOT NULL,
	"shopify_refund_id" bigint NOT NULL,
	"shopify_order_id" bigint NOT NULL,
	"refunded_minor" integer NOT NULL,
	"refunded_basis_minor" integer NOT NULL,
	"points_clawed_back" integer DEFAULT 0 NOT NULL,
	"refunded_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_refunds_shop_id_shopify_refund_id_pk" PRIMARY KEY("shop_id","shopify_refund_id")
);
--> statement-breakpoint
CREATE TABLE "order_summaries" (
	"shop_id" uuid NOT NULL,
	"shopify_order_id" bigint NOT NULL,
	"order_name" text,
	"customer_id" bigint,
	"guest_email_hash" text,
	"currency" char(3) NOT NULL,
	"presentment_currency" char(3),
	"subtotal_minor" integer NOT NULL,
	"discount_minor" integer DEFAULT 0 NOT NULL,
	"shipping_minor" integer DEFAULT 0 NOT NULL,
	"tax_minor" integer DEFAULT 0 NOT NULL,
	"tip_minor" integer DEFAULT 0 NOT NULL,
	"gift_card_minor" integer DEFAULT 0 NOT NULL,
	"total_minor" integer NOT NULL,
	"earning_basis_minor" integer DEFAULT 0 NOT NULL,
	"refunded_minor" integer DEFAULT 0 NOT NULL,
	"refunded_basis_minor" integer DEFAULT 0 NOT NULL,
	"points_earned" integer DEFAULT 0 NOT NULL,
	"tier_id_at_order" bigint,
	"channel" "sales_channel" DEFAULT 'online' NOT NULL,
	"country_code" char(2),
	"discount_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"referral_code" text,
	"shipping_address_hash" text,
	"financial_status" text,
	"placed_at" timestamp with time zone NOT NULL,
	"paid_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"shopify_updated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_summaries_shop_id_shopify_order_id_pk" PRIMARY KEY("shop_id","shopify_order_id")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"shop_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"actor_type" "actor_type" NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"reason" text,
	"changes" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_log_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "gdpr_requests" (
	"shop_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "gdpr_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" "gdpr_request_kind" NOT NULL,
	"status" "gdpr_request_status" DEFAULT 'received' NOT NULL,
	"shopify_customer_id" bigint,
	"customer_id" bigint,
	"orders_requested" text[] DEFAULT '{}' NOT NULL,
	"shopify_request_id" text,
	"export_enc" text,
	"last_error" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "gdpr_requests_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "notification_log" (
	"shop_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "notification_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"customer_id" bigint NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"channel" text DEFAULT 'email' NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"status" "notification_status" DEFAULT 'queued' NOT NULL,
	"idempotency_key" text NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_log_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"shop_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "webhook_deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"event_id" text NOT NULL,
	"webhook_id" text NOT NULL,
	"topic" text NOT NULL,
	"api_version" text,
	"triggered_at" timestamp with time zone,
	"payload" jsonb NOT NULL,
	"status" "webhook_delivery_status" DEFAULT 'received' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"job_id" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	CONSTRAINT "webhook_deliveries_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"shop_id" uuid NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "import_jobs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"format" "import_format" NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"status" "import_job_status" DEFAULT 'uploaded' NOT NULL,
	"total_rows" integer DEFAULT 0 NOT NULL,
	"processed_rows" integer DEFAULT 0 NOT NULL,
	"valid_rows" integer DEFAULT 0 NOT NULL,
	"invalid_rows" integer DEFAULT 0 NOT NULL,
	"imported_rows" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "import_jobs_shop_id_id_pk" PRIMARY KEY("shop_id","id")
);
--> statement-breakpoint
CREATE TABLE "import_rows" (
	"shop_id" uuid NOT NULL,
	"import_job_id" bigint NOT NULL,
	"row_number" integer NOT NULL,
	"email_hash" text,
	"data_enc" text NOT NULL,
	"points" integer,
	"tier_name" text,
	"status" "import_row_status" DEFAULT 'pending' NOT NULL,
	"error" text,
	"customer_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "import_rows_shop_id_import_job_id_row_number_pk" PRIMARY KEY("shop_id","import_job_id","row_number")
);
--> statement-breakpoint
ALTER TABLE "plan_usage" ADD CONSTRAINT "plan_usage_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shop_settings" ADD CONSTRAINT "shop_settings_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shopify_sessions" ADD CONSTRAINT "shopify_sessions_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_balances" ADD CONSTRAINT "point_balances_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_balances" ADD CONSTRAINT "point_balances_shop_id_customer_id_customers_shop_id_id_fk" FOREIGN KEY ("shop_id","customer_id") REFERENCES "public"."customers"("shop_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "points_ledger" ADD CONSTRAINT "points_ledger_shop_id_customer_id_customers_shop_id_id_fk" FOREIGN KEY ("shop_id","customer_id") REFERENCES "public"."customers"("shop_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_shop_id_customer_id_customers_shop_id_id_fk" FOREIGN KEY ("shop_id","customer_id") REFERENCES "public"."customers"("shop_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "redemptions" ADD CONSTRAINT "redemptions_shop_id_reward_id_rewards_shop_id_id_fk" FOREIGN KEY ("shop_id","reward_id") REFERENCES "public"."rewards"("shop_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_history" ADD CONSTRAINT "tier_history_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tier_history" ADD CONSTRAINT "tier_history_shop_id_customer_id_customers_shop_id_id_fk" FOREIGN KEY ("shop_id","customer_id") REFERENCES "public"."customers"("shop_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_tiers" ADD CONSTRAINT "vip_tiers_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vip_tiers" ADD CONSTRAINT "vip_tiers_shop_id_entry_reward_id_rewards_shop_id_id_fk" FOREIGN KEY ("shop_id","entry_reward_id") REFERENCES "public"."rewards"("shop_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_codes" ADD CONSTRAINT "referral_codes_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_codes" ADD CONSTRAINT "referral_codes_shop_id_customer_id_customers_shop_id_id_fk" FOREIGN KEY ("shop_id","customer_id") REFERENCES "public"."customers"("shop_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_visits" ADD CONSTRAINT "referral_visits_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_visits" ADD CONSTRAINT "referral_visits_shop_id_referral_code_id_referral_codes_shop_id_id_fk" FOREIGN KEY ("shop_id","referral_code_id") REFERENCES "public"."referral_codes"("shop_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_shop_id_advocate_customer_id_customers_shop_id_id_fk" FOREIGN KEY ("shop_id","advocate_customer_id") REFERENCES "public"."customers"("shop_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_shop_id_referral_code_id_referral_codes_shop_id_id_fk" FOREIGN KEY ("shop_id","referral_code_id") REFERENCES "public"."referral_codes"("shop_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_versions" ADD CONSTRAINT "campaign_versions_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_versions" ADD CONSTRAINT "campaign_versions_shop_id_campaign_id_campaigns_shop_id_id_fk" FOREIGN KEY ("shop_id","campaign_id") REFERENCES "public"."campaigns"("shop_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "earning_rule_versions" ADD CONSTRAINT "earning_rule_versions_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "earning_rule_versions" ADD CONSTRAINT "earning_rule_versions_shop_id_rule_id_earning_rules_shop_id_id_fk" FOREIGN KEY ("shop_id","rule_id") REFERENCES "public"."earning_rules"("shop_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "earning_rules" ADD CONSTRAINT "earning_rules_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rfm_scores" ADD CONSTRAINT "rfm_scores_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rfm_scores" ADD CONSTRAINT "rfm_scores_shop_id_customer_id_customers_shop_id_id_fk" FOREIGN KEY ("shop_id","customer_id") REFERENCES "public"."customers"("shop_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rfm_segment_counts" ADD CONSTRAINT "rfm_segment_counts_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rfm_settings" ADD CONSTRAINT "rfm_settings_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_refunds" ADD CONSTRAINT "order_refunds_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_summaries" ADD CONSTRAINT "order_summaries_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gdpr_requests" ADD CONSTRAINT "gdpr_requests_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_log" ADD CONSTRAINT "notification_log_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_log" ADD CONSTRAINT "notification_log_shop_id_customer_id_customers_shop_id_id_fk" FOREIGN KEY ("shop_id","customer_id") REFERENCES "public"."customers"("shop_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_shop_id_import_job_id_import_jobs_shop_id_id_fk" FOREIGN KEY ("shop_id","import_job_id") REFERENCES "public"."import_jobs"("shop_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "shops_domain_key" ON "shops" USING btree ("domain");--> statement-breakpoint
CREATE UNIQUE INDEX "customers_shopify_id_key" ON "customers" USING btree ("shop_id","shopify_customer_id");--> statement-breakpoint
CREATE INDEX "customers_email_hash_idx" ON "customers" USING btree ("shop_id","email_hash");--> statement-breakpoint
CREATE INDEX "customers_tier_idx" ON "customers" USING btree ("shop_id","tier_id");--> statement-breakpoint
CREATE INDEX "customers_segment_idx" ON "customers" USING btree ("shop_id","rfm_segment");--> statement-breakpoint
CREATE INDEX "customers_birthday_idx" ON "customers" USING btree ("shop_id","birthday_month","birthday_day");--> statement-breakpoint
CREATE INDEX "customers_activity_idx" ON "customers" USING btree ("shop_id","last_activity_at");--> statement-breakpoint
CREATE INDEX "point_balances_available_idx" ON "point_balances" USING btree ("shop_id","available");--> statement-breakpoint
CREATE UNIQUE INDEX "points_ledger_idempotency_key" ON "points_ledger" USING btree ("shop_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "points_ledger_customer_idx" ON "points_ledger" USING btree ("shop_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "points_ledger_source_idx" ON "points_ledger" USING btree ("shop_id","source_type","source_id");--> statement-breakpoint
CREATE INDEX "points_ledger_pending_idx" ON "points_ledger" USING btree ("shop_id","available_at") WHERE "points_ledger"."status" = 'pending';--> statement-breakpoint
CREATE UNIQUE INDEX "redemptions_idempotency_key" ON "redemptions" USING btree ("shop_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "redemptions_discount_code_key" ON "redemptions" USING btree ("shop_id","discount_code") WHERE "redemptions"."discount_code" is not null;--> statement-breakpoint
CREATE INDEX "redemptions_customer_idx" ON "redemptions" USING btree ("shop_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "redemptions_expiry_idx" ON "redemptions" USING btree ("shop_id","expires_at") WHERE "redemptions"."status" = 'issued';--> statement-breakpoint
CREATE INDEX "rewards_active_idx" ON "rewards" USING btree ("shop_id","active");--> statement-breakpoint
CREATE UNIQUE INDEX "tier_history_idempotency_key" ON "tier_history" USING btree ("shop_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "tier_history_customer_idx" ON "tier_history" USING btree ("shop_id","customer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "vip_tiers_threshold_key" ON "vip_tiers" USING btree ("shop_id","threshold");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_codes_code_key" ON "referral_codes" USING btree ("shop_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "referral_codes_customer_key" ON "referral_codes" USING btree ("shop_id","customer_id");--> statement-breakpoint
CREATE INDEX "referral_visits_code_idx" ON "referral_visits" USING btree ("shop_id","referral_code_id","created_at");--> statement-breakpoint
CREATE INDEX "referral_visits_visitor_idx" ON "referral_visits" USING btree ("shop_id","visitor_token");--> statement-breakpoint
CREATE UNIQUE INDEX "referrals_friend_key" ON "referrals" USING btree ("shop_id","friend_customer_id");--> statement-breakpoint
CREATE INDEX "referrals_advocate_idx" ON "referrals" USING btree ("shop_id","advocate_customer_id","created_at");--> statement-breakpoint
CREATE INDEX "referrals_status_idx" ON "referrals" USING btree ("shop_id","status");--> statement-breakpoint
CREATE INDEX "campaigns_window_idx" ON "campaigns" USING btree ("shop_id","starts_at","ends_at");--> statement-breakpoint
CREATE INDEX "earning_rules_kind_idx" ON "earning_rules" USING btree ("shop_id","kind");--> statement-breakpoint
CREATE INDEX "order_refunds_order_idx" ON "order_refunds" USING btree ("shop_id","shopify_order_id");--> statement-breakpoint
CREATE INDEX "order_summaries_customer_idx" ON "order_summaries" USING btree ("shop_id","customer_id","paid_at");--> statement-breakpoint
CREATE INDEX "order_summaries_guest_idx" ON "order_summaries" USING btree ("shop_id","guest_email_hash") WHERE "order_summaries"."customer_id" is null;--> statement-breakpoint
CREATE INDEX "order_summaries_paid_idx" ON "order_summaries" USING btree ("shop_id","paid_at");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("shop_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("shop_id","entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "gdpr_requests_received_idx" ON "gdpr_requests" USING btree ("shop_id","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notification_log_idempotency_key" ON "notification_log" USING btree ("shop_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "notification_log_customer_idx" ON "notification_log" USING btree ("shop_id","customer_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_deliveries_event_key" ON "webhook_deliveries" USING btree ("shop_id","event_id");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_status_idx" ON "webhook_deliveries" USING btree ("shop_id","status","received_at");--> statement-breakpoint
CREATE UNIQUE INDEX "import_jobs_file_key" ON "import_jobs" USING btree ("shop_id","file_sha256");