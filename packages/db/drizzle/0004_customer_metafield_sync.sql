CREATE TABLE "customer_metafield_sync" (
	"shop_id" uuid NOT NULL,
	"customer_id" bigint NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"not_before" timestamp with time zone DEFAULT now() NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	CONSTRAINT "customer_metafield_sync_shop_id_customer_id_pk" PRIMARY KEY("shop_id","customer_id")
);
--> statement-breakpoint
ALTER TABLE "customer_metafield_sync" ADD CONSTRAINT "customer_metafield_sync_shop_id_shops_id_fk" FOREIGN KEY ("shop_id") REFERENCES "public"."shops"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_metafield_sync" ADD CONSTRAINT "customer_metafield_sync_shop_id_customer_id_customers_shop_id_id_fk" FOREIGN KEY ("shop_id","customer_id") REFERENCES "public"."customers"("shop_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- A balance or tier change marks the customer's Shopify metafields stale, in the same transaction.
-- The row is keyed by customer, so a burst of changes is one push; `changed_at` moves on every change
-- so the worker can tell a change that landed while it was pushing.
CREATE FUNCTION mark_customer_metafields_stale() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  customer bigint;
BEGIN
  -- The two tables name the customer differently; each branch only reads its own table's column.
  IF TG_TABLE_NAME = 'customers' THEN
    customer := NEW.id;
  ELSE
    customer := NEW.customer_id;
  END IF;
  INSERT INTO customer_metafield_sync (shop_id, customer_id, changed_at)
  VALUES (NEW.shop_id, customer, clock_timestamp())
  ON CONFLICT (shop_id, customer_id) DO UPDATE SET changed_at = EXCLUDED.changed_at;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER point_balances_mark_metafields_stale
  AFTER INSERT OR UPDATE OF available ON point_balances
  FOR EACH ROW EXECUTE FUNCTION mark_customer_metafields_stale();
--> statement-breakpoint
CREATE TRIGGER customers_mark_metafields_stale
  AFTER UPDATE OF tier_id ON customers
  FOR EACH ROW
  WHEN (OLD.tier_id IS DISTINCT FROM NEW.tier_id AND NOT NEW.is_tombstone)
  EXECUTE FUNCTION mark_customer_metafields_stale();
