import { sql } from "drizzle-orm";
import type { Executor } from "../client";

export interface BalanceMismatch {
  customerId: number;
  available: number;
  pending: number;
  ledgerAvailable: number;
  ledgerPending: number;
}

/**
 * Customers of a shop whose stored balance differs from the sum of their ledger
 * (available = Σ available entries, pending = Σ pending entries; void entries count for nothing).
 * Empty at every commit; used by tests and by operations to prove the invariant.
 */
export async function findBalanceMismatches(db: Executor, shopId: string): Promise<BalanceMismatch[]> {
  const rows = await db.execute<{
    customer_id: number;
    available: number;
    pending: number;
    ledger_available: number;
    ledger_pending: number;
  }>(sql`
    with sums as (
      select customer_id,
             coalesce(sum(amount) filter (where status = 'available'), 0)::int as ledger_available,
             coalesce(sum(amount) filter (where status = 'pending'), 0)::int as ledger_pending
      from points_ledger where shop_id = ${shopId} group by customer_id)
    select b.customer_id::int as customer_id, b.available, b.pending,
           coalesce(s.ledger_available, 0) as ledger_available, coalesce(s.ledger_pending, 0) as ledger_pending
    from point_balances b left join sums s using (customer_id)
    where b.shop_id = ${shopId}
      and (b.available <> coalesce(s.ledger_available, 0) or b.pending <> coalesce(s.ledger_pending, 0))`);
  return rows.map((r) => ({
    customerId: r.customer_id,
    available: r.available,
    pending: r.pending,
    ledgerAvailable: r.ledger_available,
    ledgerPending: r.ledger_pending,
  }));
}
