import ar from "../../extensions/loyalty-checkout/locales/ar.json";
import de from "../../extensions/loyalty-checkout/locales/de.json";
import en from "../../extensions/loyalty-checkout/locales/en.default.json";
import es from "../../extensions/loyalty-checkout/locales/es.json";
import fr from "../../extensions/loyalty-checkout/locales/fr.json";
import he from "../../extensions/loyalty-checkout/locales/he.json";
import type { Locale, Messages } from "../widget/i18n";

/** The checkout extension's own words (`checkout.*`), merged over the widget's catalogues. */
export const CHECKOUT_CATALOGS: Record<Locale, Messages> = { en, fr, de, es, ar, he };
