import { lockBalance, schema } from "@loyalnest/db";
import type { MarketingConsentState } from "@loyalnest/domain";
import type { CustomerPayload } from "@loyalnest/shopify";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { awardNewsletter } from "./action-awards";
import { consentState, customerProfile, lockCustomer, type CustomerRow } from "./customer-records";
import type { HandlerContext } from "./handler-context";

const { customers, shops, webhookDeliveries } = schema;

/**
 * Whether a newer version of this customer (by Shopify's `updated_at`) was already applied, so
 * this late copy must not overwrite it. Read from the processed customer deliveries, because the
 * customers table keeps no Shopify `updated_at` of its own.
 */
export async function newerCustomerVersionApplied(
  ctx: HandlerContext,
  customer: CustomerPayload,
): Promise<boolean> {
  if (!customer.updated_at) return false;
  const [row] = await ctx.tx
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.shopId, ctx.shopId),
        inArray(webhookDeliveries.topic, ["customers/create", "customers/update"]),
        eq(webhookDeliveries.status, "processed"),
        ne(webhookDeliveries.id, ctx.delivery.id),
        sql`${webhookDeliveries.payload}->>'id' = ${String(customer.id)}`,
        sql`(${webhookDeliveries.payload}->>'updated_at')::timestamptz > ${customer.updated_at.toISOString()}::timestamptz`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Writes the payload's PII (encrypted), tags, locale and country. An erased customer stays erased. */
export async function refreshProfile(
  ctx: HandlerContext,
  customer: CustomerRow,
  payload: CustomerPayload,
): Promise<CustomerRow> {
  if (customer.isTombstone) return customer;
  const [row] = await ctx.tx
    .update(customers)
    .set({ ...customerProfile(ctx, payload), updatedAt: sql`now()` })
    .where(and(eq(customers.shopId, ctx.shopId), eq(customers.id, customer.id)))
    .returning();
  return row ?? customer;
}

/**
 * Mirrors Shopify's e-mail marketing consent (§13) and gives the newsletter points when it
 * becomes subscribed (§4). Consent changes are ordered by their own `consent_updated_at`: an
 * older state never replaces a newer one. Consent given before LoyalNest was installed counts as
 * "already subscribed", so it earns nothing.
 */
export async function applyConsent(
  ctx: HandlerContext,
  customer: CustomerRow,
  payload: CustomerPayload,
  firstSeen: boolean,
): Promise<void> {
  const consent = payload.email_marketing_consent;
  if (!consent || customer.isTombstone) return;
  // Lock order of every ledger write: balance first, then the customer row (postLedgerEntry's order).
  await lockBalance(ctx.tx, ctx.shopId, customer.id);
  const locked = await lockCustomer(ctx, customer.id);
  const current = consentState(consent.state);
  const changedAt = consent.consent_updated_at ?? payload.updated_at ?? ctx.at;
  if (locked.marketingConsentUpdatedAt && changedAt < locked.marketingConsentUpdatedAt) return;
  const previous: MarketingConsentState | null = (await consentPredatesInstall(
    ctx,
    consent.consent_updated_at,
  ))
    ? "subscribed"
    : firstSeen
      ? null
      : locked.marketingConsent;
  await ctx.tx
    .update(customers)
    .set({ marketingConsent: current, marketingConsentUpdatedAt: changedAt })
    .where(and(eq(customers.shopId, ctx.shopId), eq(customers.id, customer.id)));
  await awardNewsletter(ctx, locked, { previous, current }, changedAt);
}

async function consentPredatesInstall(ctx: HandlerContext, consentAt: Date | null): Promise<boolean> {
  if (!consentAt) return false;
  const [shop] = await ctx.tx
    .select({ installedAt: shops.installedAt })
    .from(shops)
    .where(eq(shops.id, ctx.shopId));
  return shop !== undefined && consentAt < shop.installedAt;
}
