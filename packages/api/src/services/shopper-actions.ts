import {
  applyTierAfterEarning,
  encryptPii,
  postLedgerEntry,
  schema,
  type PiiKeyring,
  type Database,
  type Transaction,
} from "@loyalnest/db";
import {
  DEFAULT_ACTION_POINTS,
  decideNewsletterAward,
  decideSignupAward,
  decideSocialFollowAward,
  newsletterKey,
  signupKey,
  isHeldOut,
} from "@loyalnest/domain";
import { TRPCError } from "@trpc/server";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { availablePoints } from "./redemption-issuing";

/** The networks a shopper can claim a follow for (a fixed list: free text would mint points per spelling). */
export const SOCIAL_NETWORKS = ["instagram", "facebook", "tiktok", "x", "youtube", "pinterest"] as const;
export type SocialNetwork = (typeof SOCIAL_NETWORKS)[number];

export interface ClaimInput {
  action: "birthday" | "newsletter" | "social";
  birthday?: string | undefined;
  network?: SocialNetwork | undefined;
}

export interface ClaimResult {
  action: ClaimInput["action"];
  outcome: "awarded" | "already_awarded" | "birthday_saved";
  points: number;
  balance: number;
  message: string;
}

type Deps = { database: { db: Database }; keyring: PiiKeyring; now: () => Date };
type Customer = typeof schema.customers.$inferSelect;

const precondition = (message: string) => new TRPCError({ code: "PRECONDITION_FAILED", message });
const badRequest = (message: string) => new TRPCError({ code: "BAD_REQUEST", message });

/** Locks the customer row and checks they are in the programme (members only earn, §3). */
async function lockMember(tx: Transaction, shopId: string, customerId: number): Promise<Customer> {
  const [settings] = await tx
    .select({ enabled: schema.shopSettings.programmeEnabled })
    .from(schema.shopSettings)
    .where(eq(schema.shopSettings.shopId, shopId));
  if (!settings?.enabled) throw precondition("The rewards programme is paused.");
  const [customer] = await tx
    .select()
    .from(schema.customers)
    .where(and(eq(schema.customers.shopId, shopId), eq(schema.customers.id, customerId)))
    .for("update");
  if (!customer) throw new TRPCError({ code: "NOT_FOUND", message: "That customer does not exist." });
  if (customer.isTombstone || customer.holdout || customer.membershipStatus !== "member")
    throw precondition("Join the rewards programme first.");
  return customer;
}

interface ActionRule {
  points: number;
  ruleId: number | null;
  ruleVersion: number | null;
}

/**
 * The shop's rule for a one-off action, as the worker reads signup/newsletter rules: the current
 * version's `config.points`; the §4 default when the shop never configured a rule of that kind;
 * null when the matching rule is switched off. For `social`, a rule whose `variant` is the network
 * wins over a rule without variant.
 */
async function actionRule(
  tx: Transaction,
  shopId: string,
  kind: "signup" | "newsletter" | "social",
  variant?: string,
): Promise<ActionRule | null> {
  const { earningRules, earningRuleVersions } = schema;
  const rules = await tx
    .select({
      id: earningRules.id,
      variant: earningRules.variant,
      active: earningRules.active,
      version: earningRules.currentVersion,
      config: earningRuleVersions.config,
    })
    .from(earningRules)
    .leftJoin(
      earningRuleVersions,
      and(
        eq(earningRuleVersions.shopId, earningRules.shopId),
        eq(earningRuleVersions.ruleId, earningRules.id),
        eq(earningRuleVersions.version, earningRules.currentVersion),
      ),
    )
    .where(and(eq(earningRules.shopId, shopId), eq(earningRules.kind, kind)))
    .orderBy(asc(earningRules.id));
  const fallback = kind === "social" ? DEFAULT_ACTION_POINTS.socialFollow : DEFAULT_ACTION_POINTS[kind];
  if (rules.length === 0) return { points: fallback, ruleId: null, ruleVersion: null };
  const rule =
    variant === undefined
      ? rules[0]
      : (rules.find((r) => r.variant.toLowerCase() === variant) ?? rules.find((r) => r.variant === ""));
  if (!rule || !rule.active) return null;
  const configured = (rule.config as { points?: unknown } | null)?.points;
  const points = typeof configured === "number" && Number.isSafeInteger(configured) ? configured : fallback;
  return points > 0 ? { points, ruleId: rule.id, ruleVersion: rule.version } : null;
}

