import { TRPCClientError } from "@trpc/client";
import { adminLocale } from "../../lib/format";

/**
 * Helpers for the Points and VIP tiers forms: money typed in major units (the shop currency's own
 * decimals) ↔ integer minor units, whole-number fields, and the API's 400 messages per field.
 */

/** How many decimals the currency has (USD 2, JPY 0, KWD 3). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
      .maximumFractionDigits!;
  } catch {
    return 2;
  }
}

/** The currency's symbol in the admin's locale ("$", "€", "CA$"), for a money field's prefix. */
export function currencySymbol(currency: string, locale = adminLocale()): string {
  try {
    const part = new Intl.NumberFormat(locale, { style: "currency", currency })
      .formatToParts(0)
      .find((p) => p.type === "currency");
    return part?.value ?? currency;
  } catch {
    return currency;
  }
}

/** Minor units as a money field's text: 500 USD → "5.00"; null → "". */
export function minorToInput(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return "";
  const digits = currencyDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}

/**
 * A money field's text as minor units, exactly (no floating point): "5" / "5.5" / "5.50" USD → 500 /
 * 550 / 550. `null` for an empty field; `NaN` when the text is not an amount in this currency.
 */
export function inputToMinor(text: string, currency: string): number | null {
  const trimmed = text.trim().replace(/,/g, "");
  if (trimmed === "") return null;
  const digits = currencyDigits(currency);
  const match = /^(\d{1,12})(?:\.(\d*))?$/.exec(trimmed);
  if (!match) return Number.NaN;
  const fraction = match[2] ?? "";
  if (fraction.length > digits) return Number.NaN;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}

/** A whole-number field: null when empty, NaN when not a whole number. */
export function inputToInt(text: string): number | null {
  const trimmed = text.trim().replace(/,/g, "");
  if (trimmed === "") return null;
  return /^-?\d{1,12}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** Basis points (1/100 %) as a field's text: 1000 → "10", 1250 → "12.5". */
export function bpToPercentInput(bp: number | null | undefined): string {
  if (bp === null || bp === undefined) return "";
  return String(bp / 100);
}

/** A percentage field ("12.5") as basis points (1250), exactly; null when empty, NaN when invalid. */
export function percentInputToBp(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const match = /^(\d{1,6})(?:\.(\d{0,2}))?$/.exec(trimmed);
  if (!match) return Number.NaN;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** A multiplier field ("1.5") as basis points (15000); null when empty, NaN when invalid. */
export function multiplierInputToBp(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const match = /^(\d{1,3})(?:\.(\d{0,4}))?$/.exec(trimmed);
  if (!match) return Number.NaN;
  return Number(match[1]) * 10_000 + Number((match[2] ?? "").padEnd(4, "0"));
}

/** 15000 → "1.5" */
export function bpToMultiplierInput(bp: number): string {
  return String(bp / 10_000);
}

/** "×1.5" in the admin's locale. */
export function formatMultiplier(bp: number, locale = adminLocale()): string {
  return `×${new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(bp / 10_000)}`;
}

/** Comma- or line-separated values as a list, trimmed, empty ones and repeats dropped. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\n]/)
        .map((item) => item.trim())
        .filter(Boolean),
    ),
  ];
}

/** A date and time for the merchant, e.g. "Mar 4, 2025, 2:05 PM". */
export function formatDateTime(iso: string, locale = adminLocale()): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

/**
 * The API's refusal of an input (HTTP 400), split by field. Its message is one `path: problem` per
 * issue, joined by "; " (e.g. `pointsCost: Too small: expected number to be >=1`). Paths are
 * dotted ("pointsForMoney.minPoints", "tiers.2.threshold"); lines without one go to `general`.
 */
export function fieldErrorsOf(error: unknown): { fields: Record<string, string>; general: string[] } {
  const fields: Record<string, string> = {};
  const general: string[] = [];
  if (!(error instanceof TRPCClientError)) return { fields, general };
  const data = error.data as { httpStatus?: number } | undefined;
  if (data?.httpStatus !== 400) return { fields, general };
  for (const part of error.message.split("; ")) {
    const match = /^([A-Za-z][\w]*(?:\.[\w]+)*): (.+)$/.exec(part.trim());
    if (match) {
      const [, path, problem] = match;
      if (!(path! in fields)) fields[path!] = sentence(problem!);
    } else if (part.trim()) general.push(part.trim());
  }
  return { fields, general };
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}
