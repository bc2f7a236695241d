import { claimGuestOrders, schema, type GuestClaim } from "@loyalnest/db";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { CustomerRow } from "./customer-records";
import type { HandlerContext } from "./handler-context";

const { customers, webhookDeliveries } = schema;

export interface AccountFacts {
  emailHash: string;
  emailVerified: boolean;
  /** Shopify's `created_at` of the account. */
  createdAt: Date;
}

/** §3: an account with a verified e-mail claims that e-mail's guest orders of the last 30 days. */
export async function claimForAccount(
  ctx: HandlerContext,
  customer: CustomerRow,
  account: AccountFacts,
): Promise<GuestClaim[]> {
  if (customer.membershipStatus !== "member" || customer.isTombstone) return [];
  return claimGuestOrders(ctx.tx, ctx.shopId, {
    customerId: customer.id,
    emailHash: account.emailHash,
    emailVerified: account.emailVerified,
    accountCreatedAt: account.createdAt,
    at: ctx.at,
  });
}

/**
 * The other arrival order: the account's `customers/create` was processed before this guest
 * order. The claim is then made here, with the account's facts as Shopify sent them (its
 * latest processed customer delivery: `verified_email`, `created_at`), so the ledger ends the
 * same whichever came first. The caller holds the e-mail lock.
 */
export async function claimForExistingAccounts(
  ctx: HandlerContext,
  emailHash: string,
): Promise<GuestClaim[]> {
  const accounts = await ctx.tx
    .select()
    .from(customers)
    .where(and(eq(customers.shopId, ctx.shopId), eq(customers.emailHash, emailHash)));
  const claims: GuestClaim[] = [];
  for (const customer of accounts) {
    if (customer.shopifyCustomerId === null) continue;
    const facts = await accountFacts(ctx, customer.shopifyCustomerId);
    if (!facts) continue;
    claims.push(...(await claimForAccount(ctx, customer, { ...facts, emailHash })));
  }
  return claims;
}

async function accountFacts(ctx: HandlerContext, shopifyCustomerId: number) {
  const [row] = await ctx.tx
    .select({ payload: webhookDeliveries.payload })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.shopId, ctx.shopId),
        inArray(webhookDeliveries.topic, ["customers/create", "customers/update"]),
        eq(webhookDeliveries.status, "processed"),
        sql`${webhookDeliveries.payload}->>'id' = ${String(shopifyCustomerId)}`,
      ),
    )
    .orderBy(
      sql`(${webhookDeliveries.payload}->>'updated_at')::timestamptz desc nulls last`,
      desc(webhookDeliveries.id),
    )
    .limit(1);
  const payload = row?.payload as { verified_email?: unknown; created_at?: unknown } | undefined;
  if (!payload || typeof payload.created_at !== "string") return null;
  const createdAt = new Date(payload.created_at);
  if (Number.isNaN(createdAt.getTime())) return null;
  return { emailVerified: payload.verified_email === true, createdAt };
}
