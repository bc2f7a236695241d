/**
 * P5, in the browser (issue 8): the storefront preview page with the LoyalNest app embed against
 * the same page without it (`embed=0`), in Chromium, same run. Per variant, `P5_RUNS` cold loads
 * (default 5, fresh context each): median LCP, CLS, load event time and bytes transferred; then the
 * launcher is opened once to check the panel arrives only then. Uses the admin e2e stack (its
 * database with the demo shop, the stand-in serving the preview and signing the app proxy, the
 * admin answering it).   pnpm exec tsx bench/p5-storefront-page.ts      (E2E_SKIP_BUILD=1 reuses a build)
 */
import type { Browser } from "@playwright/test";
import { launchChromium, median, startStack, vitalsOf, type Stack } from "./browser";
import { recordBenchmark } from "./lib";

const RUNS = Number(process.env.P5_RUNS ?? 5);
const SHOP = "loyalnest-demo.myshopify.com";
const CUSTOMER = "7100000000000";

interface PageLoad {
  lcp: number;
  cls: number;
  load: number;
  bytes: number;
  panelBeforeOpen: boolean;
}

const TIMINGS_IN_PAGE = `(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource");
  return {
    load: nav ? nav.loadEventEnd : 0,
    bytes: (nav ? nav.transferSize : 0) + resources.reduce((sum, r) => sum + (r.transferSize || 0), 0),
    panel: resources.some((r) => r.name.includes("panel")),
  };
})()`;

async function load(browser: Browser, stack: Stack, embed: boolean): Promise<PageLoad> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const url = `${stack.standInUrl}/_dev/storefront?shop=${SHOP}&customer=${CUSTOMER}${embed ? "" : "&embed=0"}`;
  await page.goto(url, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  const { lcp, cls } = await vitalsOf(page);
  const timings = (await page.evaluate(TIMINGS_IN_PAGE)) as { load: number; bytes: number; panel: boolean };
  await context.close();
  return { lcp, cls, load: timings.load, bytes: timings.bytes, panelBeforeOpen: timings.panel };
}

/** Opens the launcher once: the panel's script must arrive now, not before. */
async function panelLoadsOnOpen(browser: Browser, stack: Stack): Promise<boolean> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${stack.standInUrl}/_dev/storefront?shop=${SHOP}&customer=${CUSTOMER}`);
  const panel = page.waitForRequest((request) => request.url().includes("panel"), { timeout: 15_000 });
  await page
    .getByRole("button", { name: /Rewards/ })
    .first()
    .click();
  const ok = await panel.then(
    () => true,
    () => false,
  );
  await context.close();
  return ok;
}

const summarise = (loads: PageLoad[]) => ({
  lcp: median(loads.map((l) => l.lcp)),
  cls: median(loads.map((l) => l.cls)),
  load: median(loads.map((l) => l.load)),
  bytes: median(loads.map((l) => l.bytes)),
  panelBeforeOpen: loads.some((l) => l.panelBeforeOpen),
});

const { stack, stop } = await startStack();
const browser = await launchChromium();
try {
  const runs: Record<"with" | "without", PageLoad[]> = { with: [], without: [] };
  // Interleaved, so drift on the machine hits both alike.
  for (let i = 0; i < RUNS; i++) {
    runs.without.push(await load(browser, stack, false));
    runs.with.push(await load(browser, stack, true));
  }
  const without = summarise(runs.without);
  const withEmbed = summarise(runs.with);
  const lazy = !withEmbed.panelBeforeOpen && (await panelLoadsOnOpen(browser, stack));
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const describe = (s: ReturnType<typeof summarise>) =>
    `LCP ${s.lcp.toFixed(0)} ms, CLS ${s.cls.toFixed(3)}, load ${s.load.toFixed(0)} ms, ${kb(s.bytes)}`;
  console.info(`without embed: ${describe(without)}`);
  console.info(`with embed:    ${describe(withEmbed)}; panel only on open: ${lazy}`);
  await recordBenchmark({
    id: "P5-page",
    what: `storefront preview page with vs without the app embed, Chromium, median of ${RUNS} cold loads`,
    baseline: `without: ${describe(without)}`,
    result: `with: ${describe(withEmbed)}; panel loaded only on open: ${lazy ? "yes" : "NO"}`,
    ratio: `LCP +${(withEmbed.lcp - without.lcp).toFixed(0)} ms, CLS +${(withEmbed.cls - without.cls).toFixed(3)}, +${kb(withEmbed.bytes - without.bytes)}`,
    target: "no layout shift from the embed; the panel lazily on open",
  });
  if (!lazy) process.exitCode = 1;
} finally {
  await browser.close();
  await stop();
}
