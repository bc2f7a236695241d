import { CATALOGS } from "../widget/catalogs";
import type { Locale, Messages, Translator } from "../widget/i18n";
import { SUPPORTED_LOCALES, createTranslator, resolveLocale } from "../widget/i18n";

/**
 * Translations for the checkout and customer-account extensions: the widget's translator and
 * catalogues (the theme extension's locale files: `points`, `panel.*` — balance, tiers, rewards,
 * history, referral and error words are shared), with the extension's own locale files
 * (`extensions/<handle>/locales/*.json`, Shopify's format, also what `shopify.i18n` would serve)
 * merged over them. The language is the one Shopify picked for the buyer
 * (`localization.extensionLanguage` / `language`), else English; ar and he are right-to-left
 * (Shopify lays the extension out in the checkout's direction).
 */
export function mergeMessages(base: Messages, over: Messages): Messages {
  const out: Messages = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] =
      typeof value === "object" && current !== undefined && typeof current === "object"
        ? mergeMessages(current, value)
        : value;
  }
  return out;
}

export function extensionTranslator(
  requested: string | null | undefined,
  own: Partial<Record<Locale, Messages>>,
): Translator {
  const catalogs: Partial<Record<Locale, Messages>> = {};
  for (const locale of SUPPORTED_LOCALES)
    catalogs[locale] = mergeMessages(CATALOGS[locale], own[locale] ?? {});
  return createTranslator({ locale: resolveLocale(requested, SUPPORTED_LOCALES), catalogs });
}
