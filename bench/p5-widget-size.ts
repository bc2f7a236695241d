/**
 * P5 — the storefront widget's weight (quality.md): the launcher every storefront page loads,
 * against the 15 KB gzip cap, and the panel it imports only when the shopper opens it.
 * Builds the widget exactly as `pnpm --filter @loyalnest/storefront-ext build` does, into a
 * scratch directory, and measures gzip level 9.
 *   pnpm exec tsx bench/p5-widget-size.ts
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LAUNCHER_GZIP_BUDGET, buildWidget } from "../apps/storefront-ext/src/build/widget-build";
import { recordBenchmark } from "./lib";

const outdir = mkdtempSync(join(tmpdir(), "loyalnest-p5-"));
try {
  const sizes = await buildWidget(outdir);
  const launcher = sizes.find((s) => s.file === "launcher.js")!;
  const panel = sizes.find((s) => s.file === "panel.js")!;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const row = {
    id: "P5",
    what: "storefront widget: launcher.js on every page; panel.js on first open only",
    baseline: `cap ${kb(LAUNCHER_GZIP_BUDGET)} gzip (launcher)`,
    result: `launcher ${kb(launcher.gzipBytes)} gzip (${kb(launcher.bytes)} min); panel ${kb(panel.gzipBytes)} gzip (${kb(panel.bytes)} min), lazy`,
    ratio: `launcher ${Math.round((launcher.gzipBytes / LAUNCHER_GZIP_BUDGET) * 100)}% of cap`,
    target: "launcher ≤ 15 KB gzip on every page, the panel lazily on open",
  };
  await recordBenchmark(row);
  console.info(row);
  if (launcher.gzipBytes > LAUNCHER_GZIP_BUDGET) process.exitCode = 1;
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
