import type { Locale, Overrides } from "./i18n";
import { isLocale } from "./i18n";

/**
 * What the app embed puts in the page (blocks/app-embed.liquid) for the launcher and the panel:
 * one `<script type="application/json" id="loyalnest-boot" data-panel-src="…">` element.
 *
 * - `settings` is the merchant's widget configuration from the admin — the `branding` and
 *   `languages` parts of `shopConfigSchema` (packages/db/src/schema/shop-config.ts) — which the app
 *   mirrors into the app-data metafield `loyalnest.widget_config` that Liquid reads
 *   (`app.metafields.loyalnest.widget_config.value`). Missing or invalid parts fall back to the
 *   schema's defaults, so a shop that never saved branding still gets a working widget.
 * - everything else comes from Liquid objects: the shop, the storefront locale, the logged-in
 *   customer, the account routes and the embed block's own theme-editor settings.
 */
export const BOOT_ELEMENT_ID = "loyalnest-boot";
export const PROXY_PATH = "/apps/loyalnest";

export interface Branding {
  primaryColor: string;
  accentColor: string;
  launcherText: string;
  launcherPosition: "bottom_right" | "bottom_left";
}

export interface WidgetSettings {
  branding: Branding;
  languages: { enabled: Locale[]; overrides: Overrides };
}

export interface Boot {
  shop: string;
  shopName: string;
  /** The storefront's language, `request.locale.iso_code`. */
  locale: string;
  /** The shop's currency (ISO 4217): points-for-money values and tier spend. */
  currency: string;
  /** Null for a visitor who is not logged in (the panel then offers sign-in and sign-up). */
  customer: { id: string; firstName: string | null } | null;
  /** Where Shopify's app proxy answers on the shop's domain. */
  proxyPath: string;
  routes: { login: string; register: string };
  /** The panel's script, loaded on first open (`{{ 'panel.js' | asset_url }}`). */
  panelSrc: string;
  /** The theme editor's "show the floating button" switch (off: only `[data-loyalnest-open]` links open the panel). */
  showLauncher: boolean;
  settings: WidgetSettings;
}

export const DEFAULT_BRANDING: Branding = {
  primaryColor: "#5c6ac4",
  accentColor: "#ffffff",
  launcherText: "Rewards",
  launcherPosition: "bottom_right",
};

const HEX = /^#[0-9a-fA-F]{6}$/;

type Loose = Record<string, unknown>;
const asObject = (value: unknown): Loose =>
  value !== null && typeof value === "object" && !Array.isArray(value) ? (value as Loose) : {};
const str = (value: unknown, fallback: string, ok: (s: string) => boolean = () => true) =>
  typeof value === "string" && ok(value) ? value : fallback;

/** The merchant's settings, defensively: every field is checked, anything odd becomes the default. */
export function normaliseSettings(raw: unknown): WidgetSettings {
  const config = asObject(raw);
  const branding = asObject(config.branding);
  const languages = asObject(config.languages);
  const enabled = Array.isArray(languages.enabled)
    ? languages.enabled.filter((l): l is Locale => typeof l === "string" && isLocale(l))
    : [];
  const overrides: Overrides = {};
  for (const [locale, table] of Object.entries(asObject(languages.overrides))) {
    const strings: Record<string, string> = {};
    for (const [key, text] of Object.entries(asObject(table)))
      if (typeof text === "string") strings[key] = text;
    overrides[locale] = strings;
  }
  return {
    branding: {
      primaryColor: str(branding.primaryColor, DEFAULT_BRANDING.primaryColor, (s) => HEX.test(s)),
      accentColor: str(branding.accentColor, DEFAULT_BRANDING.accentColor, (s) => HEX.test(s)),
      launcherText: str(
        branding.launcherText,
        DEFAULT_BRANDING.launcherText,
        (s) => s.trim() !== "" && s.length <= 40,
      ),
      launcherPosition: branding.launcherPosition === "bottom_left" ? "bottom_left" : "bottom_right",
    },
    languages: { enabled: enabled.length > 0 ? enabled : ["en"], overrides },
  };
}

/** Parses the boot element's JSON; null when the element is missing or unreadable (the widget stays off). */
export function parseBoot(json: string, panelSrc: string): Boot | null {
  let data: Loose;
  try {
    data = asObject(JSON.parse(json));
  } catch {
    return null;
  }
  const shop = str(data.shop, "");
  if (shop === "" || panelSrc === "") return null;
  const customer = asObject(data.customer);
  const customerId = customer.id;
  const routes = asObject(data.routes);
  return {
    shop,
    shopName: str(data.shopName, shop),
    locale: str(data.locale, "en"),
    currency: str(data.currency, "USD", (s) => /^[A-Z]{3}$/.test(s)),
    customer:
      typeof customerId === "number" || (typeof customerId === "string" && /^\d+$/.test(customerId))
        ? { id: String(customerId), firstName: str(customer.firstName, "") || null }
        : null,
    proxyPath: str(data.proxyPath, PROXY_PATH, (s) => s.startsWith("/")),
    routes: {
      login: str(routes.login, "/account/login"),
      register: str(routes.register, "/account/register"),
    },
    panelSrc,
    showLauncher: data.showLauncher !== false,
    settings: normaliseSettings(data.settings),
  };
}

export function readBoot(doc: Document): Boot | null {
  const element = doc.getElementById(BOOT_ELEMENT_ID);
  if (!element) return null;
  return parseBoot(element.textContent ?? "", element.getAttribute("data-panel-src") ?? "");
}

/**
 * The launcher's text: the merchant's override for the locale; else their branding text when they
 * changed it from the default (their words, every language); else the translated default.
 */
export function launcherLabel(settings: WidgetSettings, locale: Locale, translated: string): string {
  const override = settings.languages.overrides[locale]?.["launcher.label"];
  if (override) return override;
  const text = settings.branding.launcherText;
  return text !== DEFAULT_BRANDING.launcherText ? text : translated;
}
