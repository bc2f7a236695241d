import { emailBlindIndex, encryptOptional, schema } from "@loyalnest/db";
import { isHeldOut, type MarketingConsentState } from "@loyalnest/domain";
import type { CustomerResourcePayload } from "@loyalnest/shopify";
import { and, eq, sql } from "drizzle-orm";
import type { HandlerContext } from "./handler-context";

const { customers, pointBalances, shopSettings } = schema;
export type CustomerRow = typeof customers.$inferSelect;

const CONSENT_STATES: readonly MarketingConsentState[] = [
  "subscribed",
  "not_subscribed",
  "pending",
  "unsubscribed",
  "redacted",
  "invalid",
];

/** Shopify's consent state as LoyalNest's enum; a state we do not know counts as not subscribed. */
export function consentState(state: string | null | undefined): MarketingConsentState {
  const lower = (state ?? "not_subscribed").toLowerCase() as MarketingConsentState;
  return CONSENT_STATES.includes(lower) ? lower : "not_subscribed";
}

/** The encrypted PII, blind index, tags and country of a Shopify customer resource. */
export function customerProfile(ctx: HandlerContext, customer: CustomerResourcePayload) {
  const k = ctx.keyring;
  const country = customer.default_address?.country_code?.toUpperCase() ?? null;
  return {
    emailEnc: encryptOptional(k, customer.email, "customers.email"),
    emailHash: customer.email ? emailBlindIndex(k, customer.email) : null,
    firstNameEnc: encryptOptional(k, customer.first_name, "customers.first_name"),
    lastNameEnc: encryptOptional(k, customer.last_name, "customers.last_name"),
    phoneEnc: encryptOptional(k, customer.phone, "customers.phone"),
    tags: customer.tags,
    locale: customer.locale,
    countryCode: country && /^[A-Z]{2}$/.test(country) ? country : null,
  };
}

export async function findCustomerByShopifyId(
  ctx: HandlerContext,
  shopifyCustomerId: number,
): Promise<CustomerRow | undefined> {
  const [row] = await ctx.tx
    .select()
    .from(customers)
    .where(and(eq(customers.shopId, ctx.shopId), eq(customers.shopifyCustomerId, shopifyCustomerId)));
  return row;
}

/**
 * Returns the customer with this Shopify id, creating them (encrypted PII, membership per the
 * shop's mode, a zero balance) when this is the first event that names them — whichever topic
 * that is, since Shopify does not order deliveries. `created` says whether this call inserted them.
 * Consent is only written by the customer topics (see customers-create), so that the newsletter
 * award sees the same previous state whatever arrived first.
 */
export async function ensureCustomer(
  ctx: HandlerContext,
  customer: CustomerResourcePayload,
): Promise<{ row: CustomerRow; created: boolean }> {
  const existing = await findCustomerByShopifyId(ctx, customer.id);
  if (existing) return { row: existing, created: false };
  const programme = await programmeEntry(ctx);
  // §12: a held-out customer is kept out of the programme (excluded: no points, tiers or rewards)
  // and flagged, so analytics can compare them with members.
  const holdout = isHeldOut(ctx.shopId, String(customer.id), programme.holdoutBp);
  const member = programme.mode === "automatic" && !holdout;
  const [inserted] = await ctx.tx
    .insert(customers)
    .values({
      shopId: ctx.shopId,
      shopifyCustomerId: customer.id,
      ...customerProfile(ctx, customer),
      membershipStatus: holdout ? "excluded" : member ? "member" : "not_member",
      holdout,
      joinedAt: member ? (customer.created_at ?? ctx.at) : null,
    })
    .onConflictDoNothing()
    .returning();
  // A concurrent job created them first (unique shop + Shopify id): theirs is the row.
  const row = inserted ?? (await findCustomerByShopifyId(ctx, customer.id));
  if (!row) throw new Error(`customer ${customer.id} could be neither created nor found`);
  await ctx.tx.insert(pointBalances).values({ shopId: ctx.shopId, customerId: row.id }).onConflictDoNothing();
  return { row, created: inserted !== undefined };
}

/**
 * §3: members from their first sign-up or order, unless the shop requires joining through the
 * widget; §12: the shop's holdout share.
 */
async function programmeEntry(ctx: HandlerContext) {
  const [settings] = await ctx.tx
    .select({ mode: shopSettings.membershipMode, holdoutBp: shopSettings.holdoutBp })
    .from(shopSettings)
    .where(eq(shopSettings.shopId, ctx.shopId));
  return { mode: settings?.mode ?? "automatic", holdoutBp: settings?.holdoutBp ?? 0 };
}

/** Locks a customer row for the rest of the transaction (profile refreshes of one customer serialize). */
export async function lockCustomer(ctx: HandlerContext, customerId: number): Promise<CustomerRow> {
  const [row] = await ctx.tx
    .select()
    .from(customers)
    .where(and(eq(customers.shopId, ctx.shopId), eq(customers.id, customerId)))
    .for("update");
  if (!row) throw new Error(`customer ${customerId} disappeared`);
  return row;
}

/**
 * Serializes the work that matches guest orders to accounts by e-mail (a guest `orders/paid` and
 * a `customers/create` with the same address), so neither can miss the other when both run at
 * once. Taken before any order or balance lock, keeping one lock order everywhere.
 */
export async function lockEmail(ctx: HandlerContext, emailHash: string): Promise<void> {
  await ctx.tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`${ctx.shopId}:email:${emailHash}`}, 0))`,
  );
}
