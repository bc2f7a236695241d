import {
  evaluateTierNightlyFor,
  runShopRfm,
  schema,
  type Database,
  type RfmPassSummary,
} from "@loyalnest/db";
import { and, asc, eq, gt } from "drizzle-orm";
import { customersChanged, deadline, type ScheduleDeps } from "./context";

const TIER_BATCH = 200;

export interface NightlyResult {
  rfm: RfmPassSummary | null;
  tiersEvaluated: number;
  tierChanges: number;
  /** Set when the time budget ran out: continue the tier phase after this customer id. */
  continueAfter: number | null;
}

/**
 * The nightly run of one shop at `at` (01:00 shop time): the RFM pass with its daily segment
 * snapshot (§11), then the tier evaluation of every member (§8: downgrades after retention, pin
 * expiry, catch-up upgrades), in batches of customers, one transaction per batch. A continuation
 * (`afterCustomerId`) skips the RFM pass and resumes the tiers. Safe to run twice: the RFM pass
 * rewrites the same rows and a tier change is keyed by the shop-local date.
 */
export async function runNightly(
  deps: ScheduleDeps,
  shopId: string,
  at: Date,
  afterCustomerId?: number,
): Promise<NightlyResult> {
  const expired = deadline(deps);
  const rfm = afterCustomerId === undefined ? await runShopRfm(deps.db, shopId, at) : null;
  let cursor = afterCustomerId ?? 0;
  let tiersEvaluated = 0;
  let tierChanges = 0;
  for (;;) {
    const ids = await memberIdsAfter(deps.db, shopId, cursor, TIER_BATCH);
    if (ids.length === 0) return { rfm, tiersEvaluated, tierChanges, continueAfter: null };
    const changed = await deps.db.transaction(async (tx) => {
      const moved: number[] = [];
      for (const id of ids) if (await evaluateTierNightlyFor(tx, shopId, id, at)) moved.push(id);
      return moved;
    });
    await customersChanged(deps, shopId, changed);
    tiersEvaluated += ids.length;
    tierChanges += changed.length;
    cursor = ids[ids.length - 1]!;
    if (ids.length < TIER_BATCH) return { rfm, tiersEvaluated, tierChanges, continueAfter: null };
    if (expired()) return { rfm, tiersEvaluated, tierChanges, continueAfter: cursor };
  }
}

/** Members evaluation may move (evaluateTierNightlyFor skips everyone else anyway), by id. */
async function memberIdsAfter(db: Database, shopId: string, afterId: number, limit: number) {
  const { customers } = schema;
  const rows = await db
    .select({ id: customers.id })
    .from(customers)
    .where(
      and(
        eq(customers.shopId, shopId),
        eq(customers.membershipStatus, "member"),
        eq(customers.isTombstone, false),
        gt(customers.id, afterId),
      ),
    )
    .orderBy(asc(customers.id))
    .limit(limit);
  return rows.map((r) => r.id);
}
