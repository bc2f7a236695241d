/**
 * Shared by the browser benchmarks: the admin e2e suite's own stack (`apps/admin/e2e/stack.ts`: its
 * own database with the demo shop, the stand-in, `next start`, the worker), Debian's Chromium, and
 * the web vitals of a document measured in the page.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { chromium, type Frame, type Page } from "@playwright/test";

export interface Stack {
  adminUrl: string;
  standInUrl: string;
  devFrameUrl: string;
}

export async function startStack() {
  const child = spawn(process.execPath, ["--import", "tsx", join("e2e", "stack.ts")], {
    cwd: join(import.meta.dirname, "..", "apps", "admin"),
    stdio: ["pipe", "pipe", "inherit"],
    env: process.env,
  });
  const stack = await new Promise<Stack>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.startsWith("E2E_READY "));
      if (line) resolve(JSON.parse(line.slice("E2E_READY ".length)) as Stack);
    });
    child.once("exit", (code) => reject(new Error(`the e2e stack exited with ${code}`)));
  });
  // The stack stops and drops its database when its stdin closes.
  return {
    stack,
    stop: () => new Promise<void>((resolve) => (child.once("exit", () => resolve()), child.stdin.end())),
  };
}

/** Debian's Chromium with the flags this machine needs (never `playwright install`). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * LCP and cumulative layout shift of the admin document in the dev frame, once its data has settled.
 * Runs in the page (a string, as this script is typed for Node, not the DOM).
 */
const VITALS_IN_PAGE = `new Promise((resolve) => {
  let lcp = 0;
  let cls = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) lcp = Math.max(lcp, entry.startTime);
  }).observe({ type: "largest-contentful-paint", buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) cls += entry.value;
  }).observe({ type: "layout-shift", buffered: true });
  setTimeout(() => resolve({ lcp, cls }), 1500);
})`;

export async function vitalsOf(frame: Frame | Page) {
  return (await frame.evaluate(VITALS_IN_PAGE)) as { lcp: number; cls: number };
}

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
