import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { flatten } from "../widget/i18n";
import type { Messages } from "../widget/i18n";
import { UI_EXTENSIONS, buildUiExtensions, extensionDir } from "./ui-extensions-build";

const outdir = mkdtempSync(join(tmpdir(), "loyalnest-ui-ext-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("the checkout and customer-account extension builds", () => {
  it("stay within Shopify's compressed caps (64 KB checkout, 128 KB customer-account page)", async () => {
    const sizes = await buildUiExtensions(outdir);
    expect(sizes.map((s) => [s.handle, s.capBytes])).toEqual([
      ["loyalty-checkout", 64 * 1024],
      ["loyalty-account", 128 * 1024],
    ]);
    for (const size of sizes) expect(size.gzipBytes).toBeLessThanOrEqual(size.capBytes);
    for (const extension of UI_EXTENSIONS) {
      const js = readFileSync(join(outdir, `${extension.handle}.js`), "utf8");
      // One ES module exporting each target's entry; Preact, no React, every language bundled.
      for (const { exportName } of Object.values(extension.targets))
        expect(js).toMatch(new RegExp(`export\\s*\\{[^}]*\\bas ${exportName}\\b`));
      expect(js).not.toMatch(/ui-extensions-react|react-dom/);
      for (const word of ["Refer a friend", "Parrainez", "דרכים לצבור נקודות"]) expect(js).toContain(word);
    }
  });
});

describe.each(UI_EXTENSIONS)("extension $handle", (extension) => {
  const dir = extensionDir(extension.handle);
  const toml = readFileSync(join(dir, "shopify.extension.toml"), "utf8");

  it("declares API 2026-01 or newer, its targets and modules, and network access", () => {
    const version = /^api_version = "(\d{4}-\d{2})"$/m.exec(toml)?.[1];
    expect(version! >= "2026-01").toBe(true);
    expect(toml).toMatch(/^type = "ui_extension"$/m);
    expect(toml).toContain(`handle = "${extension.handle}"`);
    const declared = [...toml.matchAll(/target = "([^"]+)"\s+module = "([^"]+)"/g)].map((m) => [m[1], m[2]]);
    expect(declared).toEqual(Object.entries(extension.targets).map(([target, t]) => [target, t.module]));
    expect(toml).toMatch(/network_access = true/);
  });

  it("has the same keys in every language as in English", () => {
    const files = readdirSync(join(dir, "locales"));
    expect(files.sort()).toEqual(["ar.json", "de.json", "en.default.json", "es.json", "fr.json", "he.json"]);
    const keys = (file: string) =>
      Object.keys(flatten(JSON.parse(readFileSync(join(dir, "locales", file), "utf8")) as Messages)).sort();
    const english = keys("en.default.json");
    for (const file of files) expect([file, keys(file)]).toEqual([file, english]);
  });
});
