import { expect, test, type ConsoleMessage, type FrameLocator, type Page } from "@playwright/test";
import { adminQuery, openAdmin, saveScreenshot } from "./support";

/**
 * Points and VIP tiers, as a merchant sets them up: rewards of two types, an earning rule edit (a new
 * version), the points name, a new tier with the threshold-change preview — each still there after a reload.
 * Independent of the other specs: it only adds rewards and a tier with names of its own.
 */

function collectConsoleErrors(page: Page) {
  const errors: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

/** Opens the admin afresh (a full reload) and goes to a page through the navigation. */
async function openPage(page: Page, label: string): Promise<FrameLocator> {
  const app = await openAdmin(page);
  await app.getByRole("navigation").getByRole("link", { name: label, exact: true }).click();
  await expect(app.getByRole("heading", { name: label, level: 1 })).toBeVisible();
  return app;
}

/** The form's Save (the save bar's and the page's do the same). */
async function save(app: FrameLocator) {
  await app.getByRole("button", { name: "Save", exact: true }).first().click();
}

interface RewardPage {
  items: { name: string; type: string; percentBp: number | null; pointsForMoney: unknown }[];
}

test("a merchant creates rewards of two types, with validation, and finds them after a reload", async ({
  page,
}) => {
  const errors = collectConsoleErrors(page);
  const suffix = Date.now().toString(36).slice(-4);
  const percentName = `E2E ${suffix} 15% off`;
  const cashName = `E2E ${suffix} points for cash`;

  let app = await openPage(page, "Points");
  await expect(app.getByRole("heading", { name: "Ways to earn" })).toBeVisible();
  await expect(app.getByTestId("earning-rule-purchase")).toContainText("per $1.00 spent");
  await expect(app.getByRole("link", { name: "$5 off" })).toBeVisible();
  await saveScreenshot(page, "points-01-overview");

  // A percentage reward: first without a name (refused inline), then complete.
  await app.getByRole("link", { name: "Add reward" }).first().click();
  await expect(app.getByRole("heading", { name: "Add reward", level: 1 })).toBeVisible();
  await app.getByText("Percentage off", { exact: true }).click();
  await app.getByLabel("Points cost").fill("1500");
  await app.getByLabel("Discount percentage").fill("15");
  await save(app);
  await expect(app.getByText("Enter the name customers see")).toBeVisible();
  await saveScreenshot(page, "points-02-reward-validation");
  await app.getByLabel("Name", { exact: true }).fill(percentName);
  await expect(app.getByTestId("reward-summary")).toContainText("15% off");
  await save(app);
  await expect(app.getByRole("heading", { name: percentName, level: 1 })).toBeVisible();
  await expect(app.getByText(`${percentName} created`)).toBeVisible();
  await saveScreenshot(page, "points-03-reward-percentage-created");

  // A points-for-money reward, with steps, a minimum and a maximum.
  await app.getByRole("link", { name: "Points" }).first().click();
  await app.getByRole("link", { name: "Add reward" }).first().click();
  await app.getByText("Points for money", { exact: true }).click();
  await app.getByLabel("Name", { exact: true }).fill(cashName);
  await app.getByLabel("Each step costs").fill("100");
  await app.getByLabel("Each step is worth").first().fill("1.00");
  await app.getByLabel("Fewest points per redemption").fill("200");
  await app.getByLabel("Most points per redemption").fill("2000");
  await expect(app.getByTestId("reward-summary")).toContainText("is worth $1.00 off");
  await saveScreenshot(page, "points-04-reward-points-for-money-form");
  await save(app);
  await expect(app.getByRole("heading", { name: cashName, level: 1 })).toBeVisible();

  // Edit it: a bigger maximum, persisted.
  await app.getByLabel("Most points per redemption").fill("3000");
  await save(app);
  await expect(app.getByText(`${cashName} saved`)).toBeVisible();

  const rewards = await adminQuery<RewardPage>(
    `admin.rewards.list?input=${encodeURIComponent(JSON.stringify({ limit: 100 }))}`,
  );
  expect(rewards.items.find((r) => r.name === percentName)).toMatchObject({
    type: "percentage",
    percentBp: 1500,
  });
  expect(rewards.items.find((r) => r.name === cashName)).toMatchObject({
    type: "points_for_money",
    pointsForMoney: { stepPoints: 100, stepValueMinor: 100, minPoints: 200, maxPoints: 3000 },
  });

  app = await openPage(page, "Points");
  await expect(app.getByRole("link", { name: percentName })).toBeVisible();
  await expect(app.getByRole("link", { name: cashName })).toBeVisible();
  await app.getByRole("link", { name: cashName }).click();
  await expect(app.getByLabel("Most points per redemption")).toHaveValue("3000");
  await saveScreenshot(page, "points-05-reward-after-reload");
  expect(errors).toEqual([]);
});

test("a merchant edits an earning rule (a new version) and renames points", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  let app = await openPage(page, "Points");

  // Sign-up points: 200 → 250, saved as the next version, shown in the history.
  await app.getByRole("link", { name: "Edit: Create an account" }).click();
  await expect(app.getByRole("heading", { name: "Create an account", level: 1 })).toBeVisible();
  const points = app.getByLabel("Points awarded");
  const before = Number(await points.inputValue());
  const next = String(before + 50);
  await points.fill(next);
  await save(app);
  await expect(app.getByText(/Create an account saved as version \d+/)).toBeVisible();
  const history = app.getByRole("table");
  await expect(history).toContainText(`${next} points`);
  await expect(history).toContainText("Current");
  await saveScreenshot(page, "points-06-earning-rule-versions");

  // The purchase rule: the earn rate and which orders earn.
  await app.getByRole("link", { name: "Points" }).first().click();
  await app.getByRole("link", { name: "Edit: Place an order" }).click();
  await expect(app.getByRole("heading", { name: "Place an order", level: 1 })).toBeVisible();
  await saveScreenshot(page, "points-07-purchase-rule");

  // The points name, in the settings card (with its save bar).
  await app.getByRole("link", { name: "Points" }).first().click();
  await app.getByLabel("One", { exact: true }).fill("star");
  await app.getByLabel("Several", { exact: true }).fill("stars");
  await expect(app.getByText("Unsaved changes")).toBeVisible();
  await saveScreenshot(page, "points-08-settings-save-bar");
  await save(app);
  await expect(app.getByText("Points settings saved")).toBeVisible();

  app = await openPage(page, "Points");
  await expect(app.getByLabel("Several", { exact: true })).toHaveValue("stars");
  await expect(app.getByTestId("earning-rule-signup")).toContainText(`${next} stars`);
  await saveScreenshot(page, "points-09-after-reload");

  // Put the name back so other specs see the shop's usual wording.
  await app.getByLabel("One", { exact: true }).fill("point");
  await app.getByLabel("Several", { exact: true }).fill("points");
  await save(app);
  await expect(app.getByText("Points settings saved")).toBeVisible();
  expect(errors).toEqual([]);
});

