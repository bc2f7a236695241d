import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  POS_EXTENSION_DIR,
  POS_GZIP_BUDGET,
  buildPosExtension,
  buildPosPreview,
  readPosApiVersion,
  readPosTargets,
} from "./pos-build";

const outdir = mkdtempSync(join(tmpdir(), "loyalnest-pos-"));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe("the POS UI extension", () => {
  it("targets the home tile + modal, the customer-details block (+ its modal) and the post-purchase action", () => {
    expect(readPosTargets().map((t) => t.target)).toEqual([
      "pos.home.tile.render",
      "pos.home.modal.render",
      "pos.customer-details.block.render",
      "pos.customer-details.action.render",
      "pos.purchase.post.action.menu-item.render",
      "pos.purchase.post.action.render",
    ]);
    for (const { module } of readPosTargets()) expect(existsSync(join(POS_EXTENSION_DIR, module))).toBe(true);
    const toml = readFileSync(join(POS_EXTENSION_DIR, "shopify.extension.toml"), "utf8");
    expect(toml).toMatch(/^type = "ui_extension"$/m);
    // shopify.md: UI extensions on API 2026-01 or newer (Preact + web components).
    expect(readPosApiVersion()! >= "2026-01").toBe(true);
  });

  it("each target module renders with Preact through @shopify/ui-extensions (no React package)", () => {
    for (const { module } of readPosTargets()) {
      const source = readFileSync(join(POS_EXTENSION_DIR, module), "utf8");
      expect(source).toContain('import "@shopify/ui-extensions/preact";');
      expect(source).toMatch(/from "preact"/);
      expect(source).toMatch(/export default async \(\) =>/);
      expect(source).not.toContain("ui-extensions-react");
    }
  });
});

describe("the POS build (Shopify's 64 KB cap)", () => {
  it("bundles every target into one script within 64 KB compressed", async () => {
    const size = await buildPosExtension(outdir);
    expect(size.gzipBytes).toBeLessThanOrEqual(POS_GZIP_BUDGET);
    const js = readFileSync(size.file, "utf8");
    for (const { target } of readPosTargets()) expect(js).toContain(target);
    // The screens and the offline queue are in it; no React, no dev-only code.
    expect(js).toContain("syncOffline");
    expect(js).toContain("Pending offline actions");
    expect(js).not.toMatch(/react-dom|__REACT_DEVTOOLS/);
    const meta = JSON.parse(readFileSync(join(outdir, "meta.json"), "utf8")) as {
      inputs: Record<string, unknown>;
    };
    const inputs = Object.keys(meta.inputs);
    expect(inputs.some((i) => i.includes("node_modules/preact/"))).toBe(true);
    expect(inputs.some((i) => i.includes("@preact/signals"))).toBe(true);
    // The preview's stand-ins never ship in the extension.
    expect(inputs.some((i) => i.includes("src/pos/preview"))).toBe(false);
  });

  it("builds the stand-in's preview script from the same components", async () => {
    const size = await buildPosPreview(outdir);
    const js = readFileSync(size.file, "utf8");
    expect(js).toContain("Pending offline actions");
    expect(js).toContain("s-email-field");
  });
});
