import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { flatten } from "../widget/i18n";
import type { Messages } from "../widget/i18n";
import { EXTENSION_DIR, LAUNCHER_GZIP_BUDGET, buildWidget } from "./widget-build";

const outdir = mkdtempSync(join(tmpdir(), "loyalnest-widget-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("the widget build (P5)", () => {
  it("keeps the launcher within 15 KB gzip and the panel in a separate file", async () => {
    const sizes = await buildWidget(outdir);
    const launcher = sizes.find((s) => s.file === "launcher.js")!;
    const panel = sizes.find((s) => s.file === "panel.js")!;
    expect(launcher.gzipBytes).toBeLessThanOrEqual(LAUNCHER_GZIP_BUDGET);
    expect(readdirSync(outdir).sort()).toEqual(["launcher.js", "panel.js"]);

    const launcherJs = readFileSync(join(outdir, "launcher.js"), "utf8");
    const panelJs = readFileSync(join(outdir, "panel.js"), "utf8");
    // The launcher is a classic script that imports the panel lazily, and carries none of it.
    expect(launcherJs).toMatch(/\bimport\(/);
    expect(launcherJs).not.toMatch(/^\s*(import|export)\b/m);
    expect(launcherJs).not.toContain("ln-panel");
    expect(launcherJs).not.toContain("Ways to earn");
    // The panel is an ES module with the two entry points the launcher calls, and every language.
    expect(panelJs).toMatch(/export\s*\{[^}]*\bopenPanel\b/);
    expect(panelJs).toMatch(/export\s*\{[^}]*\bmountInline\b/);
    for (const word of ["Ways to earn", "Comment gagner des points", "طرق كسب النقاط", "דרכים לצבור נקודות"])
      expect(panelJs).toContain(word);
    expect(panel.gzipBytes).toBeGreaterThan(launcher.gzipBytes);
  });
});

describe("the theme app extension", () => {
  const read = (path: string) => readFileSync(join(EXTENSION_DIR, path), "utf8");
  const english = flatten(JSON.parse(read("locales/en.default.json")) as Messages);

  it("declares a theme extension", () => {
    expect(read("shopify.extension.toml")).toMatch(/^type = "theme"$/m);
  });

  it("has an app embed (body) that loads the launcher and hands it the boot JSON and the panel's URL", () => {
    const embed = read("blocks/app-embed.liquid");
    const schema = JSON.parse(/\{% schema %\}([\s\S]*)\{% endschema %\}/.exec(embed)![1]!) as Record<
      string,
      unknown
    >;
    expect(schema).toMatchObject({ target: "body", javascript: "launcher.js" });
    expect(embed).toContain('id="loyalnest-boot"');
    expect(embed).toContain("data-panel-src=\"{{ 'panel.js' | asset_url }}\"");
    expect(embed).toContain("app.metafields.loyalnest.widget_config.value");
  });

  it.each(["points-on-product.liquid", "loyalty-page.liquid"])(
    "block %s is a section block with a valid schema",
    (file) => {
      const block = read(`blocks/${file}`);
      const schema = JSON.parse(/\{% schema %\}([\s\S]*)\{% endschema %\}/.exec(block)![1]!) as Record<
        string,
        unknown
      >;
      expect(schema.target).toBe("section");
    },
  );

  it("uses only translation keys the locale files define", () => {
    const blocks = readdirSync(join(EXTENSION_DIR, "blocks")).map((f) => read(`blocks/${f}`));
    const keys = blocks.flatMap((b) => [...b.matchAll(/'([\w.]+)' \| t\b/g)].map((m) => m[1]!));
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys) expect([key, key in english || `${key}.other` in english]).toEqual([key, true]);
  });
});
