import { applyTierAfterEarning, postLedgerEntry } from "@loyalnest/db";
import {
  decideNewsletterAward,
  decideSignupAward,
  newsletterKey,
  signupKey,
  type MarketingConsentState,
} from "@loyalnest/domain";
import { actionRule, ledgerKeyExists, type ActionRule } from "./action-rules";
import type { CustomerRow } from "./customer-records";
import type { HandlerContext } from "./handler-context";

/** Only members earn; excluded and erased customers never do (§3). */
const earns = (customer: CustomerRow) => customer.membershipStatus === "member" && !customer.isTombstone;

/** §4 "account signup: 200, once per customer" — on `customers/create`. Returns the points credited. */
export async function awardSignup(ctx: HandlerContext, customer: CustomerRow, at: Date): Promise<number> {
  if (!earns(customer)) return 0;
  const rule = await actionRule(ctx, "signup");
  if (!rule) return 0;
  const id = String(customer.id);
  const decision = decideSignupAward({
    customerId: id,
    alreadyAwarded: await ledgerKeyExists(ctx, signupKey(id)),
    points: rule.points,
  });
  if (decision.outcome === "no_award") return 0;
  await credit(ctx, customer, rule, { ...decision, sourceType: "signup", at });
  return decision.points;
}

/**
 * §4 "newsletter signup: 100, once, when marketing consent becomes subscribed". `previous` is
 * the state LoyalNest knew before this event (null for a customer seen for the first time).
 */
export async function awardNewsletter(
  ctx: HandlerContext,
  customer: CustomerRow,
  consent: { previous: MarketingConsentState | null; current: MarketingConsentState },
  at: Date,
): Promise<number> {
  if (!earns(customer) || consent.current !== "subscribed") return 0;
  const rule = await actionRule(ctx, "newsletter");
  if (!rule) return 0;
  const id = String(customer.id);
  const decision = decideNewsletterAward({
    customerId: id,
    previousConsent: consent.previous,
    currentConsent: consent.current,
    alreadyAwarded: await ledgerKeyExists(ctx, newsletterKey(id)),
    points: rule.points,
  });
  if (decision.outcome === "no_award") return 0;
  await credit(ctx, customer, rule, { ...decision, sourceType: "newsletter", at });
  return decision.points;
}

async function credit(
  ctx: HandlerContext,
  customer: CustomerRow,
  rule: ActionRule,
  award: { points: number; idempotencyKey: string; sourceType: "signup" | "newsletter"; at: Date },
) {
  await postLedgerEntry(ctx.tx, ctx.shopId, {
    customerId: customer.id,
    kind: "earn",
    amount: award.points,
    status: "available",
    sourceType: award.sourceType,
    sourceId: String(customer.id),
    idempotencyKey: award.idempotencyKey,
    earningRuleId: rule.ruleId,
    earningRuleVersion: rule.ruleVersion,
    occurredAt: award.at,
  });
  // "Upgrade happens at once, on the event that crosses the threshold" — any earning can be one.
  await applyTierAfterEarning(ctx.tx, ctx.shopId, customer.id, award.at, award.idempotencyKey);
}
