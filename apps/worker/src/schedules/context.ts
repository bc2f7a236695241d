import type { Database } from "@loyalnest/db";
import type { AdminGraphqlClient } from "@loyalnest/shopify";

/** What the scheduled jobs need; `registerSchedules` takes the same. */
export interface ScheduleDeps {
  db: Database;
  /** The Admin API (code deletion, reconciliation); see createScheduleAdminClient. */
  admin: AdminGraphqlClient;
  /** The clock; jobs pass the instant they read to every service (tests pass a fixed one). */
  now?: () => Date;
  /**
   * Called with the customers whose balance or tier a job changed, after it committed, so the
   * caller can enqueue the coalesced metafield sync (§3). Defaults to doing nothing.
   */
  onCustomersChanged?: (shopId: string, customerIds: readonly number[]) => Promise<void>;
  /** Time budget of one job run before it hands the rest to a continuation job (default 4 min). */
  budgetMs?: number;
}

export const DEFAULT_BUDGET_MS = 4 * 60_000;

/** A job run's deadline, checked between batches so every run is bounded. */
export function deadline(deps: ScheduleDeps): () => boolean {
  const until = Date.now() + (deps.budgetMs ?? DEFAULT_BUDGET_MS);
  return () => Date.now() >= until;
}

export async function customersChanged(deps: ScheduleDeps, shopId: string, ids: Iterable<number>) {
  const unique = [...new Set(ids)];
  if (unique.length > 0 && deps.onCustomersChanged) await deps.onCustomersChanged(shopId, unique);
}
