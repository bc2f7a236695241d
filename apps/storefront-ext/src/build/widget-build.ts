import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { BuildOptions } from "esbuild";
import { build, context } from "esbuild";

/**
 * Builds the storefront widget into the theme app extension's `assets/` (what `shopify app deploy`
 * uploads): `launcher.js`, a classic script the app embed loads on every page, and `panel.js`, an ES
 * module the launcher imports on first open. Minified for browsers of the last few years (ES2020).
 */
export const PACKAGE_ROOT = join(import.meta.dirname, "..", "..");
export const EXTENSION_DIR = join(PACKAGE_ROOT, "extensions", "loyalty-theme");
export const ASSETS_DIR = join(EXTENSION_DIR, "assets");
/** quality.md P5: the script loaded on every storefront page. */
export const LAUNCHER_GZIP_BUDGET = 15 * 1024;

const WIDGET = join(PACKAGE_ROOT, "src", "widget");

function options(outdir: string): BuildOptions[] {
  const common: BuildOptions = {
    bundle: true,
    minify: true,
    target: "es2020",
    charset: "utf8",
    legalComments: "none",
    logLevel: "warning",
    platform: "browser",
  };
  return [
    {
      ...common,
      entryPoints: [join(WIDGET, "launcher.ts")],
      format: "iife",
      outfile: join(outdir, "launcher.js"),
    },
    { ...common, entryPoints: [join(WIDGET, "panel.ts")], format: "esm", outfile: join(outdir, "panel.js") },
  ];
}

export interface AssetSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export function assetSizes(outdir: string = ASSETS_DIR): AssetSize[] {
  return ["launcher.js", "panel.js"].map((file) => {
    const content = readFileSync(join(outdir, file));
    return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
  });
}

export async function buildWidget(outdir: string = ASSETS_DIR): Promise<AssetSize[]> {
  await Promise.all(options(outdir).map((o) => build(o)));
  return assetSizes(outdir);
}

/** Rebuilds on every change (the dev stack's `dev` task); resolves once the first build is done. */
export async function watchWidget(outdir: string = ASSETS_DIR) {
  const contexts = await Promise.all(options(outdir).map((o) => context(o)));
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.watch()));
  return { dispose: () => Promise.all(contexts.map((c) => c.dispose())) };
}
