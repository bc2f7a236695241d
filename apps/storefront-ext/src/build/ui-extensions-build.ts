import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { BuildOptions } from "esbuild";
import { build, context } from "esbuild";
import { PACKAGE_ROOT } from "./widget-build";

/**
 * Local builds of the checkout and customer-account UI extensions (Preact + Polaris web
 * components). `shopify app deploy` builds them itself from each TOML's `module`s; this build
 * mirrors it — one minified ES module per extension holding every target's module, as the CLI
 * bundles them — so the size caps are checked in the test command (shopify.md: compressed ≤ 64 KB
 * per extension, ≤ 128 KB for a customer-account full page) and the stand-in can preview them.
 */
export interface UiExtension {
  handle: string;
  /** Compressed (gzip) budget in bytes. */
  capBytes: number;
  /** target → the module's source (relative to the extension) and the export name in the bundle. */
  targets: Record<string, { module: string; exportName: string }>;
}

export const UI_EXTENSIONS: UiExtension[] = [
  {
    handle: "loyalty-checkout",
    capBytes: 64 * 1024,
    targets: {
      "purchase.thank-you.block.render": { module: "./src/ThankYou.tsx", exportName: "ThankYou" },
      "customer-account.order-status.block.render": {
        module: "./src/OrderStatus.tsx",
        exportName: "OrderStatus",
      },
      "purchase.checkout.block.render": { module: "./src/Checkout.tsx", exportName: "Checkout" },
    },
  },
  {
    handle: "loyalty-account",
    capBytes: 128 * 1024,
    targets: {
      "customer-account.page.render": { module: "./src/LoyaltyPage.tsx", exportName: "LoyaltyPage" },
      "customer-account.profile.block.render": {
        module: "./src/ProfileBlock.tsx",
        exportName: "ProfileBlock",
      },
    },
  },
];

export const extensionDir = (handle: string) => join(PACKAGE_ROOT, "extensions", handle);
export const extensionBundle = (handle: string, outRoot?: string) =>
  outRoot ? join(outRoot, `${handle}.js`) : join(extensionDir(handle), "dist", `${handle}.js`);

function options(extension: UiExtension, outRoot?: string): BuildOptions {
  const dir = extensionDir(extension.handle);
  const contents = Object.values(extension.targets)
    .map((t) => `export { default as ${t.exportName} } from ${JSON.stringify(t.module)};`)
    .join("\n");
  return {
    stdin: { contents, resolveDir: dir, sourcefile: `${extension.handle}-entry.ts`, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2020",
    charset: "utf8",
    legalComments: "none",
    logLevel: "warning",
    platform: "browser",
    jsx: "automatic",
    jsxImportSource: "preact",
    tsconfig: join(PACKAGE_ROOT, "tsconfig.json"),
    outfile: extensionBundle(extension.handle, outRoot),
  };
}

export interface UiExtensionSize {
  handle: string;
  bytes: number;
  gzipBytes: number;
  capBytes: number;
}

export function uiExtensionSizes(outRoot?: string): UiExtensionSize[] {
  return UI_EXTENSIONS.map((extension) => {
    const content = readFileSync(extensionBundle(extension.handle, outRoot));
    return {
      handle: extension.handle,
      bytes: content.length,
      gzipBytes: gzipSync(content, { level: 9 }).length,
      capBytes: extension.capBytes,
    };
  });
}

export async function buildUiExtensions(outRoot?: string): Promise<UiExtensionSize[]> {
  await Promise.all(UI_EXTENSIONS.map((e) => build(options(e, outRoot))));
  return uiExtensionSizes(outRoot);
}

export async function watchUiExtensions() {
  const contexts = await Promise.all(UI_EXTENSIONS.map((e) => context(options(e))));
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.watch()));
  return { dispose: () => Promise.all(contexts.map((c) => c.dispose())) };
}
