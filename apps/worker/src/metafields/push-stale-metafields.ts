import { schema, type Database } from "@loyalnest/db";
import { setCustomerLoyaltyMetafields, type AdminGraphqlClient } from "@loyalnest/shopify";
import { and, asc, eq, gt, isNull, ne, sql } from "drizzle-orm";

export interface MetafieldSyncDeps {
  db: Database;
  admin: AdminGraphqlClient;
}

export interface MetafieldPushSummary {
  pushed: number;
  failed: number;
  /** Rows with nothing to push (customer erased, unknown to Shopify, shop uninstalled). */
  dropped: number;
}

/** A claimed row is invisible to other workers for this long, so a crashed pusher only delays it. */
const LEASE_SECONDS = 60;
const MAX_BACKOFF_SECONDS = 3_600;

interface Claimed {
  shopId: string;
  customerId: number;
  /** As text: a JS Date would drop the microseconds the comparison in `finish` needs. */
  changedAt: string;
}

/**
 * §3 "After a balance or tier change, the customer's app-owned metafield (balance, tier, next
 * reward) is updated through the Admin API, coalesced per customer." Claims up to `limit` due rows
 * of `customer_metafield_sync` (one per customer, however many changes), pushes each customer's
 * current state, and removes the row unless it changed again meanwhile. A failed push backs off
 * exponentially (5 s, 10 s, … 1 h) and is retried; nothing is lost if the worker dies mid-push.
 */
export async function pushStaleMetafields(
  deps: MetafieldSyncDeps,
  limit = 50,
): Promise<MetafieldPushSummary> {
  const claimed = await claimDueRows(deps.db, limit);
  const summary: MetafieldPushSummary = { pushed: 0, failed: 0, dropped: 0 };
  for (const row of claimed) {
    const outcome = await pushOne(deps, row);
    summary[outcome] += 1;
  }
  return summary;
}

async function claimDueRows(db: Database, limit: number): Promise<Claimed[]> {
  const rows = await db.execute<{ shop_id: string; customer_id: string; changed_at: string }>(sql`
    update customer_metafield_sync s
       set not_before = now() + make_interval(secs => ${LEASE_SECONDS})
      from (select shop_id, customer_id from customer_metafield_sync
             where not_before <= now() order by not_before limit ${limit}
             for update skip locked) due
     where s.shop_id = due.shop_id and s.customer_id = due.customer_id
    returning s.shop_id, s.customer_id, s.changed_at::text as changed_at`);
  return rows.map((r) => ({ shopId: r.shop_id, customerId: Number(r.customer_id), changedAt: r.changed_at }));
}

async function pushOne(deps: MetafieldSyncDeps, row: Claimed): Promise<keyof MetafieldPushSummary> {
  const state = await loadCustomerLoyalty(deps.db, row.shopId, row.customerId);
  if (!state) {
    await finish(deps.db, row);
    return "dropped";
  }
  try {
    const result = await setCustomerLoyaltyMetafields(deps.admin, state.domain, state.metafields);
    if (!result.ok) throw new Error(result.userErrors.map((e) => e.message).join("; "));
  } catch (error) {
    await backOff(deps.db, row, error instanceof Error ? error.message : String(error));
    return "failed";
  }
  await finish(deps.db, row);
  return "pushed";
}

/** The row goes, unless a change landed during the push: then it is due again at once. */
async function finish(db: Database, row: Claimed) {
  const t = schema.customerMetafieldSync;
  const deleted = await db
    .delete(t)
    .where(
      and(
        eq(t.shopId, row.shopId),
        eq(t.customerId, row.customerId),
        sql`${t.changedAt} = ${row.changedAt}::timestamptz`,
      ),
    )
    .returning({ customerId: t.customerId });
  if (deleted.length === 0) {
    await db
      .update(t)
      .set({ notBefore: sql`now()`, attempts: 0, lastError: null })
      .where(and(eq(t.shopId, row.shopId), eq(t.customerId, row.customerId)));
  }
}

async function backOff(db: Database, row: Claimed, message: string) {
  const t = schema.customerMetafieldSync;
  await db
    .update(t)
    .set({
      attempts: sql`${t.attempts} + 1`,
      lastError: message.slice(0, 500),
      notBefore: sql`now() + make_interval(secs => least(${MAX_BACKOFF_SECONDS}, 5 * power(2, ${t.attempts})))`,
    })
    .where(and(eq(t.shopId, row.shopId), eq(t.customerId, row.customerId)));
}

/** Balance, tier and next reward as the metafields carry them; null when there is nothing to push. */
export async function loadCustomerLoyalty(db: Database, shopId: string, customerId: number) {
  const [customer] = await db
    .select({
      domain: schema.shops.domain,
      shopStatus: schema.shops.status,
      shopifyCustomerId: schema.customers.shopifyCustomerId,
      tombstone: schema.customers.isTombstone,
      tierName: schema.vipTiers.name,
      available: sql<number>`coalesce(${schema.pointBalances.available}, 0)`,
    })
    .from(schema.customers)
    .innerJoin(schema.shops, eq(schema.shops.id, schema.customers.shopId))
    .leftJoin(
      schema.pointBalances,
      and(
        eq(schema.pointBalances.shopId, schema.customers.shopId),
        eq(schema.pointBalances.customerId, schema.customers.id),
      ),
    )
    .leftJoin(
      schema.vipTiers,
      and(
        eq(schema.vipTiers.shopId, schema.customers.shopId),
        eq(schema.vipTiers.id, schema.customers.tierId),
      ),
    )
    .where(and(eq(schema.customers.shopId, shopId), eq(schema.customers.id, customerId)));
  if (
    !customer ||
    customer.tombstone ||
    customer.shopifyCustomerId === null ||
    customer.shopStatus !== "active"
  ) {
    return null;
  }
  const [next] = await db
    .select({ name: schema.rewards.name, pointsCost: schema.rewards.pointsCost })
    .from(schema.rewards)
    .where(
      and(
        eq(schema.rewards.shopId, shopId),
        eq(schema.rewards.active, true),
        isNull(schema.rewards.archivedAt),
        ne(schema.rewards.type, "points_for_money"),
        gt(schema.rewards.pointsCost, customer.available),
      ),
    )
    .orderBy(asc(schema.rewards.pointsCost))
    .limit(1);
  return {
    domain: customer.domain,
    metafields: {
      customerId: customer.shopifyCustomerId,
      balance: customer.available,
      tier: customer.tierName,
      nextReward: next
        ? { name: next.name, pointsCost: next.pointsCost, pointsNeeded: next.pointsCost - customer.available }
        : null,
    },
  };
}
