import type { Translator } from "./i18n";

export interface PointsName {
  singular: string;
  plural: string;
}

export const DEFAULT_POINTS_NAME: PointsName = { singular: "point", plural: "points" };

export interface Formatter {
  number(value: number): string;
  /** "1,250 points" — the translated word, or the shop's own name for its points when it set one. */
  points(value: number): string;
  /** Integer minor units → "$5.00" in the shopper's locale. */
  money(amountMinor: number, currency?: string): string;
  /** ISO timestamp → a medium date in the shopper's locale. */
  date(iso: string): string;
}

export function createFormatter(t: Translator, currency: string, pointsName: PointsName | null): Formatter {
  const locale = t.locale;
  const custom =
    pointsName !== null &&
    (pointsName.singular !== DEFAULT_POINTS_NAME.singular ||
      pointsName.plural !== DEFAULT_POINTS_NAME.plural);
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: "medium" });
  return {
    number: t.number,
    points(value) {
      if (custom && pointsName)
        return `${t.number(value)} ${value === 1 ? pointsName.singular : pointsName.plural}`;
      return t.t("points", { count: value });
    },
    money(amountMinor, code = currency) {
      const format = new Intl.NumberFormat(locale, { style: "currency", currency: code });
      const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
      return format.format(amountMinor / 10 ** digits);
    },
    date(iso) {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? "" : dates.format(date);
    },
  };
}

/** Progress towards the next tier as a 0–100 percentage (for the progress bar). */
export function tierProgress(threshold: number, remaining: number): number {
  if (threshold <= 0) return 100;
  const done = Math.min(threshold, Math.max(0, threshold - remaining));
  return Math.round((done / threshold) * 100);
}
