import { z } from "zod";

/**
 * Shopify sends money as decimal strings ("24.00"). LoyalNest keeps integer minor units, so
 * amounts are parsed digit by digit (never through a binary float) with the currency's ISO 4217
 * exponent: JPY has no minor unit, KWD has three.
 */

/** ISO 4217 currencies whose minor unit is not 1/100; every other code has exponent 2. */
const EXPONENT_EXCEPTIONS: Readonly<Record<string, number>> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
};

/** Digits after the decimal point of a currency's minor unit (2 for USD, 0 for JPY, 3 for KWD). */
export function currencyMinorExponent(currency: string): number {
  return EXPONENT_EXCEPTIONS[currency.toUpperCase()] ?? 2;
}

export class MoneyParseError extends Error {
  override name = "MoneyParseError";
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?$/;

/**
 * "24.50" USD → 2450; "1500" JPY → 1500; "1.234" KWD → 1234. Extra fraction digits are accepted
 * only when they are zeros ("1500.0" JPY): anything else is not an amount of that currency and
 * is refused rather than rounded.
 */
export function parseMoneyMinor(amount: string | number, currency: string): number {
  // A JSON number's shortest round-trip text is the decimal Shopify wrote, so it parses exactly.
  const text = typeof amount === "number" ? numberText(amount) : amount.trim();
  const match = DECIMAL.exec(text);
  if (!match) throw new MoneyParseError(`"${text}" is not a decimal amount`);
  const [, sign, whole = "0", fraction = ""] = match;
  const exponent = currencyMinorExponent(currency);
  const kept = fraction.slice(0, exponent).padEnd(exponent, "0");
  if (/[^0]/.test(fraction.slice(exponent))) {
    throw new MoneyParseError(`"${text}" has more decimals than ${currency} allows (${exponent})`);
  }
  const minor = BigInt(whole + kept);
  const value = Number(sign === "-" ? -minor : minor);
  if (!Number.isSafeInteger(value)) throw new MoneyParseError(`"${text}" is too large`);
  return value === 0 ? 0 : value; // no negative zero
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new MoneyParseError(`${value} is not an amount`);
  const text = String(value);
  if (/e/i.test(text)) throw new MoneyParseError(`${text} is not a plain decimal amount`);
  return text;
}

/** An amount in minor units with its ISO currency code. */
export interface MinorMoney {
  amountMinor: number;
  currency: string;
}

const moneySchema = z.object({
  amount: z.union([z.string(), z.number()]),
  currency_code: z.string().regex(/^[A-Za-z]{3}$/, "an ISO 4217 currency code"),
});

/**
 * A `*_set` twin; only `shop_money` is read, because earning is computed in the shop currency
 * (`presentment_money` is what the shopper saw and may be another currency).
 */
export const moneySetSchema = z
  .object({ shop_money: moneySchema, presentment_money: moneySchema.optional() })
  .transform((set, ctx): MinorMoney => {
    const currency = set.shop_money.currency_code.toUpperCase();
    try {
      return { amountMinor: parseMoneyMinor(set.shop_money.amount, currency), currency };
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message, path: ["shop_money", "amount"] });
      return z.NEVER;
    }
  });

/** A set that may be absent; absence reads as zero in the given currency later. */
export const optionalMoneySetSchema = moneySetSchema.nullish();
