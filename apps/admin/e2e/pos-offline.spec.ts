import { expect, test, type Page } from "@playwright/test";
import { SHOP, openAdmin, saveScreenshot, stack } from "./support";

/**
 * The POS extension's offline mode, in the stand-in's POS preview (`/_dev/pos`: the extension's own
 * Preact components over a fake POS host, calling the admin's `/api/trpc/pos.*` with POS session
 * tokens from the stand-in). As an associate: look a customer up (the cart's), go offline, record three
 * actions (award, redeem, redeem — the second redeem unaffordable at sync), reconnect: two apply
 * once, one is refused for insufficient points; a retried sync (the same keys again, and a sync
 * whose answer was lost) doubles nothing — every balance is checked through the API.
 */
const STAFF = "9001";

interface Lookup {
  customer: { id: number; firstName: string | null; status: string };
  balance: { available: number; pending: number };
  rewards: { id: number; name: string; pointsCost: number; redeemable: boolean }[];
}
interface SyncResult {
  key: string;
  status: "applied" | "duplicate" | "refused";
  reason: string | null;
}

async function posToken(): Promise<string> {
  const response = await fetch(`${stack().standInUrl}/_dev/session-token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ shop: SHOP, kind: "pos", sub: STAFF }),
  });
  return ((await response.json()) as { token: string }).token;
}

async function pos<T>(procedure: string, input: unknown, method: "GET" | "POST" = "GET"): Promise<T> {
  const url = `${stack().adminUrl}/api/trpc/pos.${procedure}`;
  const headers = { authorization: `Bearer ${await posToken()}`, "content-type": "application/json" };
  const response =
    method === "GET"
      ? await fetch(`${url}?input=${encodeURIComponent(JSON.stringify(input))}`, { headers })
      : await fetch(url, { method, headers, body: JSON.stringify(input) });
  const body = (await response.json()) as { result?: { data: T }; error?: unknown };
  if (!body.result) throw new Error(`pos.${procedure} failed: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

const balanceOf = async (shopifyCustomerId: string) =>
  (await pos<Lookup>("lookupCustomer", { shopifyCustomerId })).balance.available;

/**
 * A customer of the shop, in Shopify (the stand-in, so their discount codes can be created) and
 * in LoyalNest (`customers/create` → the stack's worker enrols them).
 */
async function newMember(): Promise<{ shopifyCustomerId: string; lookup: Lookup }> {
  const response = await fetch(`${stack().standInUrl}/_dev/customers`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ shop: SHOP, email: `pos-${Date.now()}@example.com`, firstName: "Robin" }),
  });
  const { customer } = (await response.json()) as { customer: { id: number } };
  const shopifyCustomerId = String(customer.id);
  let lookup: Lookup | null = null;
  await expect
    .poll(
      async () => {
        lookup = await pos<Lookup>("lookupCustomer", { shopifyCustomerId }).catch(() => null);
        return lookup?.customer.status;
      },
      { timeout: 30_000 },
    )
    .toBe("member");
  return { shopifyCustomerId, lookup: lookup! };
}

const pendingSection = (page: Page) => page.locator("#ln-pending");
const results = (page: Page) => page.locator("#ln-results");
/** The result badges, most recent first. */
const resultBadges = (page: Page) => results(page).locator("s-badge");

async function recordOfflineActions(page: Page, points: number) {
  const modal = page.locator("#modal");
  await modal.getByLabel("Points").fill(String(points));
  await modal.getByLabel("Reason").fill("Brought a reusable bag");
  await modal.getByRole("button", { name: "Award points offline" }).click();
  await expect(
    pendingSection(page).getByRole("heading", { name: "Pending offline actions (1)" }),
  ).toBeVisible();
  const redeem = modal.getByRole("button", { name: "Redeem $5 off offline" });
  await redeem.click();
  await expect(
    pendingSection(page).getByRole("heading", { name: "Pending offline actions (2)" }),
  ).toBeVisible();
  await redeem.click();
  await expect(
    pendingSection(page).getByRole("heading", { name: "Pending offline actions (3)" }),
  ).toBeVisible();
  await expect(pendingSection(page).locator("s-badge", { hasText: "Pending" })).toHaveCount(3);
}

