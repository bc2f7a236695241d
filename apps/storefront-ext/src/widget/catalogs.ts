import ar from "../../extensions/loyalty-theme/locales/ar.json";
import de from "../../extensions/loyalty-theme/locales/de.json";
import en from "../../extensions/loyalty-theme/locales/en.default.json";
import es from "../../extensions/loyalty-theme/locales/es.json";
import fr from "../../extensions/loyalty-theme/locales/fr.json";
import he from "../../extensions/loyalty-theme/locales/he.json";
import type { Locale, Messages } from "./i18n";

/** Every language's catalogue, bundled into panel.js (the launcher only takes the `launcher` keys). */
export const CATALOGS: Record<Locale, Messages> = { en, fr, de, es, ar, he };
