import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import type { BuildOptions } from "esbuild";
import { build, context } from "esbuild";
import { PACKAGE_ROOT } from "./widget-build";

/**
 * The POS UI extension, bundled as Shopify CLI ships a UI extension: one script per extension
 * holding every target module of `shopify.extension.toml` (with Preact, `@preact/signals` and the
 * `@shopify/ui-extensions/preact` glue), minified ES module — so its compressed size can be checked
 * against Shopify's 64 KB cap here, before `shopify app deploy` (which builds it again itself).
 *
 * Also the stand-in's POS preview script: the same components, with HTML stand-ins for the POS
 * web components and a fake POS host (`src/pos/preview`). Output (not committed):
 * `extensions/loyalty-pos/dist/loyalty-pos.js` and `dist/pos-preview/pos-preview.js`.
 */
export const POS_EXTENSION_DIR = join(PACKAGE_ROOT, "extensions", "loyalty-pos");
export const POS_DIST_DIR = join(POS_EXTENSION_DIR, "dist");
export const POS_PREVIEW_DIR = join(PACKAGE_ROOT, "dist", "pos-preview");
export const POS_BUNDLE = "loyalty-pos.js";
export const POS_PREVIEW_BUNDLE = "pos-preview.js";
/** Shopify: a UI extension's compiled bundle is at most 64 KB compressed. */
export const POS_GZIP_BUDGET = 64 * 1024;

export interface PosTarget {
  target: string;
  module: string;
}

/** `[[extensions.targeting]]` entries of the extension's TOML (module + target, in order). */
export function readPosTargets(dir: string = POS_EXTENSION_DIR): PosTarget[] {
  const toml = readFileSync(join(dir, "shopify.extension.toml"), "utf8");
  return toml
    .split(/^\[\[extensions\.targeting\]\]\s*$/m)
    .slice(1)
    .map((section) => ({
      module: /^module\s*=\s*"([^"]+)"/m.exec(section)?.[1] ?? "",
      target: /^target\s*=\s*"([^"]+)"/m.exec(section)?.[1] ?? "",
    }));
}

export function readPosApiVersion(dir: string = POS_EXTENSION_DIR): string | null {
  return (
    /^api_version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(dir, "shopify.extension.toml"), "utf8"))?.[1] ??
    null
  );
}

const common: BuildOptions = {
  bundle: true,
  minify: true,
  target: "es2020",
  charset: "utf8",
  legalComments: "none",
  logLevel: "warning",
  platform: "browser",
  jsx: "automatic",
  jsxImportSource: "preact",
  define: { "process.env.NODE_ENV": '"production"' },
};

/** One entry registering every target's default export, as the CLI's generated entry does. */
function extensionEntry(dir: string): string {
  const targets = readPosTargets(dir);
  const imports = targets.map(
    (t, i) => `import Target${i} from ${JSON.stringify(`./${relative(dir, join(dir, t.module))}`)};`,
  );
  const registrations = targets.map(
    (t, i) => `globalThis.shopify?.extend?.(${JSON.stringify(t.target)}, (...args) => Target${i}(...args));`,
  );
  return [...imports, ...registrations].join("\n");
}

function extensionOptions(outdir: string): BuildOptions {
  return {
    ...common,
    stdin: {
      contents: extensionEntry(POS_EXTENSION_DIR),
      resolveDir: POS_EXTENSION_DIR,
      loader: "js",
      sourcefile: "entry.js",
    },
    format: "esm",
    outfile: join(outdir, POS_BUNDLE),
  };
}

function previewOptions(outdir: string): BuildOptions {
  return {
    ...common,
    entryPoints: [join(PACKAGE_ROOT, "src", "pos", "preview", "main.tsx")],
    format: "iife",
    outfile: join(outdir, POS_PREVIEW_BUNDLE),
  };
}

export interface BundleSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export function bundleSize(path: string): BundleSize {
  const content = readFileSync(path);
  return { file: path, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
}

export async function buildPosExtension(outdir: string = POS_DIST_DIR): Promise<BundleSize> {
  mkdirSync(outdir, { recursive: true });
  const result = await build({ ...extensionOptions(outdir), metafile: true });
  writeFileSync(join(outdir, "meta.json"), JSON.stringify(result.metafile));
  return bundleSize(join(outdir, POS_BUNDLE));
}

export async function buildPosPreview(outdir: string = POS_PREVIEW_DIR): Promise<BundleSize> {
  mkdirSync(outdir, { recursive: true });
  await build(previewOptions(outdir));
  return bundleSize(join(outdir, POS_PREVIEW_BUNDLE));
}

/** Rebuilds both on change; resolves once the first builds are done. */
export async function watchPos(distDir: string = POS_DIST_DIR, previewDir: string = POS_PREVIEW_DIR) {
  const contexts = await Promise.all([
    context(extensionOptions(distDir)),
    context(previewOptions(previewDir)),
  ]);
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.watch()));
  return { dispose: () => Promise.all(contexts.map((c) => c.dispose())) };
}
