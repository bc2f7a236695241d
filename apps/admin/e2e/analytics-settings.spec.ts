import { expect, test, type Download, type FrameLocator, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import { adminQuery, openAdmin, saveScreenshot, SHOP, stack } from "./support";

/** Console errors from the admin (React, Polaris, failed requests): none are expected. */
function collectConsoleErrors(page: Page) {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

async function goTo(page: Page, label: string): Promise<FrameLocator> {
  const app = await openAdmin(page);
  await app.getByRole("navigation").getByRole("link", { name: label, exact: true }).click();
  await expect(app.getByRole("heading", { name: label, level: 1 })).toBeVisible();
  return app;
}

/**
 * Error banners (not Next's route announcer, which is an alert region holding the page title after
 * a client-side navigation).
 */
function errorBanners(app: FrameLocator) {
  return app.getByRole("alert").filter({
    hasText: /Couldn't load|went wrong|can't be reached|having trouble|didn't work|not signed in/i,
  });
}

/** A settings section: a visible tab, or (on a narrow desktop) one under the "More sections" menu. */
async function openSettingsTab(app: FrameLocator, name: string) {
  const tab = app.getByRole("tablist").getByRole("tab", { name, exact: true });
  if ((await tab.count()) > 0 && (await tab.first().isVisible())) {
    await tab.first().click();
    return;
  }
  await app.getByRole("button", { name: "More sections" }).click();
  await app.getByRole("button", { name, exact: true }).click();
}

async function downloaded(download: Download): Promise<string> {
  const path = await download.path();
  return readFileSync(path, "utf8");
}

async function standIn<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${stack().standInUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

const REPORTS = [
  {
    tab: "Members vs holdout",
    heading: "Members vs holdout",
    header: /^Measure,Unit,Members,/,
    slug: "holdout",
  },
  {
    tab: "Points and liability",
    heading: "Points flows and liability",
    header: /^Month,Issued,Redeemed,Expired,Clawed back,/,
    slug: "points",
  },
  { tab: "RFM segments", heading: "RFM segments", header: /^Segment,Customers now,/, slug: "segments" },
  { tab: "VIP tiers", heading: "VIP tiers", header: /^Tier,Threshold,Active,Members,/, slug: "tiers" },
  {
    tab: "Referral funnel",
    heading: "Referral funnel",
    header: /^Measure,Value\r\nFrom,\d{4}-\d{2}-\d{2}/,
    slug: "referrals",
  },
] as const;

test("each analytics report opens and exports its CSV", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const app = await goTo(page, "Analytics");
  for (const [index, report] of REPORTS.entries()) {
    await app.getByRole("tab", { name: report.tab }).click();
    const card = app.getByRole("heading", { name: report.heading, level: 2 });
    await expect(card).toBeVisible();
    await expect(errorBanners(app)).toHaveCount(0);
    await expect(app.locator("body")).not.toContainText(/TODO|coming soon|lorem ipsum/i);
    await saveScreenshot(page, `40-analytics-${index + 1}-${report.slug}`);

    const exportButton = app.getByRole("button", { name: "Export CSV" }).first();
    if (await exportButton.isDisabled()) continue; // an empty report has nothing to export
    const [download] = await Promise.all([page.waitForEvent("download"), exportButton.click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    expect(await downloaded(download)).toMatch(report.header);
  }

  // The points table and its chart reflect the API's figures for the shop.
  await app.getByRole("tab", { name: "Points and liability" }).click();
  const months = await adminQuery<{ months: { month: string; issued: number }[] }>(
    "admin.analytics.pointsByMonth",
  );
  const busiest = [...months.months].sort((a, b) => b.issued - a.issued)[0]!;
  if (busiest.issued > 0)
    await expect(app.getByRole("table").first()).toContainText(busiest.issued.toLocaleString("en-US"));

  // A period the API refuses is said plainly, not a blank page; an invalid one is stopped before it is sent.
  await app.getByRole("tab", { name: "Referral funnel" }).click();
  await app.getByLabel("From", { exact: true }).fill("2025-03-10");
  await app.getByLabel("To", { exact: true }).fill("2025-03-01");
  await expect(app.getByText("The end date must be on or after the start.")).toBeVisible();
  await expect(app.getByRole("button", { name: "Apply" })).toBeDisabled();
  await app.getByLabel("To", { exact: true }).fill("2025-03-31");
  await app.getByRole("button", { name: "Apply" }).click();
  await expect(app.getByText(/Mar 10, 2025 – Mar 31, 2025/)).toBeVisible();
  await saveScreenshot(page, "41-analytics-referrals-custom-range");
  expect(errors).toEqual([]);
});

test("analytics at 320 px has no sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  const app = await openAdmin(page);
  await app.getByRole("button", { name: /toggle menu/i }).click();
  await app.getByRole("navigation").getByRole("link", { name: "Analytics", exact: true }).click();
  await expect(app.getByRole("heading", { name: "Members vs holdout", level: 2 })).toBeVisible();
  const overflow = await app.locator("html").evaluate((html) => html.scrollWidth - html.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await saveScreenshot(page, "42-analytics-320");
});

test("home shows members vs holdout revenue and the last 90 days of points", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const app = await openAdmin(page);
  await expect(app.getByRole("heading", { name: "Revenue: members vs holdout, last 90 days" })).toBeVisible();
  await expect(app.getByRole("heading", { name: "Points issued and redeemed, last 90 days" })).toBeVisible();
  await expect(errorBanners(app)).toHaveCount(0);
  await saveScreenshot(page, "43-home-holdout-and-points");
  expect(errors).toEqual([]);
});

test("branding changes show in the preview, save, and persist after a reload", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  let app = await goTo(page, "Settings");
  await saveScreenshot(page, "50-settings-general");
  await openSettingsTab(app, "Branding");
  const preview = app.getByTestId("launcher-preview");
  await expect(preview).toBeVisible();
  await saveScreenshot(page, "51-settings-branding");

  await app.getByLabel("Launcher text").fill("Nest Perks");
  await app.getByLabel("Launcher position").selectOption("bottom_left");
  await app.getByLabel("Button colour").fill("#0b6e4f");
  await expect(preview).toContainText("Nest Perks");
  await expect(preview).toHaveAttribute("data-position", "bottom_left");
  await expect(preview).toHaveCSS("background-color", "rgb(11, 110, 79)");

  // A bad colour is caught at the field and blocks saving.
  await app.getByLabel("Text colour on buttons").fill("white");
  await expect(app.getByText("Enter a colour like #ffffff.")).toBeVisible();
  await app.getByLabel("Text colour on buttons").fill("#ffffff");
  await saveScreenshot(page, "52-settings-branding-unsaved");

  await app.getByRole("button", { name: "Save", exact: true }).click();
  await expect(app.getByText("Settings saved")).toBeVisible();
  await expect(app.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);

  app = await goTo(page, "Settings");
  await openSettingsTab(app, "Branding");
  await expect(app.getByLabel("Launcher text")).toHaveValue("Nest Perks");
  await expect(app.getByLabel("Launcher position")).toHaveValue("bottom_left");
  await expect(app.getByTestId("launcher-preview")).toContainText("Nest Perks");
  const saved = await adminQuery<{ config: { branding: { launcherText: string; primaryColor: string } } }>(
    "admin.settings.get",
  );
  expect(saved.config.branding).toMatchObject({ launcherText: "Nest Perks", primaryColor: "#0b6e4f" });
  await saveScreenshot(page, "53-settings-branding-saved");
  expect(errors).toEqual([]);
});

test("every other settings tab opens: languages, notifications, RFM, operations, audit log, plan", async ({
  page,
}) => {
  const errors = collectConsoleErrors(page);
  const app = await goTo(page, "Settings");
  const tabs = [
    ["Languages", "Your wording", "54-settings-languages"],
    ["E-mails", "Customer e-mails", "55-settings-notifications"],
    ["RFM", "How customers are scored", "56-settings-rfm"],
    ["Operations", "Shopify events that failed", "58-settings-operations"],
    ["Audit log", "Audit log", "59-settings-audit"],
    ["Plan", "Plans", "60-settings-plan"],
  ] as const;
  for (const [tab, heading, shot] of tabs) {
    await openSettingsTab(app, tab);
    await expect(app.getByRole("heading", { name: heading, level: 2 })).toBeVisible();
    await expect(errorBanners(app)).toHaveCount(0);
    await expect(app.locator("body")).not.toContainText(/TODO|coming soon|lorem ipsum/i);
    await saveScreenshot(page, shot);
  }
  // Weights that don't add up are caught before saving.
  await openSettingsTab(app, "RFM");
  await app.getByLabel("Recency weight").fill("50");
  await expect(app.getByText(/The weights must add up to 100%/)).toBeVisible();
  await app.getByRole("button", { name: "Discard" }).click();
  await expect(app.getByLabel("Recency weight")).toHaveValue("40");
  expect(errors).toEqual([]);
});

test("a customer's data request shows in the GDPR log and its export downloads as JSON", async ({ page }) => {
  const email = `gdpr-${Date.now()}@example.com`;
  const created = await standIn<{ customer: { id: number } }>("/_dev/customers", {
    shop: SHOP,
    email,
    firstName: "Gia",
    lastName: "Dpr",
  });
  // Wait until LoyalNest has the customer (customers/create), then ask for their data.
  await expect
    .poll(
      async () =>
        (
          await adminQuery<{ items: unknown[] }>(
            `admin.customers.search?input=${encodeURIComponent(JSON.stringify({ email }))}`,
          )
        ).items.length,
      { timeout: 30_000 },
    )
    .toBe(1);
  await standIn("/_dev/gdpr/customers-data-request", { shop: SHOP, customerId: created.customer.id });
  await expect
    .poll(
      async () =>
        (
          await adminQuery<{ items: { shopifyCustomerId: string | null; hasExport: boolean }[] }>(
            `admin.gdpr.list?input=${encodeURIComponent("{}")}`,
          )
        ).items.some((r) => r.shopifyCustomerId === String(created.customer.id) && r.hasExport),
      { timeout: 60_000 },
    )
    .toBe(true);

  const app = await goTo(page, "Settings");
  await openSettingsTab(app, "GDPR");
  await expect(app.getByRole("heading", { name: "GDPR requests", level: 2 })).toBeVisible();
  await saveScreenshot(page, "57-settings-gdpr");
  const row = app.getByRole("row").filter({ hasText: `Shopify customer ${created.customer.id}` });
  await expect(row).toContainText("Customer data request");
  await expect(row).toContainText("Completed");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    row.getByRole("button", { name: /Download the export/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^loyalnest-data-request-\d+\.json$/);
  const document = JSON.parse(await downloaded(download)) as Record<string, unknown>;
  expect(JSON.stringify(document)).toContain(email);
  await expect(app.getByText("Export downloaded")).toBeVisible();
});
