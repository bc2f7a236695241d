import { randomInt } from "node:crypto";
import {
  markRedemptionIssued,
  releaseRedemption,
  reserveRedemption,
  schema,
  type Database,
  type Redemption,
  type Transaction,
} from "@loyalnest/db";
import {
  buildDiscountCodeRequest,
  buildStoreCreditRequest,
  REFERRAL_CODE_ALPHABET,
  type RedemptionIneligibility,
  type Reward,
} from "@loyalnest/domain";
import {
  createBasicDiscountCode,
  createFreeShippingCode,
  creditStoreCredit,
  type AdminGraphqlClient,
  type MutationResult,
} from "@loyalnest/shopify";
import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";

/**
 * Issuing a redemption (product.md §5): reserve → create the Shopify side → issued, or released
 * with the points returned.
 *
 * 1. One transaction: `reserveRedemption` (the `redeem` debit keyed on the client's request key and
 *    the `reserved` row, under the customer's balance lock) and, for a code reward, the code we are
 *    about to create is stored on the reserved row — so a retry after a crash creates the *same*
 *    code rather than a second one. A caller hook (`onReserved`) may add its audit row there.
 * 2. Outside any transaction (no lock is held across the network): the single-use, customer-scoped
 *    discount code (`discountCodeBasicCreate` / `discountCodeFreeShippingCreate`, built by the
 *    domain's `buildDiscountCodeRequest`: usage limit 1, the customer's `context`, `combinesWith`,
 *    minimum subtotal, `endsAt` = the reservation's expiry), or a store-credit credit.
 * 3. Success → `markRedemptionIssued`. Any failure → `releaseRedemption` (`shopify_failed`: a
 *    `reversal` row returns the points) and a BAD_GATEWAY "Could not create your code; your points
 *    were returned." A code Shopify may have created after an ambiguous failure is harmless: it is
 *    unguessable, single-use, scoped to this customer, and was never shown to anyone.
 *
 * Replays (same request key) never debit twice, and call Shopify at most once for an issued one:
 * - `issued` / `used`: the same redemption and code, no Shopify call;
 * - `released` after a Shopify failure: the same error again (the shopper retries with a new key);
 * - `reserved` and younger than {@link IN_FLIGHT_MS}: another request is creating it right now →
 *   CONFLICT "still being created";
 * - `reserved` and older (the process died between reserving and issuing): a discount code is
 *   created again *with the stored code*; Shopify answering "code taken" means the earlier attempt
 *   did create it, so the redemption is marked issued (without the discount id). Store credit is
 *   never retried that way — a second credit would be real money — and stays for reconciliation.
 */
export const IN_FLIGHT_MS = 60_000;

export const SHOPIFY_FAILED_MESSAGE =
  "Could not create your code; your points were returned. Please try again.";
const STORE_CREDIT_PENDING_MESSAGE =
  "Your store credit is still being processed. If it does not appear soon, please contact the store.";
const IN_FLIGHT_MESSAGE = "Your reward is still being created — try again in a moment.";

/** "LN-" and 10 characters of an alphabet without look-alikes (no 0/O, 1/I/L): ~49 bits of randomness. */
export function generateRewardCode(): string {
  let code = "LN-";
  for (let i = 0; i < 10; i++) code += REFERRAL_CODE_ALPHABET[randomInt(REFERRAL_CODE_ALPHABET.length)];
  return code;
}

export interface IssueRedemptionDeps {
  db: Database;
  shopifyAdmin: AdminGraphqlClient;
  now: () => Date;
}

export interface IssueRedemptionInput {
  customerId: number;
  rewardId: number;
  requestKey: string;
  chosenPoints?: number | undefined;
  channel: "online" | "pos";
  cartSubtotalMinor?: number | null | undefined;
  /** Runs in the reservation's transaction, for a new reservation only (e.g. the POS audit row). */
  onReserved?: (tx: Transaction, redemption: Redemption) => Promise<void>;
}

export interface IssuedRedemption {
  redemption: Redemption;
  /** The customer's available points after this request. */
  availablePoints: number;
  /** True when the request key had been seen before: nothing was debited this time. */
  replayed: boolean;
}

/** A refusal that writes nothing (a rule) or that the ledger records under the key (insufficient points). */
export class RedemptionRefusedError extends TRPCError {
  constructor(
    readonly reasons: (RedemptionIneligibility | "not_a_member" | "no_shopify_customer" | "not_supported")[],
    message: string,
    code: "UNPROCESSABLE_CONTENT" | "PRECONDITION_FAILED" = "UNPROCESSABLE_CONTENT",
  ) {
    super({ code, message });
  }
}

