import { expect, type FrameLocator, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { E2eStack } from "./global-setup";

export const SHOP = "loyalnest-demo.myshopify.com";
export const SCREENSHOT_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "test-artifacts",
  "screenshots",
);

export function stack(): E2eStack {
  const raw = process.env.E2E_STACK;
  if (!raw)
    throw new Error("E2E_STACK is not set: run the suite with `pnpm --filter @loyalnest/admin test:e2e`");
  return JSON.parse(raw) as E2eStack;
}

/** The embedded admin inside the stand-in's dev frame. */
export function adminFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe[title="LoyalNest admin"]');
}

/** Opens the admin as a merchant would in development: the stand-in's dev frame. */
export async function openAdmin(page: Page): Promise<FrameLocator> {
  await page.goto(stack().devFrameUrl);
  const app = adminFrame(page);
  await expect(app.getByRole("heading", { level: 1 }).first()).toBeVisible();
  return app;
}

/** A session token from the stand-in, as App Bridge would hand one to the admin. */
export async function mintAdminToken(): Promise<string> {
  const response = await fetch(`${stack().standInUrl}/_dev/session-token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ shop: SHOP, kind: "admin" }),
  });
  const body = (await response.json()) as { token: string };
  return body.token;
}

/** Calls an admin query the way the page does, to compare what the page shows with the API. */
export async function adminQuery<T>(path: string): Promise<T> {
  const response = await fetch(`${stack().adminUrl}/api/trpc/${path}`, {
    headers: { authorization: `Bearer ${await mintAdminToken()}` },
  });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`${path} failed: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

/** Saves a screenshot of the whole window (the stand-in chrome and the embedded admin). */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