async function ledgerKeyExists(tx: Transaction, shopId: string, key: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: schema.pointsLedger.id })
    .from(schema.pointsLedger)
    .where(and(eq(schema.pointsLedger.shopId, shopId), eq(schema.pointsLedger.idempotencyKey, key)));
  return row !== undefined;
}

async function creditAction(
  tx: Transaction,
  shopId: string,
  customerId: number,
  rule: ActionRule,
  award: {
    points: number;
    idempotencyKey: string;
    sourceType: "social" | "newsletter" | "signup";
    sourceId: string;
  },
  at: Date,
) {
  await postLedgerEntry(tx, shopId, {
    customerId,
    kind: "earn",
    amount: award.points,
    status: "available",
    sourceType: award.sourceType,
    sourceId: award.sourceId,
    idempotencyKey: award.idempotencyKey,
    earningRuleId: rule.ruleId,
    earningRuleVersion: rule.ruleVersion,
    actorType: "shopper",
    occurredAt: at,
  });
  await applyTierAfterEarning(tx, shopId, customerId, at, award.idempotencyKey);
}

/** A calendar date of birth: real, from 1900, not in the future. */
export function parseBirthday(value: string, today: Date): { year: number; month: number; day: number } {
  const [year, month, day] = value.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  const real =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!real) throw badRequest("birthday: that date does not exist.");
  if (year < 1900 || date.getTime() > today.getTime())
    throw badRequest("birthday: enter your real date of birth.");
  return { year, month, day };
}

export async function claimShopperAction(
  deps: Deps,
  shop: { id: string },
  customerId: number,
  input: ClaimInput,
): Promise<ClaimResult> {
  const at = deps.now();
  const shopId = shop.id;
  return deps.database.db.transaction(async (tx) => {
    const customer = await lockMember(tx, shopId, customerId);
    const done = async (
      outcome: ClaimResult["outcome"],
      points: number,
      message: string,
    ): Promise<ClaimResult> => ({
      action: input.action,
      outcome,
      points,
      balance: await availablePoints(tx, shopId, customerId),
      message,
    });

    if (input.action === "birthday") {
      if (!input.birthday) throw badRequest("birthday: enter your date of birth.");
      const date = parseBirthday(input.birthday, at);
      if (customer.birthdayMonth !== null)
        throw new TRPCError({ code: "CONFLICT", message: "Your birthday is already saved." });
      await tx
        .update(schema.customers)
        .set({
          birthdayEnc: encryptPii(deps.keyring, input.birthday, "customers.birthday"),
          birthdayMonth: date.month,
          birthdayDay: date.day,
          birthdaySetAt: at,
          updatedAt: sql`now()`,
        })
        .where(
          and(
            eq(schema.customers.shopId, shopId),
            eq(schema.customers.id, customerId),
            isNull(schema.customers.birthdayMonth),
          ),
        );
      return done("birthday_saved", 0, "Birthday saved. Your birthday points arrive on your birthday.");
    }

    if (input.action === "newsletter") {
      const rule = await actionRule(tx, shopId, "newsletter");
      if (!rule) throw precondition("Subscribing to the newsletter does not earn points in this shop.");
      const key = newsletterKey(String(customerId));
      if (await ledgerKeyExists(tx, shopId, key))
        return done("already_awarded", 0, "You already earned points for subscribing.");
      // The consent Shopify reported is the proof; the shopper's word is not.
      const decision = decideNewsletterAward({
        customerId: String(customerId),
        previousConsent: null,
        currentConsent: customer.marketingConsent,
        alreadyAwarded: false,
        points: rule.points,
      });
      if (decision.outcome === "no_award")
        throw precondition(
          "Subscribe to our newsletter first — your points are added once your subscription is confirmed.",
        );
      await creditAction(
        tx,
        shopId,
        customerId,
        rule,
        { ...decision, sourceType: "newsletter", sourceId: String(customerId) },
        at,
      );
      return done("awarded", decision.points, `You earned ${decision.points} points for subscribing.`);
    }

    if (!input.network) throw badRequest("network: choose the network you followed.");
    const network = input.network;
    const rule = await actionRule(tx, shopId, "social", network);
    if (!rule) throw precondition("Following us there does not earn points in this shop.");
    const key = `social:${customerId}:${network}`;
    const decision = decideSocialFollowAward({
      customerId: String(customerId),
      network,
      awardedNetworks: (await ledgerKeyExists(tx, shopId, key)) ? [network] : [],
      points: rule.points,
    });
    if (decision.outcome === "no_award")
      return done("already_awarded", 0, "You already earned points for following us there.");
    await creditAction(
      tx,
      shopId,
      customerId,
      rule,
      { ...decision, sourceType: "social", sourceId: network },
      at,
    );
    return done("awarded", decision.points, `You earned ${decision.points} points for following us.`);
  });
}

