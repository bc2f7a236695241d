/**
 * Admin performance in the local browser (issue 7): LCP and CLS of the Home and Customers pages,
 * opened as a merchant opens them — inside the stand-in's dev frame — in Debian's Chromium against
 * a production build. The stack is the admin e2e suite's own (`apps/admin/e2e/stack.ts`: its own
 * database with the demo shop, the stand-in, `next start`, the worker). Each page is loaded
 * `ADMIN_VITALS_RUNS` times (default 3, fresh browser context each: nothing cached); the median is
 * recorded in docs/benchmarks.md. Needs /usr/bin/chromium (apt-get install chromium).
 *   pnpm exec tsx bench/admin-web-vitals.ts        (E2E_SKIP_BUILD=1 reuses the last admin build)
 */
import type { Browser } from "@playwright/test";
import { launchChromium, median, startStack, vitalsOf, type Stack } from "./browser";
import { recordBenchmark } from "./lib";

const RUNS = Number(process.env.ADMIN_VITALS_RUNS ?? 3);
const PAGES = [
  { name: "Home", path: "/" },
  { name: "Customers", path: "/customers" },
];

async function measure(browser: Browser, stack: Stack, path: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(stack.devFrameUrl);
  const frameElement = await page.waitForSelector('iframe[title="LoyalNest admin"]');
  const frame = (await frameElement.contentFrame())!;
  // The dev frame opens Home; another page is a fresh document in the same frame (same token query).
  if (path !== "/") await frame.goto(new URL(path, stack.adminUrl).toString() + new URL(frame.url()).search);
  await frame.getByRole("heading", { level: 1 }).first().waitFor();
  await frame.waitForLoadState("networkidle");
  const vitals = await vitalsOf(frame);
  await context.close();
  return vitals;
}

const { stack, stop } = await startStack();
const browser = await launchChromium();
try {
  const results: string[] = [];
  let worstLcp = 0;
  let worstCls = 0;
  for (const target of PAGES) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measure(browser, stack, target.path));
    const lcp = median(runs.map((r) => r.lcp));
    const cls = median(runs.map((r) => r.cls));
    worstLcp = Math.max(worstLcp, lcp);
    worstCls = Math.max(worstCls, cls);
    console.info(
      `${target.name.padEnd(10)} LCP ${lcp.toFixed(0)} ms · CLS ${cls.toFixed(3)} (median of ${RUNS})`,
    );
    results.push(`${target.name} LCP ${(lcp / 1000).toFixed(2)} s, CLS ${cls.toFixed(3)}`);
  }
  await recordBenchmark({
    id: "ADMIN",
    what: "admin web vitals in Chromium, in the dev frame, production build (median of 3 cold loads)",
    baseline: "targets of issue 7",
    result: results.join("; "),
    ratio: `worst LCP ${(worstLcp / 1000).toFixed(2)} s, worst CLS ${worstCls.toFixed(3)}`,
    target: "LCP ≤ 2.5 s and CLS ≤ 0.1 on Home and Customers",
  });
} finally {
  await browser.close();
  await stop();
}
