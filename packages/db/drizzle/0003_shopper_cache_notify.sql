-- Shopper reads (balance, tier, rewards) are cached in Redis. These triggers tell the API
-- processes, at commit, which cached entries are stale: NOTIFY is transactional, so a rolled-back
-- write invalidates nothing and a committed one is announced exactly when it becomes visible.
--   loyalnest_shopper: '<shop id>:<customer id>'  (balance, tier, membership or redemptions changed)
--   loyalnest_shop:    '<shop id>'                (catalogue, tiers or programme settings changed)
CREATE FUNCTION notify_shopper_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_ record;
BEGIN
  IF TG_OP = 'DELETE' THEN row_ := OLD; ELSE row_ := NEW; END IF;
  IF TG_TABLE_NAME = 'customers' THEN
    PERFORM pg_notify('loyalnest_shopper', row_.shop_id::text || ':' || row_.id::text);
  ELSE
    PERFORM pg_notify('loyalnest_shopper', row_.shop_id::text || ':' || row_.customer_id::text);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION notify_shop_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  row_ record;
BEGIN
  IF TG_OP = 'DELETE' THEN row_ := OLD; ELSE row_ := NEW; END IF;
  PERFORM pg_notify('loyalnest_shop', row_.shop_id::text);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER point_balances_notify_shopper
  AFTER INSERT OR UPDATE OR DELETE ON point_balances
  FOR EACH ROW EXECUTE FUNCTION notify_shopper_changed();
--> statement-breakpoint
CREATE TRIGGER redemptions_notify_shopper
  AFTER INSERT OR UPDATE ON redemptions
  FOR EACH ROW EXECUTE FUNCTION notify_shopper_changed();
--> statement-breakpoint
CREATE TRIGGER customers_notify_shopper
  AFTER UPDATE OR DELETE ON customers
  FOR EACH ROW
  WHEN (pg_trigger_depth() = 0)
  EXECUTE FUNCTION notify_shopper_changed();
--> statement-breakpoint
CREATE TRIGGER rewards_notify_shop
  AFTER INSERT OR UPDATE OR DELETE ON rewards
  FOR EACH ROW EXECUTE FUNCTION notify_shop_changed();
--> statement-breakpoint
CREATE TRIGGER vip_tiers_notify_shop
  AFTER INSERT OR UPDATE OR DELETE ON vip_tiers
  FOR EACH ROW EXECUTE FUNCTION notify_shop_changed();
--> statement-breakpoint
CREATE TRIGGER shop_settings_notify_shop
  AFTER INSERT OR UPDATE OR DELETE ON shop_settings
  FOR EACH ROW EXECUTE FUNCTION notify_shop_changed();
