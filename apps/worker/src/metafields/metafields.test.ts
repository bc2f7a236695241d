import { adjustPoints, schema } from "@loyalnest/db";
import { createTestDatabase, insertTestCustomer, type TestDatabase } from "@loyalnest/db/testing";
import type { ShopifyStandIn } from "@loyalnest/shopify-dev";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postJson, scheduleKit, startStandIn } from "../schedules/schedules.test-support";
import { pushStaleMetafields } from "./push-stale-metafields";
import { pushStaleWidgetConfigs } from "./push-widget-config";

/** §3: a balance or tier change reaches the customer's app-owned metafields in Shopify, coalesced. */
let test: TestDatabase;
let standIn: ShopifyStandIn;
let kit: ReturnType<typeof scheduleKit>;

beforeAll(async () => {
  test = await createTestDatabase("metafield_sync");
  standIn = await startStandIn();
  kit = scheduleKit(test, standIn);
});
afterAll(async () => {
  await standIn?.close();
  await test?.drop();
});

async function member(shop: { id: string; domain: string }) {
  const created = await postJson<{ customer: { id: number } }>(`${standIn.url}/_dev/customers`, {
    shop: shop.domain,
    email: `m${Math.random().toString(36).slice(2, 8)}@example.com`,
  });
  return insertTestCustomer(test.db, shop.id, { shopifyCustomerId: created.customer.id });
}

async function metafieldsOf(domain: string, shopifyCustomerId: number) {
  const response = await fetch(`${standIn.url}/_dev/shops/${domain}`);
  const body = (await response.json()) as { metafields: { ownerId: string; key: string; value: string }[] };
  const mine = body.metafields.filter((m) => m.ownerId === `gid://shopify/Customer/${shopifyCustomerId}`);
  return Object.fromEntries(mine.map((m) => [m.key, m.value]));
}

const adjust = (shopId: string, customerId: number, points: number, key: string) =>
  test.db.transaction((tx) =>
    adjustPoints(tx, shopId, {
      customerId,
      points,
      reason: "test",
      staffId: "1",
      requestKey: key,
      at: new Date(),
    }),
  );

const pendingRows = (shopId: string) =>
  test.db.select().from(schema.customerMetafieldSync).where(eq(schema.customerMetafieldSync.shopId, shopId));

describe("customer metafield sync", () => {
  it("pushes balance, tier and next reward once for a burst of changes, then has nothing left to do", async () => {
    const shop = await kit.installShop("UTC");
    await test.db.insert(schema.rewards).values({
      shopId: shop.id,
      name: "$10 off",
      type: "fixed_amount",
      pointsCost: 1000,
      valueMinor: 1000,
      currency: "USD",
    });
    const [gold] = await test.db
      .insert(schema.vipTiers)
      .values({ shopId: shop.id, name: "Gold", threshold: 0 })
      .returning();
    const customer = await member(shop);
    await pushStaleMetafields(kit.deps); // the new member's zero balance

    for (let i = 1; i <= 5; i++) await adjust(shop.id, customer.id, 100, `burst-${i}`);
    await test.db
      .update(schema.customers)
      .set({ tierId: gold!.id })
      .where(and(eq(schema.customers.shopId, shop.id), eq(schema.customers.id, customer.id)));
    expect(await pendingRows(shop.id)).toHaveLength(1);

    const summary = await pushStaleMetafields(kit.deps);
    expect(summary).toEqual({ pushed: 1, failed: 0, dropped: 0 });
    expect(await metafieldsOf(shop.domain, customer.shopifyCustomerId!)).toEqual({
      balance: "500",
      tier: "Gold",
      next_reward: JSON.stringify({ name: "$10 off", pointsCost: 1000, pointsNeeded: 500 }),
    });
    expect(await pendingRows(shop.id)).toEqual([]);
    expect(await pushStaleMetafields(kit.deps)).toEqual({ pushed: 0, failed: 0, dropped: 0 });
  });

  it("keeps the change and backs off when Shopify refuses, and drops a customer Shopify does not know", async () => {
    const shop = await kit.installShop("UTC");
    // Not a customer of the stand-in's shop: metafieldsSet answers a userError.
    const stranger = await insertTestCustomer(test.db, shop.id, { shopifyCustomerId: 987654321 });
    const unknownToShopify = await insertTestCustomer(test.db, shop.id, { shopifyCustomerId: null });
    await adjust(shop.id, stranger.id, 50, "stranger-1");
    await adjust(shop.id, unknownToShopify.id, 50, "unknown-1");

    const summary = await pushStaleMetafields(kit.deps);
    expect(summary).toEqual({ pushed: 0, failed: 1, dropped: 1 });
    const [left] = await pendingRows(shop.id);
    expect(left).toMatchObject({ customerId: stranger.id, attempts: 1 });
    expect(left!.notBefore.getTime()).toBeGreaterThan(Date.now());
    expect(left!.lastError).toMatch(/.+/);
  });
});

describe("widget settings sync", () => {
  it("mirrors a shop's saved branding and languages into the app-data metafield the theme reads, once per change", async () => {
    const shop = await kit.installShop("UTC");
    const [settings] = await test.db
      .select()
      .from(schema.shopSettings)
      .where(eq(schema.shopSettings.shopId, shop.id));
    const config = {
      ...settings!.config,
      branding: { ...settings!.config.branding, primaryColor: "#aa3355", launcherText: "Perks" },
    };
    await test.db
      .update(schema.shopSettings)
      .set({ config, configVersion: settings!.configVersion + 1 })
      .where(eq(schema.shopSettings.shopId, shop.id));

    const first = await pushStaleWidgetConfigs(kit.deps);
    expect(first.failed).toBe(0);
    expect(first.pushed).toBeGreaterThanOrEqual(1);
    const response = await fetch(`${standIn.url}/_dev/shops/${shop.domain}`);
    const body = (await response.json()) as {
      appMetafields: { namespace: string; key: string; value: string }[];
    };
    const saved = body.appMetafields.find((m) => m.namespace === "loyalnest" && m.key === "widget_config");
    expect(JSON.parse(saved!.value)).toMatchObject({
      branding: { primaryColor: "#aa3355", launcherText: "Perks" },
      languages: { enabled: ["en"] },
    });
    const [after] = await test.db
      .select({ synced: schema.shopSettings.widgetSyncedVersion, version: schema.shopSettings.configVersion })
      .from(schema.shopSettings)
      .where(eq(schema.shopSettings.shopId, shop.id));
    expect(after!.synced).toBe(after!.version);
    // Nothing changed since: this shop is not pushed again.
    const again = await pushStaleWidgetConfigs(kit.deps);
    expect(again.pushed).toBe(0);
  });
});
