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

/**
 * A date (and optionally its time) for the merchant. `timeZone` defaults to the browser's: the API
 * does not expose the shop's time zone, so callers say which zone they show when it matters.
 */
export function formatDate(
  iso: string,
  options: { time?: boolean; timeZone?: string } = {},
  locale = adminLocale(),
): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    ...(options.time ? { timeStyle: "short" } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  }).format(new Date(iso));
}

/** The browser's IANA time zone (e.g. "America/New_York"), for labels next to dates. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** How many minor units make one unit of `currency` (2 for USD, 0 for JPY). */
export function currencyDigits(currency: string, locale = adminLocale()): number {
  return (
    new Intl.NumberFormat(locale, { style: "currency", currency }).resolvedOptions().maximumFractionDigits ??
    2
  );
}
