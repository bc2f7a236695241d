/**
 * `pnpm build` (after the widget): the POS UI extension bundle (dist/loyalty-pos, checked against
 * Shopify's 64 KB compressed cap) and the stand-in's POS preview script (dist/pos-preview);
 * `--watch` rebuilds both on change.
 */
import { POS_GZIP_BUDGET, buildPosExtension, buildPosPreview, watchPos } from "../src/build/pos-build";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv.includes("--watch")) {
  await watchPos();
  console.info("POS extension and preview: watching");
} else {
  const [extension, preview] = await Promise.all([buildPosExtension(), buildPosPreview()]);
  console.info(
    `POS extension ${kb(extension.bytes)} (${kb(extension.gzipBytes)} gzip, cap ${kb(POS_GZIP_BUDGET)}); preview ${kb(preview.bytes)}`,
  );
  if (extension.gzipBytes > POS_GZIP_BUDGET) {
    console.error(
      `the POS extension is ${kb(extension.gzipBytes)} gzip, over Shopify's ${kb(POS_GZIP_BUDGET)} cap`,
    );
    process.exit(1);
  }
}
