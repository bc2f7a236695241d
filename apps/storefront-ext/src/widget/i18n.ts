/**
 * Translations for the widget. The catalogues are the theme app extension's own locale files
 * (`extensions/loyalty-theme/locales/*.json`, Shopify's format: nested keys, `{{ var }}`
 * interpolation, plural forms `zero`/`one`/`two`/`few`/`many`/`other` under a key), so Liquid blocks
 * (`{{ 'product.earn' | t }}`) and the script share one source. A string is looked up in the
 * merchant's overrides for the locale, then the locale's catalogue, then English (overrides, then
 * catalogue), then the key itself.
 */
export const SUPPORTED_LOCALES = ["en", "fr", "de", "es", "ar", "he"] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];
export type Direction = "ltr" | "rtl";
export interface Messages {
  [key: string]: string | Messages;
}
/** locale → flat dotted key (`panel.rewards.redeem`, `points.one`) → the merchant's text. */
export type Overrides = Partial<Record<string, Record<string, string>>>;
export type Vars = Record<string, string | number>;

const RTL: readonly string[] = ["ar", "he"];

export function isLocale(value: string): value is Locale {
  return (SUPPORTED_LOCALES as readonly string[]).includes(value);
}

/**
 * The widget's language: the storefront's (`request.locale.iso_code`, e.g. `fr` or `fr-CA`) when the
 * merchant enabled it for the widget, else English (product.md §16: falling back to English).
 */
export function resolveLocale(requested: string | null | undefined, enabled: readonly string[]): Locale {
  const base = (requested ?? "").toLowerCase().split(/[-_]/)[0] ?? "";
  return isLocale(base) && enabled.includes(base) ? base : "en";
}

export function directionOf(locale: string): Direction {
  return RTL.includes(locale) ? "rtl" : "ltr";
}

/** `{a: {b: "x"}}` → `{"a.b": "x"}`. */
export function flatten(messages: Messages, prefix = "", out: Record<string, string> = {}) {
  for (const [key, value] of Object.entries(messages)) {
    if (typeof value === "string") out[prefix + key] = value;
    else flatten(value, `${prefix}${key}.`, out);
  }
  return out;
}

export interface Translator {
  readonly locale: Locale;
  readonly dir: Direction;
  /** The text for `key`; with a numeric `count` the plural form for it (Intl.PluralRules). */
  t(key: string, vars?: Vars): string;
  /** Formats a number for this locale (used for `{{ count }}` and other numeric variables). */
  number(value: number): string;
}

export function createTranslator(options: {
  locale: Locale;
  catalogs: Partial<Record<Locale, Messages>>;
  overrides?: Overrides | undefined;
}): Translator {
  const { locale } = options;
  const flat = (l: Locale) => flatten(options.catalogs[l] ?? {});
  const own = (l: string) => options.overrides?.[l] ?? {};
  // The locale's words (the merchant's, then the catalogue's), then English's the same way. Within
  // a language the exact plural form wins over `other`, and an override over the catalogue.
  const languages = [
    [own(locale), flat(locale)],
    [own("en"), flat("en")],
  ];
  const numbers = new Intl.NumberFormat(locale);
  const plurals = new Intl.PluralRules(locale);
  const number = (value: number) => numbers.format(value);

  function lookup(candidates: string[]): string | undefined {
    for (const sources of languages) {
      for (const candidate of candidates) {
        for (const source of sources) {
          const text = source[candidate];
          if (typeof text === "string" && text !== "") return text;
        }
      }
    }
    return undefined;
  }

  return {
    locale,
    dir: directionOf(locale),
    number,
    t(key, vars = {}) {
      const count = vars.count;
      const candidates =
        typeof count === "number"
          ? [...(count === 0 ? [`${key}.zero`] : []), `${key}.${plurals.select(count)}`, `${key}.other`, key]
          : [key];
      const text = lookup(candidates) ?? key;
      return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (match, name: string) => {
        const value = vars[name];
        if (value === undefined) return match;
        return typeof value === "number" ? number(value) : value;
      });
    },
  };
}
