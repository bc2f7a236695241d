import type { Money } from "../money";
import { assertInteger, floorDiv } from "../money";

/**
 * Presentment-currency units per one shop-currency unit (major units, e.g. "0.9213" EUR per USD),
 * as an exact decimal string or an integer ratio. Never a float.
 */
export type ExchangeRate = string | { numerator: bigint | number; denominator: bigint | number };

interface Ratio {
  numerator: bigint;
  denominator: bigint;
}

/** Digits after the decimal point of a currency's minor unit (2 for USD, 0 for JPY, 3 for KWD). */
export function currencyExponent(currency: string): number {
  return (
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

/** The exact ratio of a rate; throws on anything that is not a positive exact decimal or ratio. */
export function rateRatio(rate: ExchangeRate): Ratio {
  if (typeof rate === "string") {
    const m = /^(\d+)(?:\.(\d+))?$/.exec(rate.trim());
    if (!m) throw new RangeError(`exchange rate "${rate}" is not an exact decimal`);
    const fraction = m[2] ?? "";
    const ratio = {
      numerator: BigInt((m[1] ?? "0") + fraction),
      denominator: 10n ** BigInt(fraction.length),
    };
    if (ratio.numerator <= 0n) throw new RangeError("exchange rate must be positive");
    return ratio;
  }
  for (const part of [rate.numerator, rate.denominator]) {
    if (typeof part === "number") assertInteger(part, "exchange rate part");
  }
  const ratio = { numerator: BigInt(rate.numerator), denominator: BigInt(rate.denominator) };
  if (ratio.numerator <= 0n || ratio.denominator <= 0n)
    throw new RangeError("exchange rate must be positive");
  return ratio;
}

/**
 * The rate implied by one amount in both currencies (e.g. an order's `total_price_set`
 * shop_money and presentment_money), as an exact ratio.
 */
export function exchangeRateFromAmounts(shop: Money, presentment: Money): ExchangeRate {
  if (shop.amountMinor <= 0 || presentment.amountMinor <= 0) throw new RangeError("amounts must be positive");
  return {
    numerator: BigInt(presentment.amountMinor) * 10n ** BigInt(currencyExponent(shop.currency)),
    denominator: BigInt(shop.amountMinor) * 10n ** BigInt(currencyExponent(presentment.currency)),
  };
}

/**
 * Converts shop-currency minor units into another currency, rounding **down** (a reward is never
 * worth more than the merchant set), adjusting for the two currencies' minor-unit exponents.
 */
export function convertMinor(amount: Money, toCurrency: string, rate: ExchangeRate): Money {
  assertInteger(amount.amountMinor, "amountMinor");
  if (amount.amountMinor < 0) throw new RangeError("amount must not be negative");
  if (toCurrency === amount.currency) return { amountMinor: amount.amountMinor, currency: toCurrency };
  const { numerator, denominator } = rateRatio(rate);
  const scaleTo = 10n ** BigInt(currencyExponent(toCurrency));
  const scaleFrom = 10n ** BigInt(currencyExponent(amount.currency));
  return {
    amountMinor: floorDiv(BigInt(amount.amountMinor) * numerator * scaleTo, denominator * scaleFrom),
    currency: toCurrency,
  };
}

/** "12.34" for 1234 USD minor units: Shopify's Decimal scalar, built from integers. */
export function formatDecimal(money: Money): string {
  assertInteger(money.amountMinor, "amountMinor");
  const exponent = currencyExponent(money.currency);
  const sign = money.amountMinor < 0 ? "-" : "";
  const digits = String(Math.abs(money.amountMinor)).padStart(exponent + 1, "0");
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}
