import ar from "../../extensions/loyalty-account/locales/ar.json";
import de from "../../extensions/loyalty-account/locales/de.json";
import en from "../../extensions/loyalty-account/locales/en.default.json";
import es from "../../extensions/loyalty-account/locales/es.json";
import fr from "../../extensions/loyalty-account/locales/fr.json";
import he from "../../extensions/loyalty-account/locales/he.json";
import type { Locale, Messages } from "../widget/i18n";

/** The customer-account extension's own words (`account.*`), merged over the widget's catalogues. */
export const ACCOUNT_CATALOGS: Record<Locale, Messages> = { en, fr, de, es, ar, he };
