import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CATALOGS } from "./catalogs";
import { createTranslator, directionOf, flatten, resolveLocale, SUPPORTED_LOCALES } from "./i18n";
import type { Messages } from "./i18n";

const LOCALES_DIR = join(import.meta.dirname, "..", "..", "extensions", "loyalty-theme", "locales");

describe("resolveLocale (product.md §16: fall back to English)", () => {
  it("takes the storefront's language when the merchant enabled it, by its base language", () => {
    expect(resolveLocale("fr", ["en", "fr"])).toBe("fr");
    expect(resolveLocale("fr-CA", ["en", "fr"])).toBe("fr");
    expect(resolveLocale("pt-BR", ["en", "fr"])).toBe("en");
  });
  it("falls back to English for a language that is not enabled or missing", () => {
    expect(resolveLocale("de", ["en", "fr"])).toBe("en");
    expect(resolveLocale(undefined, ["fr"])).toBe("en");
    expect(resolveLocale("", ["en"])).toBe("en");
  });
});

describe("direction", () => {
  it("is right-to-left for Arabic and Hebrew only", () => {
    expect(SUPPORTED_LOCALES.map((l) => [l, directionOf(l)])).toEqual([
      ["en", "ltr"],
      ["fr", "ltr"],
      ["de", "ltr"],
      ["es", "ltr"],
      ["ar", "rtl"],
      ["he", "rtl"],
    ]);
    expect(createTranslator({ locale: "he", catalogs: CATALOGS }).dir).toBe("rtl");
  });
});

describe("translator", () => {
  const catalogs: Record<string, Messages> = {
    en: {
      a: { title: "Rewards", only_en: "English only" },
      points: { one: "{{ count }} point", other: "{{ count }} points" },
    },
    fr: { a: { title: "Récompenses" }, points: { one: "{{ count }} point", other: "{{ count }} points" } },
  };
  it("looks up the locale, then English, then shows the key", () => {
    const t = createTranslator({ locale: "fr", catalogs });
    expect(t.t("a.title")).toBe("Récompenses");
    expect(t.t("a.only_en")).toBe("English only");
    expect(t.t("a.nothing")).toBe("a.nothing");
  });
  it("applies the merchant's overrides first, for the locale and then English", () => {
    const t = createTranslator({
      locale: "fr",
      catalogs,
      overrides: { fr: { "a.title": "Mes avantages" }, en: { "a.only_en": "Merchant's English" } },
    });
    expect(t.t("a.title")).toBe("Mes avantages");
    expect(t.t("a.only_en")).toBe("Merchant's English");
    // An English override does not replace a string the locale has.
    const u = createTranslator({ locale: "fr", catalogs, overrides: { en: { "a.title": "Perks" } } });
    expect(u.t("a.title")).toBe("Récompenses");
  });
  it("ignores empty overrides", () => {
    const t = createTranslator({ locale: "fr", catalogs, overrides: { fr: { "a.title": "" } } });
    expect(t.t("a.title")).toBe("Récompenses");
  });
  it("picks plural forms with Intl.PluralRules and formats numbers for the locale", () => {
    const en = createTranslator({ locale: "en", catalogs: CATALOGS });
    expect(en.t("points", { count: 1 })).toBe("1 point");
    expect(en.t("points", { count: 1250 })).toBe("1,250 points");
    const de = createTranslator({ locale: "de", catalogs: CATALOGS });
    expect(de.t("points", { count: 1250 })).toBe("1.250 Punkte");
    const ar = createTranslator({ locale: "ar", catalogs: CATALOGS });
    expect(ar.t("points", { count: 2 })).toBe("نقطتان");
    expect(ar.t("points", { count: 1 })).toBe("نقطة واحدة");
    const fr = createTranslator({ locale: "fr", catalogs: CATALOGS });
    expect(fr.t("points", { count: 0 })).toBe("0 point");
  });
  it("interpolates {{ var }} like Shopify's t filter, leaving unknown variables visible", () => {
    const t = createTranslator({ locale: "en", catalogs: CATALOGS });
    expect(t.t("panel.rewards.confirm", { points: "500 points", reward: "$5 off" })).toBe(
      "Spend 500 points on $5 off?",
    );
    expect(t.t("panel.greeting")).toBe("Hi {{ name }}");
  });
  it("lets a merchant override a plural form", () => {
    const t = createTranslator({
      locale: "en",
      catalogs: CATALOGS,
      overrides: { en: { "points.other": "{{ count }} stars" } },
    });
    expect(t.t("points", { count: 3 })).toBe("3 stars");
    expect(t.t("points", { count: 1 })).toBe("1 point");
  });
});

describe("the extension's locale files", () => {
  const files = readdirSync(LOCALES_DIR).filter((f) => f.endsWith(".json") && !f.includes(".schema."));
  const load = (file: string) =>
    flatten(JSON.parse(readFileSync(join(LOCALES_DIR, file), "utf8")) as Messages);
  const english = load("en.default.json");

  it("exist for the six languages, English as Shopify's default", () => {
    expect(files.sort()).toEqual(["ar.json", "de.json", "en.default.json", "es.json", "fr.json", "he.json"]);
  });
  it.each(files)("%s has every English string (plural forms aside) and no unknown key", (file) => {
    const strings = load(file);
    const base = (k: string) => !k.startsWith("points.");
    expect(
      Object.keys(english)
        .filter(base)
        .filter((k) => !(k in strings)),
    ).toEqual([]);
    expect(
      Object.keys(strings)
        .filter(base)
        .filter((k) => !(k in english)),
    ).toEqual([]);
    expect(strings["points.other"]).toContain("{{ count }}");
  });
  it.each(files)("%s keeps every {{ variable }} of the English text", (file) => {
    const strings = load(file);
    const vars = (s: string) => [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(english)) {
      if (key.startsWith("points.")) continue;
      expect([key, vars(strings[key] ?? "")]).toEqual([key, vars(text)]);
    }
  });
});