const REASON_MESSAGES: Record<RedemptionIneligibility, string> = {
  reward_inactive: "This reward is not available any more.",
  channel_not_allowed: "This reward can't be redeemed here.",
  tier_too_low: "This reward is for a higher VIP tier.",
  per_customer_limit_reached: "You have already redeemed this reward as often as allowed.",
  below_minimum_order: "The order is below this reward's minimum amount.",
  insufficient_points: "You don't have enough points for this reward.",
  not_a_whole_step: "Choose the points in whole steps.",
  below_minimum: "Choose at least the reward's minimum number of points.",
  above_maximum: "That is more points than this reward allows.",
};

export function describeRefusal(reasons: RedemptionIneligibility[], pointsMissing: number): string {
  return reasons
    .map((reason) =>
      reason === "insufficient_points" && pointsMissing > 0
        ? `You need ${pointsMissing} more points for this reward.`
        : REASON_MESSAGES[reason],
    )
    .join(" ");
}

type ShopRef = { id: string; domain: string; currency: string };

/** Reserve, create on Shopify, and issue (or release): see the module note. */
export async function issueRedemption(
  deps: IssueRedemptionDeps,
  shop: ShopRef,
  input: IssueRedemptionInput,
): Promise<IssuedRedemption> {
  const { db } = deps;
  const reward = await loadReward(db, shop.id, input.rewardId);
  validateChoice(reward, input.chosenPoints);

  const earlier = await findByKey(db, shop.id, input.requestKey);
  if (earlier) return replay(deps, shop, input, earlier);

  const customer = await loadCustomer(db, shop.id, input.customerId);
  const settings = await loadSettings(db, shop.id);
  if (!settings.programmeEnabled)
    throw new RedemptionRefusedError(
      ["not_a_member"],
      "The rewards programme is paused.",
      "PRECONDITION_FAILED",
    );
  if (customer.membershipStatus !== "member" || customer.holdout || customer.isTombstone)
    throw new RedemptionRefusedError(
      ["not_a_member"],
      "Join the rewards programme to redeem rewards.",
      "PRECONDITION_FAILED",
    );
  if (customer.shopifyCustomerId === null)
    throw new RedemptionRefusedError(
      ["no_shopify_customer"],
      "This customer has no Shopify account yet, so a personal code cannot be created.",
      "PRECONDITION_FAILED",
    );
  if (reward.type === "free_product")
    throw new RedemptionRefusedError(
      ["not_supported"],
      "This reward can't be redeemed online yet; please ask the store.",
      "PRECONDITION_FAILED",
    );

  const at = deps.now();
  const reserved = await db.transaction(async (tx) => {
    const result = await reserveRedemption(tx, shop.id, {
      customerId: input.customerId,
      rewardId: input.rewardId,
      requestKey: input.requestKey,
      ...(input.chosenPoints === undefined ? {} : { chosenPoints: input.chosenPoints }),
      channel: input.channel,
      cartSubtotalMinor: input.cartSubtotalMinor ?? null,
      at,
    });
    if (result.outcome !== "reserved") return result;
    let redemption = result.redemption;
    if (reward.type !== "store_credit") {
      const [withCode] = await tx
        .update(schema.redemptions)
        .set({ discountCode: generateRewardCode() })
        .where(and(eq(schema.redemptions.shopId, shop.id), eq(schema.redemptions.id, redemption.id)))
        .returning();
      redemption = withCode!;
    }
    await input.onReserved?.(tx, redemption);
    return { ...result, redemption };
  });

  if (reserved.outcome === "refused") {
    const missing = Math.max(0, reserved.pointsCost - reserved.availablePoints);
    throw new RedemptionRefusedError(reserved.reasons, describeRefusal(reserved.reasons, missing));
  }
  if (reserved.outcome === "duplicate") return replay(deps, shop, input, reserved.redemption);
  const issued = await createOnShopify(deps, shop, reserved.redemption, customer.shopifyCustomerId, false);
  return {
    redemption: issued,
    availablePoints: await availablePoints(db, shop.id, input.customerId),
    replayed: false,
  };
}

async function replay(
  deps: IssueRedemptionDeps,
  shop: ShopRef,
  input: IssueRedemptionInput,
  redemption: Redemption,
): Promise<IssuedRedemption> {
  if (redemption.customerId !== input.customerId || redemption.rewardId !== input.rewardId)
    throw new TRPCError({
      code: "CONFLICT",
      message: "This request key was already used for another redemption. Send a new key.",
    });
  let current = redemption;
  if (current.status === "released" && current.releaseReason === "shopify_failed")
    throw new TRPCError({ code: "BAD_GATEWAY", message: SHOPIFY_FAILED_MESSAGE });
  if (current.status === "reserved") {
    if (snapshotType(current) === "store_credit")
      throw new TRPCError({ code: "CONFLICT", message: STORE_CREDIT_PENDING_MESSAGE });
    if (deps.now().getTime() - current.createdAt.getTime() < IN_FLIGHT_MS)
      throw new TRPCError({ code: "CONFLICT", message: IN_FLIGHT_MESSAGE });
    const customer = await loadCustomer(deps.db, shop.id, current.customerId);
    current = await createOnShopify(deps, shop, current, customer.shopifyCustomerId, true);
  }
  return {
    redemption: current,
    availablePoints: await availablePoints(deps.db, shop.id, current.customerId),
    replayed: true,
  };
}

