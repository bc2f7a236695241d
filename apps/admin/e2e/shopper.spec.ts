import { expect, test, type FrameLocator, type Page } from "@playwright/test";
import { SHOP, adminQuery, saveScreenshot, stack } from "./support";

/**
 * As a shopper (issue 8): a new customer of the stand-in (its `customers/create` and `orders/paid`
 * webhooks credited by the stack's worker) pays an order, sees that order's points on the
 * thank-you block (the checkout extension's real bundle in the stand-in's extension preview,
 * `/_dev/extension`), then opens the storefront preview, opens the launcher, redeems "$5 off" and
 * copies the referral link; the new code is then applied in the in-checkout block, once where it
 * combines and once next to a code it does not combine with; and the customer-account page shows
 * the balance and the order. Every number is checked against the API the extensions call.
 */
interface Profile {
  status: string;
  balance: { available: number; pending: number };
}

async function standIn<T>(path: string, body: unknown): Promise<T> {
  const response = await fetch(`${stack().standInUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A shopper query as the customer-account extension calls it (session token + surface header). */
async function shopper<T>(customerId: number, procedure: string, input?: unknown): Promise<T | null> {
  const { token } = await standIn<{ token: string }>("/_dev/session-token", {
    shop: SHOP,
    kind: "customer_account",
    sub: `gid://shopify/Customer/${customerId}`,
  });
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await fetch(`${stack().adminUrl}/api/trpc/shopper.${procedure}${query}`, {
    headers: { authorization: `Bearer ${token}`, "x-loyalnest-surface": "customer-account" },
  });
  const body = (await response.json()) as { result?: { data: T } };
  return body.result?.data ?? null;
}
const profileOf = (customerId: number) => shopper<Profile>(customerId, "profile");

async function openExtension(page: Page, query: string): Promise<FrameLocator> {
  await page.goto(`${stack().standInUrl}/_dev/extension?shop=${SHOP}&${query}`);
  const frame = page.frameLocator("iframe[title^='LoyalNest']");
  await expect(frame.locator("html[data-rendered=true]")).toBeAttached();
  return frame;
}

test("a shopper sees their order's points, redeems in the widget, shares their link and uses the code at checkout", async ({
  page,
  context,
}) => {
  test.setTimeout(150_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: stack().standInUrl });

  // The merchant has opened the app once (the admin session token's exchange stores the offline
  // token the app needs to create discount codes in Shopify).
  await adminQuery("admin.analytics.overview");

  // A new customer: `customers/create` → the worker enrols them (sign-up points).
  const { customer } = await standIn<{ customer: { id: number } }>("/_dev/customers", {
    shop: SHOP,
    email: `shopper-${Date.now()}@example.com`,
    firstName: "Dana",
  });
  await expect.poll(async () => (await profileOf(customer.id))?.status, { timeout: 30_000 }).toBe("member");

  // An $80 order → `orders/paid` → the worker credits it; the thank-you block shows this order's points.
  const { order } = await standIn<{ order: { id: number } }>("/_dev/orders", {
    shop: SHOP,
    customerId: customer.id,
    lineItems: [{ price: "80.00", title: "Nest Tote" }],
  });
  const thankYou = await openExtension(page, `target=thank-you&order=${order.id}`);
  await expect(thankYou.getByText(/You earned [\d,]+ points with this order\./)).toBeVisible({
    timeout: 40_000,
  });
  const after = (await profileOf(customer.id))!.balance;
  // The order's own entry (tier-welcome points, if any, are separate entries).
  const history = await shopper<{ items: { amount: number; description: string }[] }>(
    customer.id,
    "history",
    {},
  );
  const earned = history!.items.find((e) => e.description === "Points for an order")!.amount;
  expect(earned).toBeGreaterThan(0);
  await expect(
    thankYou.getByText(`You earned ${earned.toLocaleString("en")} points with this order.`),
  ).toBeVisible();
  await expect(thankYou.getByRole("button", { name: "Copy link" })).toBeVisible();
  await saveScreenshot(page, "shopper-thank-you");

  // The storefront: open the launcher, redeem "$5 off", copy the referral link.
  // Pinned widget settings (default branding): another spec may have saved the merchant's own launcher text.
  const widgetConfig = encodeURIComponent(JSON.stringify({ languages: { enabled: ["en"] } }));
  await page.goto(
    `${stack().standInUrl}/_dev/storefront?shop=${SHOP}&customer=${customer.id}&config=${widgetConfig}`,
  );
  await page.getByRole("button", { name: "Rewards" }).click();
  const panel = page.getByRole("dialog", { name: "Rewards" });
  await expect(panel.getByTestId("balance")).toHaveText(`${after.available.toLocaleString("en")} points`);
  await saveScreenshot(page, "shopper-widget-open");
  await panel.getByRole("button", { name: "Redeem $5 off" }).click();
  await panel.getByRole("button", { name: "Yes, redeem" }).click();
  const code = (await panel.getByTestId("reward-code").textContent())!.trim();
  expect(code).not.toBe("");
  await expect
    .poll(async () => (await profileOf(customer.id))!.balance.available)
    .toBe(after.available - 500);
  await panel.getByRole("button", { name: "Copy link" }).click();
  await expect(panel.getByRole("button", { name: "Link copied" })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(new RegExp(`^https://${SHOP.replace(/\./g, "\\.")}/\\?ref=\\w+`));
  await saveScreenshot(page, "shopper-widget-redeemed");

  // In checkout, next to a code it does not combine with: the code is kept, the shopper told why.
  const blocked = await openExtension(
    page,
    `target=checkout&customer=${customer.id}&subtotal=30.00&codes=SUMMER10`,
  );
  await expect(blocked.getByText(/Add \$20\.00 more to use this reward/)).toBeVisible();
  await blocked.getByRole("button", { name: `Apply ${code}` }).click();
  await expect(
    blocked.getByText(`Your code ${code} doesn't combine with the discount already on this order.`, {
      exact: false,
    }),
  ).toBeVisible();
  await expect(page.getByText(`${code} — not applied`)).toBeVisible();
  await saveScreenshot(page, "shopper-checkout-not-combinable");

  // On its own, the same code applies to the checkout.
  const checkout = await openExtension(page, `target=checkout&customer=${customer.id}&subtotal=30.00`);
  await checkout.getByRole("button", { name: `Apply ${code}` }).click();
  await expect(checkout.getByText(`$5 off is applied to your order (code ${code}).`)).toBeVisible();
  await expect(page.getByText(`${code} — applied`)).toBeVisible();
  await saveScreenshot(page, "shopper-checkout-applied");

  // The customer-account page: balance, the code, the order in the history.
  const account = await openExtension(page, `target=account&customer=${customer.id}`);
  await expect(
    account.getByText(`${(after.available - 500).toLocaleString("en")} points`).first(),
  ).toBeVisible();
  await expect(account.getByText(code).first()).toBeVisible();
  await expect(account.getByText("Points for an order").first()).toBeVisible();
  await saveScreenshot(page, "shopper-account-page");
});
