import { expect, test, type ConsoleMessage, type Page, type Request } from "@playwright/test";
import { ADMIN_PAGES } from "../lib/admin-pages";
import { DEV_FRAME_TOKEN_REQUEST, DEV_FRAME_TOKEN_RESPONSE } from "../lib/session-token";
import { adminQuery, openAdmin, saveScreenshot, stack } from "./support";

interface Overview {
  members: number;
  pointsIssued: number;
}

/** Console errors from the admin (React, Polaris, failed requests): none are expected. */
function collectConsoleErrors(page: Page) {
  const errors: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() === "error") errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

test("Home shows the shop's setup checklist and figures, and every tRPC call carries the session token", async ({
  page,
}) => {
  const errors = collectConsoleErrors(page);
  const trpcCalls: Request[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/api/trpc/")) trpcCalls.push(request);
  });

  const app = await openAdmin(page);
  await expect(app.getByRole("heading", { name: "Home", level: 1 })).toBeVisible();

  // The KPI cards show what the API reports for this shop.
  const overview = await adminQuery<Overview>("admin.analytics.overview");
  expect(overview.members).toBeGreaterThan(0);
  const members = app.getByRole("heading", { name: "Members", level: 3 }).locator("..");
  await expect(members).toContainText(overview.members.toLocaleString("en-US"));
  await expect(app.getByRole("heading", { name: "Points issued", level: 3 }).locator("..")).toContainText(
    overview.pointsIssued.toLocaleString("en-US"),
  );

  // The setup checklist reflects the seeded shop: rewards and tiers exist.
  await expect(app.getByTestId("setup-step-reward")).toContainText("Done");
  await expect(app.getByTestId("setup-step-tiers")).toContainText("Done");
  await expect(app.getByText(/\d of \d done/)).toBeVisible();
  // (Next's route announcer is an empty alert region; error banners have text.)
  await expect(app.getByRole("alert").filter({ hasText: /\S/ })).toHaveCount(0);

  expect(trpcCalls.length).toBeGreaterThan(0);
  for (const call of trpcCalls)
    expect(await call.headerValue("authorization")).toMatch(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/);
  await saveScreenshot(page, "01-home-1280");
  expect(errors).toEqual([]);
});

test("the navigation reaches every page, each with its title", async ({ page }) => {
  const errors = collectConsoleErrors(page);
  const app = await openAdmin(page);
  const nav = app.getByRole("navigation");
  for (const [index, target] of ADMIN_PAGES.entries()) {
    await nav.getByRole("link", { name: target.label, exact: true }).click();
    await expect(app.getByRole("heading", { name: target.label, level: 1 })).toBeVisible();
    await expect(app.locator("body")).not.toContainText(/TODO|coming soon|lorem ipsum/i);
    const slug = target.path === "/" ? "home" : target.path.slice(1);
    await saveScreenshot(page, `${String(index + 2).padStart(2, "0")}-${slug}`);
  }
  expect(errors).toEqual([]);
});

test("works at 320 and 768 px: no sideways scrolling, and the menu opens on phones", async ({ page }) => {
  for (const width of [320, 768]) {
    await page.setViewportSize({ width, height: 800 });
    const app = await openAdmin(page);
    await expect(app.getByRole("heading", { name: "Members", level: 3 })).toBeVisible();
    const overflow = await app.locator("html").evaluate((html) => html.scrollWidth - html.clientWidth);
    expect(overflow, `horizontal overflow at ${width}px`).toBeLessThanOrEqual(0);
    await saveScreenshot(page, `20-home-${width}`);
  }
  // At 320 px the navigation sits behind the top bar's menu button.
  await page.setViewportSize({ width: 320, height: 800 });
  const app = await openAdmin(page);
  await app.getByRole("button", { name: /toggle menu/i }).click();
  await app.getByRole("navigation").getByRole("link", { name: "Customers", exact: true }).click();
  await expect(app.getByRole("heading", { name: "Customers", level: 1 })).toBeVisible();
  await saveScreenshot(page, "21-customers-320");
});

test("the dev frame hands the admin fresh session tokens, as App Bridge's idToken() does", async ({
  page,
}) => {
  await openAdmin(page);
  const frame = page.frame({ url: (url) => url.origin === new URL(stack().adminUrl).origin });
  expect(frame).not.toBeNull();
  const reply = await frame!.evaluate(
    ([request, response]) =>
      new Promise<{ token?: string; id?: string }>((resolve) => {
        window.addEventListener("message", (event) => {
          if ((event.data as { type?: string })?.type === response) resolve(event.data as { token?: string });
        });
        window.parent.postMessage({ type: request, id: "e2e" }, "*");
      }),
    [DEV_FRAME_TOKEN_REQUEST, DEV_FRAME_TOKEN_RESPONSE] as const,
  );
  expect(reply.id).toBe("e2e");
  const claims = JSON.parse(Buffer.from(reply.token!.split(".")[1]!, "base64url").toString()) as {
    exp: number;
    dest: string;
  };
  expect(claims.dest).toBe("https://loyalnest-demo.myshopify.com");
  expect(claims.exp * 1000).toBeGreaterThan(Date.now() + 30_000);
});

test("opened outside Shopify, the admin says where to open it instead", async ({ page }) => {
  await page.goto(stack().adminUrl);
  const alert = page.getByRole("alert").first();
  await expect(page.getByText("You're not signed in to LoyalNest").first()).toBeVisible();
  await expect(page.getByRole("link", { name: stack().devFrameUrl }).first()).toBeVisible();
  await expect(alert).toBeVisible();
  await saveScreenshot(page, "30-outside-shopify");
});
