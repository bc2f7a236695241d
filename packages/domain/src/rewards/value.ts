import type { Money } from "../money";
import { assertInteger } from "../money";
import type { ExchangeRate } from "./currency";
import { convertMinor } from "./currency";
import type { RewardMoneyValue } from "./reward";

export interface CurrencyContext {
  shopCurrency: string;
  /** The currency the shopper sees (cart / order presentment currency). */
  presentmentCurrency: string;
  /** The order's presentment rate; only needed when the merchant set no value for the currency. */
  rate: ExchangeRate | null;
}

/**
 * What a reward value is worth in the presentment currency: the merchant's own value for that
 * currency when set, otherwise the shop-currency value converted at the presentment rate and
 * rounded down. `multiple` scales it first (points-for-money steps), before any conversion, so
 * the whole amount is rounded once.
 */
export function rewardValueIn(value: RewardMoneyValue, ctx: CurrencyContext, multiple = 1): Money {
  assertInteger(multiple, "multiple");
  if (multiple < 0) throw new RangeError("multiple must not be negative");
  const { shopCurrency, presentmentCurrency } = ctx;
  if (presentmentCurrency === shopCurrency) {
    return { amountMinor: value.shopMinor * multiple, currency: shopCurrency };
  }
  const set = value.perCurrencyMinor?.[presentmentCurrency];
  if (set !== undefined) return { amountMinor: set * multiple, currency: presentmentCurrency };
  if (ctx.rate === null)
    throw new RangeError(`no value set in ${presentmentCurrency} and no presentment rate given`);
  return convertMinor(
    { amountMinor: value.shopMinor * multiple, currency: shopCurrency },
    presentmentCurrency,
    ctx.rate,
  );
}