test("a merchant adds a VIP tier, sees who would move before saving, and finds it after a reload", async ({
  page,
}) => {
  const errors = collectConsoleErrors(page);
  const name = `Platinum ${Date.now().toString(36).slice(-4)}`;
  let app = await openPage(page, "VIP tiers");
  await expect(app.getByRole("heading", { name: "How customers qualify" })).toBeVisible();
  await expect(app.getByLabel("Name", { exact: true }).first()).toHaveValue("Bronze");
  await saveScreenshot(page, "tiers-01-overview");

  await app.getByRole("button", { name: "Add tier" }).last().click();
  const names = app.getByLabel("Name", { exact: true });
  await names.last().fill(name);
  await app.getByLabel("Threshold").last().fill("1500");
  await app.getByLabel("Earn multiplier").last().fill("2");
  await app.getByLabel("Entry bonus").last().fill("250");
  await app.getByLabel("Benefits").last().fill("Double points\nFree gift wrapping");

  // The preview: customers between Silver (1000) and Gold (5000) with ≥1500 points move up.
  const summary = app.getByTestId("tier-preview-summary");
  await expect(summary).toContainText(/\d+ customers? moves? up, \d+ down/);
  await expect(app.getByRole("table")).toContainText(name);
  await summary.scrollIntoViewIfNeeded();
  await saveScreenshot(page, "tiers-02-preview");

  // A clashing threshold is refused inline before anything is sent.
  await app.getByLabel("Threshold").last().fill("1000");
  await expect(app.getByText("Fix the highlighted fields to see who would move.")).toBeVisible();
  await save(app);
  await expect(app.getByText(/has this threshold already/)).toBeVisible();
  await saveScreenshot(page, "tiers-03-validation");
  await app.getByLabel("Threshold").last().fill("1500");
  await expect(summary).toBeVisible();
  await save(app);
  await expect(app.getByText("VIP tiers saved")).toBeVisible();

  app = await openPage(page, "VIP tiers");
  // Tiers are listed by threshold: the new one sits between Silver (1,000) and Gold (5,000).
  await expect(app.getByRole("heading", { name, level: 2 })).toBeVisible();
  await expect(app.getByLabel("Name", { exact: true }).nth(2)).toHaveValue(name);
  await expect(app.getByLabel("Earn multiplier").nth(2)).toHaveValue("2");
  await expect(app.getByLabel("Benefits").nth(2)).toHaveValue("Double points\nFree gift wrapping");
  await saveScreenshot(page, "tiers-04-after-reload");
  const ladder = await adminQuery<{ tiers: Record<string, unknown>[] }>("admin.tiers.list");
  expect(ladder.tiers.find((t) => t.name === name)).toMatchObject({
    threshold: 1500,
    active: true,
    earnMultiplierBp: 20000,
    entryRewardPoints: 250,
    benefits: ["Double points", "Free gift wrapping"],
  });

  // Remove it again: the preview shows its members moving down; saving leaves it under "Removed tiers".
  await app.getByRole("button", { name: `Remove tier ${name}` }).click();
  await expect(app.getByTestId("tier-preview-summary")).toContainText(/down/);
  await save(app);
  await expect(app.getByText("VIP tiers saved")).toBeVisible();
  await expect(app.getByRole("button", { name: `Restore tier ${name}` })).toBeVisible();
  expect(errors).toEqual([]);
});

test("Points and VIP tiers work at 320 and 768 px without sideways scrolling", async ({ page }) => {
  for (const width of [320, 768]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [path, label, heading] of [
      ["points", "Points", "Ways to earn"],
      ["tiers", "VIP tiers", "How customers qualify"],
    ] as const) {
      const app = await openAdmin(page);
      if (width < 768) await app.getByRole("button", { name: /toggle menu/i }).click();
      await app.getByRole("navigation").getByRole("link", { name: label, exact: true }).click();
      await expect(app.getByRole("heading", { name: heading })).toBeVisible();
      const overflow = await app.locator("html").evaluate((html) => html.scrollWidth - html.clientWidth);
      expect(overflow, `horizontal overflow on ${path} at ${width}px`).toBeLessThanOrEqual(0);
      await saveScreenshot(page, `${path === "points" ? "points" : "tiers"}-${width}`);
    }
  }
});
