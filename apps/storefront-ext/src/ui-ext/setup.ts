import type { Surface } from "./api";
import { createSessionApiClient } from "./api";
import { APP_URL } from "./app-url";
import type { Words } from "./components";
import { wordsFor } from "./components";
import { extensionTranslator } from "./i18n";
import type { SignalLike } from "./signals";
import { createFormatter } from "../widget/format";
import type { ApiClient } from "../widget/api";
import type { Locale, Messages } from "../widget/i18n";

/** What every extension target hands in that the setup reads (a subset of Shopify's StandardApi). */
export interface BaseHost {
  sessionToken: { get(): Promise<string> };
  localization: {
    extensionLanguage?: SignalLike<{ isoCode: string }>;
    language?: SignalLike<{ isoCode: string }>;
    currency?: SignalLike<{ isoCode: string }>;
  };
}

export interface ExtensionSetup {
  api: ApiClient;
  words: Words;
  currency: string;
}

/** The API client over the surface's session token, and the words for the buyer's language. */
export function setUp(
  host: BaseHost,
  surface: Surface,
  catalogs: Partial<Record<Locale, Messages>>,
  fallbackCurrency = "USD",
): ExtensionSetup {
  const language = (host.localization.extensionLanguage ?? host.localization.language)?.value.isoCode;
  const translator = extensionTranslator(language, catalogs);
  const currency = host.localization.currency?.value.isoCode ?? fallbackCurrency;
  // The shop's own name for its points arrives with the profile; the translated word is used until then.
  const fmt = createFormatter(translator, currency, null);
  const api = createSessionApiClient({ appUrl: APP_URL, surface, token: () => host.sessionToken.get() });
  return { api, words: wordsFor(translator, fmt), currency };
}