type ShopifyOutcome =
  | {
      ok: true;
      discountCode: string | null;
      shopifyDiscountId: string | null;
      storeCreditTransactionId: string | null;
    }
  | { ok: false; error: string };

/** Creates the Shopify side of a reserved redemption, then marks it issued or releases it. */
async function createOnShopify(
  deps: IssueRedemptionDeps,
  shop: ShopRef,
  redemption: Redemption,
  shopifyCustomerId: number | null,
  isRetry: boolean,
): Promise<Redemption> {
  let outcome: ShopifyOutcome;
  try {
    outcome =
      shopifyCustomerId === null
        ? { ok: false, error: "customer has no Shopify id" }
        : await callShopify(deps, shop, redemption, shopifyCustomerId, isRetry);
  } catch (error) {
    outcome = {
      ok: false,
      error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
  const at = deps.now();
  if (outcome.ok) {
    const issued = await deps.db.transaction((tx) =>
      markRedemptionIssued(tx, shop.id, {
        redemptionId: redemption.id,
        discountCode: outcome.discountCode,
        shopifyDiscountId: outcome.shopifyDiscountId,
        storeCreditTransactionId: outcome.storeCreditTransactionId,
        at,
      }),
    );
    return issued.redemption;
  }
  await deps.db.transaction((tx) =>
    releaseRedemption(tx, shop.id, {
      redemptionId: redemption.id,
      reason: "shopify_failed",
      error: outcome.error.slice(0, 1000),
      at,
    }),
  );
  throw new TRPCError({ code: "BAD_GATEWAY", message: SHOPIFY_FAILED_MESSAGE });
}

function userErrorText(result: MutationResult<unknown>): string {
  return result.ok ? "" : result.userErrors.map((e) => `${e.code ?? "ERROR"}: ${e.message}`).join("; ");
}

async function callShopify(
  deps: IssueRedemptionDeps,
  shop: ShopRef,
  redemption: Redemption,
  shopifyCustomerId: number,
  isRetry: boolean,
): Promise<ShopifyOutcome> {
  const reward = redemption.rewardSnapshot as Reward;
  const customerGid = `gid://shopify/Customer/${shopifyCustomerId}`;
  if (reward.kind.type === "store_credit") {
    const request = buildStoreCreditRequest(reward, customerGid, {
      amountMinor: redemption.valueMinor ?? reward.kind.value.shopMinor,
      currency: redemption.currency ?? shop.currency,
    });
    const { amount, currencyCode } = request.variables.creditInput.creditAmount;
    const result = await creditStoreCredit(deps.shopifyAdmin, shop.domain, {
      customerId: customerGid,
      amount,
      currencyCode,
    });
    if (!result.ok) return { ok: false, error: userErrorText(result) };
    return {
      ok: true,
      discountCode: null,
      shopifyDiscountId: null,
      storeCreditTransactionId: result.value.transactionId ?? result.value.accountId,
    };
  }

  const code = redemption.discountCode;
  if (!code) return { ok: false, error: "no code was stored with the reservation" };
  const request = buildDiscountCodeRequest({
    reward,
    code,
    customerGid,
    issuedAt: deps.now(),
    shopCurrency: shop.currency,
    pointsSpent: redemption.pointsSpent,
  });
  const common =
    request.mutation === "discountCodeBasicCreate"
      ? request.variables.basicCodeDiscount
      : request.variables.freeShippingCodeDiscount;
  const base = {
    title: common.title,
    code,
    customerIds: [customerGid],
    startsAt: new Date(common.startsAt),
    // The reservation fixed the expiry: the code ends exactly when the redemption says it does.
    endsAt: redemption.expiresAt,
    combinesWith: common.combinesWith,
    minimumSubtotal: common.minimumRequirement?.subtotal.greaterThanOrEqualToSubtotal ?? null,
  };
  let result: MutationResult<{ id: string; code: string }>;
  if (request.mutation === "discountCodeFreeShippingCreate") {
    result = await createFreeShippingCode(deps.shopifyAdmin, shop.domain, {
      ...base,
      maximumShippingPrice: request.variables.freeShippingCodeDiscount.maximumShippingPrice,
    });
  } else {
    const value = request.variables.basicCodeDiscount.customerGets.value;
    result = await createBasicDiscountCode(deps.shopifyAdmin, shop.domain, {
      ...base,
      value:
        "percentage" in value
          ? { kind: "percentage", percentage: value.percentage }
          : { kind: "fixed_amount", amount: value.discountAmount.amount },
    });
  }
  if (result.ok)
    return {
      ok: true,
      discountCode: code,
      shopifyDiscountId: result.value.id,
      storeCreditTransactionId: null,
    };
  // On a retry, "code taken" means our earlier attempt created it (the code is ours and unguessable).
  const taken = result.userErrors.some((e) => e.code === "TAKEN" && e.field?.at(-1) === "code");
  if (isRetry && taken)
    return { ok: true, discountCode: code, shopifyDiscountId: null, storeCreditTransactionId: null };
  return { ok: false, error: userErrorText(result) };
}

function validateChoice(reward: typeof schema.rewards.$inferSelect, chosenPoints: number | undefined) {
  if (reward.type === "points_for_money" && chosenPoints === undefined)
    throw new TRPCError({ code: "BAD_REQUEST", message: "chosenPoints: choose how many points to use." });
  if (reward.type !== "points_for_money" && chosenPoints !== undefined)
    throw new TRPCError({
      code: "BAD_REQUEST",
      message: "chosenPoints: only a points-for-money reward takes a number of points.",
    });
}

const REWARD_NOT_FOUND = "That reward does not exist.";

async function loadReward(db: Database, shopId: string, rewardId: number) {
  const [row] = await db
    .select()
    .from(schema.rewards)
    .where(and(eq(schema.rewards.shopId, shopId), eq(schema.rewards.id, rewardId)));
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: REWARD_NOT_FOUND });
  return row;
}

