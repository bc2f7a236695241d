import type { ApiClient, Profile, Redemption, Reward } from "../widget/api";
import type { ShopperError } from "../widget/errors";
import { describeError } from "../widget/errors";
import type { RedeemEvent, RedeemState } from "../widget/redeem-state";
import { IDLE, makeRequestKey, redeemReducer } from "../widget/redeem-state";
import type { Store } from "../ui-ext/signals";
import { createStore } from "../ui-ext/signals";
import type { CheckoutDiscountHost, Money } from "./host";

/**
 * The in-checkout redeem block (Plus shops): spend points on a reward, get its single-use code
 * (`shopper.redeem`), and apply it to this checkout (`applyDiscountCodeChange`). Checks made
 * *before* any point is spent: the reward must give a code (store credit does not), the cart must
 * reach the reward's minimum order, and the checkout must allow discount code changes. After
 * applying, a code that Shopify took but did not allocate (it does not combine with a discount
 * already on the order) is reported as such — the code stays the shopper's for a later order.
 */

/** Integer minor units of a checkout Money (`42.5 USD` → 4250). */
export function toMinor(money: Money): number {
  const digits =
    new Intl.NumberFormat("en", { style: "currency", currency: money.currencyCode }).resolvedOptions()
      .maximumFractionDigits ?? 2;
  return Math.round(money.amount * 10 ** digits);
}

export type RewardAvailability =
  | { kind: "ready" }
  /** The cart is below the reward's minimum order: `missingMinor` more to add. */
  | { kind: "below_minimum"; minOrderMinor: number; missingMinor: number }
  /** Not redeemable for another reason (the profile's first reason, e.g. insufficient points). */
  | { kind: "blocked"; reason: string; pointsMissing: number };

export interface CheckoutReward {
  reward: Reward;
  availability: RewardAvailability;
}

/** The rewards that turn into a discount code, with what stands in the way for this cart. */
export function checkoutRewards(profile: Profile, subtotalMinor: number): CheckoutReward[] {
  return profile.rewards
    .filter((reward) => reward.type !== "store_credit")
    .map((reward) => {
      if (reward.minOrderMinor !== null && subtotalMinor < reward.minOrderMinor)
        return {
          reward,
          availability: {
            kind: "below_minimum",
            minOrderMinor: reward.minOrderMinor,
            missingMinor: reward.minOrderMinor - subtotalMinor,
          },
        };
      const reasons = reward.unavailableReasons.filter((r) => r !== "below_minimum_order");
      // The profile judges without a cart; the cart's minimum was checked above.
      if (reward.affordable || (reasons.length === 0 && reward.pointsMissing <= 0))
        return { reward, availability: { kind: "ready" } };
      const reason = reasons[0] ?? (reward.pointsMissing > 0 ? "insufficient_points" : "reward_inactive");
      return { reward, availability: { kind: "blocked", reason, pointsMissing: reward.pointsMissing } };
    });
}

/** The shopper's unused codes (issued, not store credit) not yet on this checkout: apply without spending. */
export function unusedCodes(redemptions: readonly Redemption[], onCheckout: readonly { code: string }[]) {
  const applied = new Set(onCheckout.map((c) => c.code.toLowerCase()));
  return redemptions.filter(
    (r) =>
      r.status === "issued" &&
      r.discountCode !== null &&
      !r.storeCredit &&
      !applied.has(r.discountCode.toLowerCase()),
  );
}

export type ApplyOutcome =
  /** On the checkout and discounting it. */
  | "applied"
  /** Shopify took the code but did not apply it, or refused it: it does not combine with a discount already there. */
  | "not_combinable"
  /** Discount codes cannot be changed in this checkout (e.g. a draft order's checkout). */
  | "locked"
  /** Refused for another reason (Shopify's message is not for buyers). */
  | "refused";

const COMBINE = /combin|stack/i;

export async function applyCode(host: CheckoutDiscountHost, code: string): Promise<ApplyOutcome> {
  if (!host.instructions.value.discounts.canUpdateDiscountCodes) return "locked";
  let result;
  try {
    result = await host.applyDiscountCodeChange({ type: "addDiscountCode", code });
  } catch {
    return "refused";
  }
  if (result.type === "error") return COMBINE.test(result.message) ? "not_combinable" : "refused";
  const lower = code.toLowerCase();
  const onCheckout = host.discountCodes.value.some((c) => c.code.toLowerCase() === lower);
  const allocated = host.discountAllocations.value.some(
    (a) => a.type === "code" && a.code?.toLowerCase() === lower,
  );
  if (onCheckout && !allocated) return "not_combinable";
  return "applied";
}

export interface CheckoutRedeemState {
  redeem: RedeemState;
  /** The code being applied or last applied, with the outcome once known. */
  apply: { code: string; rewardName: string; outcome: ApplyOutcome | "applying" } | null;
  error: ShopperError | null;
}

export class CheckoutRedeemController {
  readonly store: Store<CheckoutRedeemState> = createStore<CheckoutRedeemState>({
    redeem: IDLE,
    apply: null,
    error: null,
  });

  constructor(
    private readonly api: Pick<ApiClient, "redeem">,
    /** Null where there is no checkout to apply the code to (the customer-account page). */
    private readonly host: CheckoutDiscountHost | null,
    private readonly onRedeemed: () => void = () => undefined,
    private readonly newKey: () => string = () => makeRequestKey(),
  ) {}

  private dispatch(event: RedeemEvent) {
    this.store.setState((s) => ({ ...s, redeem: redeemReducer(s.redeem, event, this.newKey) }));
  }

  choose(reward: Reward, points = reward.pointsCost) {
    this.store.setState((s) => ({ ...s, error: null }));
    this.dispatch({ type: "choose", rewardId: reward.id, points });
  }

  setPoints(points: number) {
    this.dispatch({ type: "set_points", points });
  }

  cancel() {
    this.dispatch({ type: "cancel" });
  }

  dismiss() {
    this.dispatch({ type: "dismiss" });
    this.store.setState((s) => ({ ...s, error: null }));
  }

  /** Confirm (or retry after a failure): redeem with the choice's request key, then apply the code. */
  async confirm(reward: Reward): Promise<void> {
    const before = this.store.getState().redeem;
    this.dispatch({ type: before.phase === "error" ? "retry" : "confirm" });
    const state = this.store.getState().redeem;
    if (state.phase !== "submitting" || state === before) return;
    try {
      const result = await this.api.redeem({
        rewardId: state.rewardId,
        requestKey: state.requestKey,
        ...(reward.type === "points_for_money" ? { chosenPoints: state.points } : {}),
      });
      this.dispatch({ type: "succeeded", result });
      this.onRedeemed();
      const code = result.redemption.discountCode;
      if (code && this.host) await this.apply(code, result.redemption.rewardName);
    } catch (error) {
      this.dispatch({ type: "failed", error: describeError(error, "redeem") });
    }
  }

  /** Applies a code the shopper already has (or re-tries one that did not apply). */
  async apply(code: string, rewardName: string): Promise<ApplyOutcome> {
    if (!this.host) return "locked";
    const host = this.host;
    this.store.setState((s) => ({ ...s, apply: { code, rewardName, outcome: "applying" } }));
    const outcome = await applyCode(host, code);
    this.store.setState((s) => ({ ...s, apply: { code, rewardName, outcome } }));
    return outcome;
  }
}
