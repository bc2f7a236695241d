-- The points ledger is append-only. Only a pending row's status (with its release / void
-- timestamps) may change; amounts, kinds, owners and keys never do, and rows are never deleted,
-- except when the whole shop is erased (shop/redact), which sets `loyalnest.erasing_shop` first.
CREATE FUNCTION points_ledger_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF current_setting('loyalnest.erasing_shop', true) = OLD.shop_id::text THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION 'points_ledger is append-only: row % cannot be deleted', OLD.id
      USING ERRCODE = 'restrict_violation';
  END IF;
  IF NEW.shop_id <> OLD.shop_id OR NEW.id <> OLD.id OR NEW.customer_id <> OLD.customer_id
     OR NEW.kind <> OLD.kind OR NEW.amount <> OLD.amount OR NEW.idempotency_key <> OLD.idempotency_key
     OR NEW.source_type <> OLD.source_type OR NEW.source_id IS DISTINCT FROM OLD.source_id
     OR NEW.occurred_at <> OLD.occurred_at OR NEW.created_at <> OLD.created_at THEN
    RAISE EXCEPTION 'points_ledger is append-only: row % can only change status', OLD.id
      USING ERRCODE = 'restrict_violation';
  END IF;
  IF NEW.status <> OLD.status AND OLD.status <> 'pending' THEN
    RAISE EXCEPTION 'points_ledger row % is % and cannot become %', OLD.id, OLD.status, NEW.status
      USING ERRCODE = 'restrict_violation';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER points_ledger_append_only
  BEFORE UPDATE OR DELETE ON points_ledger
  FOR EACH ROW EXECUTE FUNCTION points_ledger_guard();
--> statement-breakpoint
ALTER TABLE point_balances ADD CONSTRAINT point_balances_pending_nonnegative CHECK (pending >= 0);
--> statement-breakpoint
ALTER TABLE points_ledger ADD CONSTRAINT points_ledger_amount_nonzero CHECK (amount <> 0);