async function loadCustomer(db: Database, shopId: string, customerId: number) {
  const [row] = await db
    .select({
      id: schema.customers.id,
      shopifyCustomerId: schema.customers.shopifyCustomerId,
      membershipStatus: schema.customers.membershipStatus,
      holdout: schema.customers.holdout,
      isTombstone: schema.customers.isTombstone,
    })
    .from(schema.customers)
    .where(and(eq(schema.customers.shopId, shopId), eq(schema.customers.id, customerId)));
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: "That customer does not exist." });
  return row;
}

async function loadSettings(db: Database, shopId: string) {
  const [row] = await db
    .select({ programmeEnabled: schema.shopSettings.programmeEnabled })
    .from(schema.shopSettings)
    .where(eq(schema.shopSettings.shopId, shopId));
  return { programmeEnabled: row?.programmeEnabled ?? false };
}

async function findByKey(db: Database, shopId: string, requestKey: string) {
  const [row] = await db
    .select()
    .from(schema.redemptions)
    .where(and(eq(schema.redemptions.shopId, shopId), eq(schema.redemptions.idempotencyKey, requestKey)));
  return row;
}

export async function availablePoints(db: Database | Transaction, shopId: string, customerId: number) {
  const [row] = await db
    .select({ available: schema.pointBalances.available })
    .from(schema.pointBalances)
    .where(and(eq(schema.pointBalances.shopId, shopId), eq(schema.pointBalances.customerId, customerId)));
  return row?.available ?? 0;
}

type RewardType = (typeof schema.rewards.$inferSelect)["type"];

/** The reward type a redemption was made for: its snapshot's, else (an old or partial snapshot) the reward row's. */
export function snapshotType(redemption: Redemption, fallback?: RewardType): RewardType | null {
  const type = (redemption.rewardSnapshot as Partial<Reward> | null)?.kind?.type;
  return type ?? fallback ?? null;
}

/**
 * What a shopper or associate sees of a redemption: the code only while it is usable or used.
 * `reward` (the current row) fills in what an older snapshot lacks.
 */
export function redemptionView(redemption: Redemption, reward?: { name: string; type: RewardType }) {
  const snapshot = (redemption.rewardSnapshot ?? {}) as Partial<Reward>;
  const type = snapshotType(redemption, reward?.type) ?? "fixed_amount";
  const showCode = redemption.status === "issued" || redemption.status === "used";
  return {
    id: redemption.id,
    rewardId: redemption.rewardId,
    rewardName: typeof snapshot.name === "string" ? snapshot.name : (reward?.name ?? "Reward"),
    type,
    status: redemption.status,
    pointsSpent: redemption.pointsSpent,
    discountCode: showCode ? redemption.discountCode : null,
    value:
      redemption.valueMinor !== null && redemption.currency !== null
        ? { amountMinor: redemption.valueMinor, currency: redemption.currency }
        : null,
    storeCredit: type === "store_credit" && showCode,
    expiresAt: redemption.expiresAt ? redemption.expiresAt.toISOString() : null,
    createdAt: redemption.createdAt.toISOString(),
  };
}
