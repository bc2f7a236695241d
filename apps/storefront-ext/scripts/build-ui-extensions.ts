/**
 * `pnpm build` (after the widget): the checkout and customer-account UI extensions into
 * extensions/<handle>/dist/<handle>.js, failing when one is over its compressed cap (64 KB checkout,
 * 128 KB customer-account full page); `--watch` rebuilds on change (the stand-in previews them).
 */
import { buildUiExtensions, watchUiExtensions } from "../src/build/ui-extensions-build";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

if (process.argv.includes("--watch")) {
  await watchUiExtensions();
  console.info("checkout and customer-account extensions: watching");
} else {
  const sizes = await buildUiExtensions();
  console.info(
    sizes
      .map((s) => `${s.handle} ${kb(s.bytes)} (${kb(s.gzipBytes)} gzip, cap ${kb(s.capBytes)})`)
      .join("; "),
  );
  const over = sizes.filter((s) => s.gzipBytes > s.capBytes);
  for (const s of over)
    console.error(`${s.handle} is ${kb(s.gzipBytes)} gzip, over Shopify's ${kb(s.capBytes)} cap`);
  if (over.length > 0) process.exit(1);
}
