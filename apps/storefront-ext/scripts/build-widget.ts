/** `pnpm build`: the widget into extensions/loyalty-theme/assets; `--watch` (the `dev` task) rebuilds on change. */
import {
  ASSETS_DIR,
  LAUNCHER_GZIP_BUDGET,
  assetSizes,
  buildWidget,
  watchWidget,
} from "../src/build/widget-build";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const report = () =>
  assetSizes()
    .map((s) => `${s.file} ${kb(s.bytes)} (${kb(s.gzipBytes)} gzip)`)
    .join(", ");

if (process.argv.includes("--watch")) {
  await watchWidget();
  console.info(`storefront widget: watching; built into ${ASSETS_DIR}: ${report()}`);
} else {
  const sizes = await buildWidget();
  console.info(`storefront widget built into ${ASSETS_DIR}: ${report()}`);
  const launcher = sizes.find((s) => s.file === "launcher.js");
  if (launcher && launcher.gzipBytes > LAUNCHER_GZIP_BUDGET) {
    console.error(
      `launcher.js is ${kb(launcher.gzipBytes)} gzip, over the ${kb(LAUNCHER_GZIP_BUDGET)} budget (P5)`,
    );
    process.exit(1);
  }
}