export interface JoinResult {
  status: "member" | "not_member" | "excluded";
  joined: boolean;
  signupPoints: number;
  customerId: number;
}

/**
 * Joining the programme (opt-in shops, §3 "a shop may instead require joining through the widget").
 * - The customer row is created from the verified Shopify customer id when Shopify's webhook has not
 *   arrived yet (the webhook later fills in the profile: it finds the row by the same id).
 * - A not-yet member becomes a member with `joined_at`; joining is their sign-up, so the signup
 *   award is paid then (same ledger key as the webhook's, so it is paid once).
 * - Already a member (automatic shops, or joined before): nothing changes (`joined: false`).
 * - An excluded customer cannot join (the merchant excluded them).
 */
export async function joinProgramme(
  deps: Deps,
  shop: { id: string },
  shopifyCustomerId: string,
): Promise<JoinResult> {
  const at = deps.now();
  const shopId = shop.id;
  return deps.database.db.transaction(async (tx) => {
    const [settings] = await tx
      .select({ enabled: schema.shopSettings.programmeEnabled, holdoutBp: schema.shopSettings.holdoutBp })
      .from(schema.shopSettings)
      .where(eq(schema.shopSettings.shopId, shopId));
    if (!settings?.enabled) throw precondition("The rewards programme is paused.");
    // §12: a customer first seen here is drawn for the holdout exactly as the webhook would draw them.
    const holdout = isHeldOut(shopId, shopifyCustomerId, settings.holdoutBp);
    await tx
      .insert(schema.customers)
      .values({
        shopId,
        shopifyCustomerId: Number(shopifyCustomerId),
        membershipStatus: holdout ? "excluded" : "not_member",
        holdout,
      })
      .onConflictDoNothing();
    const [customer] = await tx
      .select()
      .from(schema.customers)
      .where(
        and(
          eq(schema.customers.shopId, shopId),
          eq(schema.customers.shopifyCustomerId, Number(shopifyCustomerId)),
        ),
      )
      .for("update");
    if (!customer) throw new Error("customer row could be neither created nor found");
    await tx.insert(schema.pointBalances).values({ shopId, customerId: customer.id }).onConflictDoNothing();
    if (customer.isTombstone || customer.membershipStatus === "excluded")
      throw precondition("Your account can't join the rewards programme. Please contact the store.");
    if (customer.membershipStatus === "member")
      return { status: "member", joined: false, signupPoints: 0, customerId: customer.id };

    await tx
      .update(schema.customers)
      .set({ membershipStatus: "member", joinedAt: at, updatedAt: sql`now()` })
      .where(and(eq(schema.customers.shopId, shopId), eq(schema.customers.id, customer.id)));
    let signupPoints = 0;
    const rule = await actionRule(tx, shopId, "signup");
    if (rule && !customer.holdout) {
      const id = String(customer.id);
      const decision = decideSignupAward({
        customerId: id,
        alreadyAwarded: await ledgerKeyExists(tx, shopId, signupKey(id)),
        points: rule.points,
      });
      if (decision.outcome === "award") {
        await creditAction(
          tx,
          shopId,
          customer.id,
          rule,
          { ...decision, sourceType: "signup", sourceId: id },
          at,
        );
        signupPoints = decision.points;
      }
    }
    return { status: "member", joined: true, signupPoints, customerId: customer.id };
  });
}
