import { expect, test } from "@playwright/test";
import { saveScreenshot, stack } from "./support";

/**
 * A new merchant, from an empty shop to a running programme: the shop exists only in Shopify (the
 * stand-in) until the admin is opened; the first request installs it (token exchange), the pages
 * start empty, and the merchant adds a reward and a tier.
 */
test("a new shop installs on first open and sets up a reward and a tier from nothing", async ({ page }) => {
  const domain = `fresh-${Date.now().toString(36)}.myshopify.com`;
  const created = await fetch(`${stack().standInUrl}/_dev/shops`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      domain,
      name: "Fresh Fern Co.",
      currencyCode: "EUR",
      ianaTimezone: "Europe/Paris",
    }),
  });
  expect(created.ok).toBe(true);

  await page.goto(`${stack().standInUrl}/_dev/frame?shop=${domain}`);
  const app = page.frameLocator('iframe[title="LoyalNest admin"]');
  await expect(app.getByRole("heading", { level: 1 }).first()).toBeVisible();
  const checklist = app.getByRole("heading", { name: "Set up your programme" });
  await expect(checklist).toBeVisible();
  const progress = checklist.locator("xpath=following-sibling::*[1]");
  const doneBefore = Number(/^(\d+) of/.exec((await progress.textContent()) ?? "")?.[1]);
  await saveScreenshot(page, "scratch-01-home");

  // The catalogue starts empty; add the first reward.
  await app.getByRole("navigation").getByRole("link", { name: "Points", exact: true }).click();
  await expect(app.getByRole("heading", { name: "Points", level: 1 })).toBeVisible();
  await saveScreenshot(page, "scratch-02-points-empty");
  await app.getByRole("link", { name: "Add reward" }).first().click();
  await app.getByText("Percentage off", { exact: true }).click();
  await app.getByLabel("Name", { exact: true }).fill("10% off");
  await app.getByLabel("Points cost").fill("500");
  await app.getByLabel("Discount percentage").fill("10");
  await app.getByRole("button", { name: "Save", exact: true }).first().click();
  await expect(app.getByRole("heading", { name: "10% off", level: 1 })).toBeVisible();

  // No tiers yet; add the first.
  await app.getByRole("navigation").getByRole("link", { name: "VIP tiers", exact: true }).click();
  await expect(app.getByRole("heading", { name: "VIP tiers", level: 1 })).toBeVisible();
  await saveScreenshot(page, "scratch-03-tiers-empty");
  await app.getByRole("button", { name: "Add tier" }).last().click();
  await app.getByLabel("Name", { exact: true }).last().fill("Gold");
  await app.getByLabel("Threshold").last().fill("1000");
  await app.getByRole("button", { name: "Save", exact: true }).first().click();
  await expect(app.getByText("VIP tiers saved")).toBeVisible();

  // Home now counts the reward and the tier as done.
  await app.getByRole("navigation").getByRole("link", { name: "Home", exact: true }).click();
  await expect(checklist.or(app.getByRole("heading", { name: "Your programme is set up" }))).toBeVisible();
  // The first reward and the tiers now count as done on the checklist.
  await expect(progress).toContainText(`${doneBefore + 2} of`);
  await saveScreenshot(page, "scratch-04-home-after-setup");
  const token = await fetch(`${stack().standInUrl}/_dev/session-token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ shop: domain, kind: "admin" }),
  }).then(async (r) => ((await r.json()) as { token: string }).token);
  const settings = await fetch(`${stack().adminUrl}/api/trpc/admin.settings.get`, {
    headers: { authorization: `Bearer ${token}` },
  }).then(async (r) => (await r.json()) as { result: { data: { currency: string; timezone: string } } });
  expect(settings.result.data).toMatchObject({ currency: "EUR", timezone: "Europe/Paris" });
});