test("POS offline: three actions queued, two apply once, one refused; retried syncs double nothing", async ({
  page,
}) => {
  // The merchant has opened LoyalNest (token exchange: the app holds the shop's Admin API token,
  // which redemptions need to create their discount codes in Shopify).
  await openAdmin(page);
  const { shopifyCustomerId, lookup } = await newMember();
  const start = lookup.balance.available;
  const cost = lookup.rewards.find((r) => r.name === "$5 off")!.pointsCost;
  // The award makes one "$5 off" affordable, not two.
  const award = Math.max(50, cost + 100 - start);
  expect(start + award).toBeLessThan(2 * cost);

  await test.step("look the customer up (the cart's customer) from the home tile", async () => {
    await page.goto(
      `${stack().standInUrl}/_dev/pos?shop=${SHOP}&customer=${shopifyCustomerId}&subtotal=42.00`,
    );
    await expect(page.locator("#customer-block")).toContainText(`${start} points`);
    await page
      .locator("#tile")
      .getByRole("button", { name: /LoyalNest/ })
      .click();
    const modal = page.locator("#modal");
    await expect(modal.getByRole("heading", { name: "LoyalNest", level: 1 })).toBeVisible();
    await expect(modal.locator("#ln-balance")).toHaveText(`${start} points`);
    await expect(modal.locator("#ln-connectivity")).toHaveText("Online");
    await saveScreenshot(page, "pos-1-online-customer");
  });

  const first = start + award - cost;
  await test.step("offline: award points, redeem $5 off twice — kept on the device as pending", async () => {
    await page.getByRole("button", { name: "Go offline" }).click();
    await expect(page.locator("#connectivity-status")).toHaveText("Disconnected");
    await expect(
      page.locator("#modal").getByRole("status").filter({ hasText: "Offline" }).first(),
    ).toBeVisible();
    await recordOfflineActions(page, award);
    // The till can tell the last redemption may be refused: the award, then two redemptions.
    await expect(page.locator("#ln-projected")).toContainText(`${start + award - 2 * cost} points`);
    await expect(page.locator("#ln-projected")).toContainText("may be refused");
    await expect(page.locator("#tile")).toContainText("3 actions pending");
    await saveScreenshot(page, "pos-2-offline-three-pending");
    expect(await balanceOf(shopifyCustomerId)).toBe(start); // nothing left the till
  });

  await test.step("reconnect: the queue syncs in order — two applied, one refused for insufficient points", async () => {
    await page.getByRole("button", { name: "Reconnect" }).click();
    await expect(results(page)).toBeVisible();
    await expect(pendingSection(page)).toHaveCount(0);
    // Most recent first: the second redemption was refused, the first and the award applied.
    await expect(resultBadges(page)).toHaveText(["Refused: insufficient points", "Applied", "Applied"]);
    await expect(results(page)).toContainText(/Code LN-/);
    await expect(page.locator("#ln-notice")).toHaveAttribute("heading", /2 applied, 1 refused/);
    await expect(page.locator("#modal #ln-balance")).toHaveText(`${first} points`);
    // The tile and the customer block follow: nothing pending, the new balance.
    await expect(page.locator("#tile")).toContainText("Points and rewards");
    await expect(page.locator("#customer-block")).toContainText(`${first} points`);
    await saveScreenshot(page, "pos-3-synced-two-applied-one-refused");
    expect(await balanceOf(shopifyCustomerId)).toBe(first);
  });

  await test.step("the same batch sent again (a retried sync) changes nothing", async () => {
    const stored = await page.evaluate((shop) => {
      const raw = localStorage.getItem(`loyalnest-pos:${shop}:results`);
      return raw ? (JSON.parse(raw) as { action: Record<string, unknown> }[]) : [];
    }, SHOP);
    const actions = stored.map((r) => r.action).reverse(); // stored most recent first
    expect(actions.map((a) => a.type)).toEqual(["earn", "redeem", "redeem"]);
    const replay = await pos<{ results: SyncResult[] }>("syncOffline", { actions }, "POST");
    expect(replay.results.map((r) => [r.status, r.reason])).toEqual([
      ["duplicate", null],
      ["duplicate", null],
      ["refused", "insufficient_points"],
    ]);
    expect(await balanceOf(shopifyCustomerId)).toBe(first);
  });

  // Enough for one more $5 off, not two.
  const topUp = cost;
  await test.step("a sync whose answer is lost: the actions stay pending; Sync now re-sends the same keys", async () => {
    await page.getByRole("button", { name: "Go offline" }).click();
    await expect(page.locator("#connectivity-status")).toHaveText("Disconnected");
    await recordOfflineActions(page, topUp);
    await page.getByLabel("Lose the next sync answer").check();
    await page.getByRole("button", { name: "Reconnect" }).click();
    await expect(page.locator("#ln-sync-error")).toContainText("3 actions still pending");
    await expect(pendingSection(page).locator("s-badge", { hasText: "Pending" })).toHaveCount(3);
    await saveScreenshot(page, "pos-4-sync-answer-lost");
    // LoyalNest did apply them, once.
    expect(await balanceOf(shopifyCustomerId)).toBe(first + topUp - cost);

    await pendingSection(page).getByRole("button", { name: "Sync now" }).click();
    await expect(pendingSection(page)).toHaveCount(0);
    // The retry's results (duplicates: applied once, by the sync whose answer was lost), then the first sync's.
    await expect(resultBadges(page)).toHaveText([
      "Refused: insufficient points",
      "Already applied",
      "Already applied",
      "Refused: insufficient points",
      "Applied",
      "Applied",
    ]);
    await expect(page.locator("#modal #ln-balance")).toHaveText(`${first + topUp - cost} points`);
    await saveScreenshot(page, "pos-5-retry-nothing-doubled");
    expect(await balanceOf(shopifyCustomerId)).toBe(first + topUp - cost);
  });
});
