/** ISO 4217 currencies without minor units (the rest used by Shopify shops have two; none three). */
const ZERO_DECIMAL = new Set([
  "BIF",
  "CLP",
  "DJF",
  "GNF",
  "ISK",
  "JPY",
  "KMF",
  "KRW",
  "PYG",
  "RWF",
  "UGX",
  "UYI",
  "VND",
  "VUV",
  "XAF",
  "XOF",
  "XPF",
]);

export const minorDigits = (currency: string) => (ZERO_DECIMAL.has(currency.toUpperCase()) ? 0 : 2);

/** A POS cart amount ("42.50", "1,234.5") → minor units; `undefined` when it is not a number. */
export function toMinorUnits(amount: string | undefined, currency: string): number | undefined {
  if (amount === undefined) return undefined;
  const cleaned = amount.replace(/[^0-9.-]/g, "");
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return undefined;
  const value = Math.round(Number(cleaned) * 10 ** minorDigits(currency));
  return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
