/**
 * The launcher: loaded on every storefront page by the app embed (blocks/app-embed.liquid), so it
 * stays tiny (P5: ≤ 15 KB gzip; it is ~2 KB). It reads the boot JSON, draws the fixed-position
 * button in a shadow root (no layout shift, no style clash with the theme, no iframe) and loads
 * `panel.js` — everything else — only when the shopper opens it (prefetched on hover / focus).
 * `window.LoyalNest.open()`, any `[data-loyalnest-open]` element and links to `#loyalnest` (a theme
 * menu item) open it too; a loyalty-page
 * block (`[data-loyalnest-inline]`) gets the panel mounted in place.
 */
import { launcher as ar } from "../../extensions/loyalty-theme/locales/ar.json";
import { launcher as de } from "../../extensions/loyalty-theme/locales/de.json";
import { launcher as en } from "../../extensions/loyalty-theme/locales/en.default.json";
import { launcher as es } from "../../extensions/loyalty-theme/locales/es.json";
import { launcher as fr } from "../../extensions/loyalty-theme/locales/fr.json";
import { launcher as he } from "../../extensions/loyalty-theme/locales/he.json";
import type { Boot } from "./config";
import { launcherLabel, readBoot } from "./config";
import { directionOf, resolveLocale } from "./i18n";
import type { PanelModule } from "./panel-types";

const LABELS = { en, fr, de, es, ar, he };
const GIFT_ICON =
  '<svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M20 12v10H4V12M2 7h20v5H2zM12 22V7M12 7H7.5a2.5 2.5 0 1 1 0-5C11 2 12 7 12 7zM12 7h4.5a2.5 2.5 0 1 0 0-5C13 2 12 7 12 7z"/></svg>';

const CSS = `:host{font-family:inherit}
.ln-launcher{position:fixed;bottom:20px;right:20px;z-index:2147483000;display:flex;align-items:center;gap:8px;min-height:48px;padding:12px 20px;border:0;border-radius:999px;background:var(--ln-primary);color:var(--ln-accent);font-family:inherit;font-size:15px;font-weight:600;line-height:1.2;cursor:pointer;box-shadow:0 4px 16px rgba(0,0,0,.22)}
.ln-launcher.ln-left{right:auto;left:20px}
.ln-launcher:hover{filter:brightness(1.08)}
.ln-launcher:focus-visible{outline:3px solid var(--ln-primary);outline-offset:3px}
.ln-launcher[aria-busy=true]{cursor:progress;opacity:.85}`;

function start(boot: Boot) {
  const locale = resolveLocale(boot.locale, boot.settings.languages.enabled);
  const { branding } = boot.settings;
  const host = document.createElement("div");
  host.id = "loyalnest-widget";
  host.style.setProperty("--ln-primary", branding.primaryColor);
  host.style.setProperty("--ln-accent", branding.accentColor);
  const root = host.attachShadow({ mode: "open" });
  const style = document.createElement("style");
  style.textContent = CSS;
  root.append(style);

  let button: HTMLButtonElement | null = null;
  if (boot.showLauncher) {
    button = document.createElement("button");
    button.type = "button";
    button.className = `ln-launcher${branding.launcherPosition === "bottom_left" ? " ln-left" : ""}`;
    button.dir = directionOf(locale);
    button.lang = locale;
    button.setAttribute("aria-haspopup", "dialog");
    button.setAttribute("aria-expanded", "false");
    button.innerHTML = GIFT_ICON; // a constant: no shop or shopper data goes through innerHTML
    const text = document.createElement("span");
    text.textContent = launcherLabel(boot.settings, locale, LABELS[locale].label);
    button.append(text);
    root.append(button);
  }
  document.body.append(host);

  let panel: Promise<PanelModule> | null = null;
  const load = () => (panel ??= import(/* @vite-ignore */ boot.panelSrc) as Promise<PanelModule>);
  let close: (() => void) | null = null;
  const context = { boot, locale, root };

  function open(opener?: HTMLElement | null) {
    if (close) return;
    button?.setAttribute("aria-busy", "true");
    load()
      .then((module) => {
        button?.setAttribute("aria-expanded", "true");
        close = module.openPanel({
          ...context,
          onClose() {
            close = null;
            button?.setAttribute("aria-expanded", "false");
            (opener ?? button)?.focus();
          },
        });
      })
      .catch((error: unknown) => {
        panel = null;
        console.warn("LoyalNest: the rewards panel could not be loaded", error);
      })
      .finally(() => button?.removeAttribute("aria-busy"));
  }

  if (button) {
    const opener = button;
    opener.addEventListener("click", () => (close ? close() : open(opener)));
    opener.addEventListener("pointerenter", () => void load().catch(() => (panel = null)), { once: true });
    opener.addEventListener("focus", () => void load().catch(() => (panel = null)), { once: true });
  }
  document.addEventListener("click", (event) => {
    const target = (event.target as Element | null)?.closest?.('[data-loyalnest-open],a[href$="#loyalnest"]');
    if (!target) return;
    event.preventDefault();
    open(target as HTMLElement);
  });
  for (const container of document.querySelectorAll<HTMLElement>("[data-loyalnest-inline]")) {
    load()
      .then((module) => module.mountInline({ ...context, container }))
      .catch((error: unknown) => console.warn("LoyalNest: the rewards page could not be loaded", error));
  }
  (window as unknown as { LoyalNest: unknown }).LoyalNest = {
    open: () => open(null),
    close: () => close?.(),
  };
}

function boot() {
  const config = readBoot(document);
  if (config) start(config);
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot, { once: true });
else boot();
