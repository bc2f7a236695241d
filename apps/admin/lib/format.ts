/**
 * Numbers and money for the merchant: in the admin's locale (Shopify's `locale` parameter, else the
 * browser's) and the shop's currency. Money travels as integer minor units.
 */
export function adminLocale(): string {
  if (typeof window === "undefined") return "en-US";
  return new URLSearchParams(window.location.search).get("locale") ?? window.navigator.language ?? "en-US";
}

export function formatNumber(value: number, locale = adminLocale()): string {
  return new Intl.NumberFormat(locale).format(value);
}

export function formatMoney(minor: number, currency: string, locale = adminLocale()): string {
  const format = new Intl.NumberFormat(locale, { style: "currency", currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

/** Basis points (1/100 of a percent) as a percentage, e.g. 1234 → "12.3%". */
export function formatBasisPoints(bp: number, locale = adminLocale()): string {
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(bp / 10_000);
}
