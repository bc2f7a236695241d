import { postLedgerEntry, schema } from "@loyalnest/db";
import { balanceOf, insertTestCustomer } from "@loyalnest/db/testing";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../../testing";

let api: ApiHarness;
beforeAll(async () => {
  api = await createApiHarness("admin_tiers");
});
afterAll(async () => api?.close());

function errorMessage(body: unknown): string {
  return String((body as { error?: { message?: unknown } }).error?.message ?? "");
}

async function earn(shopId: string, customerId: number, points: number) {
  await api.test.db.transaction((tx) =>
    postLedgerEntry(tx, shopId, {
      customerId,
      kind: "earn",
      amount: points,
      status: "available",
      sourceType: "order",
      sourceId: String(customerId),
      idempotencyKey: `order:${customerId}:earn`,
      occurredAt: new Date(Date.now() - 60_000),
    }),
  );
}

/** Silver ≥ 1000, Gold ≥ 5000; customers: A (1200, Silver), B (6000, Gold), C (300, none), D (2000, Gold, pinned). */
async function setUp() {
  const shop = await api.installShop();
  const credential = { kind: "admin" as const, shop: shop.domain, staffId: "66" };
  const { db } = api.test;
  const [silver] = await db
    .insert(schema.vipTiers)
    .values({ shopId: shop.id, name: "Silver", threshold: 1000 })
    .returning();
  const [gold] = await db
    .insert(schema.vipTiers)
    .values({ shopId: shop.id, name: "Gold", threshold: 5000, earnMultiplierBp: 15_000 })
    .returning();
  const a = await insertTestCustomer(db, shop.id, { tierId: silver!.id, tierAchievedAt: new Date() });
  const b = await insertTestCustomer(db, shop.id, { tierId: gold!.id, tierAchievedAt: new Date() });
  const c = await insertTestCustomer(db, shop.id);
  const d = await insertTestCustomer(db, shop.id, {
    tierId: gold!.id,
    tierPinned: true,
    tierAchievedAt: new Date(),
  });
  await earn(shop.id, a.id, 1200);
  await earn(shop.id, b.id, 6000);
  await earn(shop.id, c.id, 300);
  await earn(shop.id, d.id, 2000);
  return {
    shop,
    credential,
    client: api.client(credential),
    silver: silver!,
    gold: gold!,
    customers: [a, b, c, d],
  };
}

async function tierRows(shopId: string) {
  return api.test.db
    .select()
    .from(schema.vipTiers)
    .where(eq(schema.vipTiers.shopId, shopId))
    .orderBy(schema.vipTiers.id);
}

describe("admin.tiers", () => {
  it("lists the ladder with the programme's metric and how many customers hold each tier", async () => {
    const { client, silver, gold } = await setUp();
    const ladder = await client.admin.tiers.list.query();
    expect(ladder).toMatchObject({ metric: "points_earned", window: "lifetime", retentionDays: 365 });
    expect(ladder.tiers.map((t) => [t.id, t.name, t.threshold, t.members, t.active])).toEqual([
      [silver.id, "Silver", 1000, 1, true],
      [gold.id, "Gold", 5000, 2, true],
    ]);
  });

  it("previews who would move up, down or stay, and changes nothing", async () => {
    const { shop, client, silver, gold } = await setUp();
    const before = await tierRows(shop.id);
    const preview = await client.admin.tiers.preview.query({
      tiers: [
        { id: silver.id, name: "Silver", threshold: 200 },
        { id: gold.id, name: "Gold", threshold: 8000, earnMultiplierBp: 15_000 },
        { name: "Platinum", threshold: 20_000 },
      ],
    });
    // A stays in Silver, B (6000) falls below Gold's 8000, C (300) reaches Silver, D is pinned.
    expect(preview).toMatchObject({ up: 1, down: 1, stay: 2, pinned: 1 });
    expect(preview.byCurrentTier).toEqual([
      { tierId: null, name: null, customers: 1, up: 1, down: 0, stay: 0 },
      { tierId: silver.id, name: "Silver", customers: 1, up: 0, down: 0, stay: 1 },
      { tierId: gold.id, name: "Gold", customers: 2, up: 0, down: 1, stay: 1 },
    ]);
    expect(preview.byNewTier).toEqual([
      { index: 0, tierId: silver.id, name: "Silver", customers: 3 },
      { index: 1, tierId: gold.id, name: "Gold", customers: 1 },
    ]);
    expect(await tierRows(shop.id)).toEqual(before);
  });

  it("saves the ladder in one audited transaction: updates, creates, deactivates; never touches points or tiers held", async () => {
    const { shop, client, silver, gold, customers } = await setUp();
    const balancesBefore = await Promise.all(customers.map((c) => balanceOf(api.test.db, shop.id, c.id)));
    const [reward] = await api.test.db
      .insert(schema.rewards)
      .values({
        shopId: shop.id,
        name: "Gold gift",
        type: "free_shipping",
        pointsCost: 100,
        minTierId: gold.id,
      })
      .returning();

    // Swapping thresholds in place must not trip the unique index.
    const swapped = await client.admin.tiers.save.mutate({
      tiers: [
        { id: silver.id, name: "Silver", threshold: 5000 },
        { id: gold.id, name: "Gold", threshold: 1000, earnMultiplierBp: 15_000 },
      ],
    });
    expect(swapped.changed).toBe(true);
    expect(swapped.tiers.map((t) => [t.name, t.threshold])).toEqual([
      ["Gold", 1000],
      ["Silver", 5000],
    ]);

    const saved = await client.admin.tiers.save.mutate({
      tiers: [
        { id: silver.id, name: "Silver", threshold: 500, benefits: ["Free returns"] },
        {
          name: "Platinum",
          threshold: 10_000,
          earnMultiplierBp: 20_000,
          entryRewardPoints: 250,
          entryRewardId: reward!.id,
        },
      ],
    });
    expect(saved.warnings).toEqual([
      `Reward "Gold gift" (${reward!.id}) is limited to tier "Gold", which is now inactive: nobody can redeem it until you choose another tier for it.`,
    ]);
    const platinum = saved.tiers.find((t) => t.name === "Platinum")!;
    expect(saved.tiers.map((t) => [t.name, t.threshold, t.active])).toEqual([
      ["Silver", 500, true],
      ["Platinum", 10_000, true],
      ["Gold", 1000, false],
    ]);
    expect(platinum).toMatchObject({
      earnMultiplierBp: 20_000,
      entryRewardPoints: 250,
      entryRewardId: reward!.id,
      members: 0,
    });

    // Points and the tiers customers hold are untouched; they move on the next event or nightly run.
    expect(await Promise.all(customers.map((c) => balanceOf(api.test.db, shop.id, c.id)))).toEqual(
      balancesBefore,
    );
    const held = await api.test.db
      .select({ tierId: schema.customers.tierId })
      .from(schema.customers)
      .where(eq(schema.customers.shopId, shop.id))
      .orderBy(schema.customers.id);
    expect(held.map((h) => h.tierId)).toEqual([silver.id, gold.id, null, gold.id]);

    const audits = await api.test.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.shopId, shop.id), eq(schema.auditLog.action, "tiers.save")))
      .orderBy(schema.auditLog.id);
    expect(audits).toHaveLength(2);
    expect(audits[1]!.changes).toMatchObject({
      created: [{ id: platinum.id, name: "Platinum", threshold: 10_000 }],
      updated: [
        {
          id: silver.id,
          changes: { threshold: { from: 5000, to: 500 }, benefits: { from: [], to: ["Free returns"] } },
        },
      ],
      deactivated: [{ id: gold.id, name: "Gold" }],
    });

    // A new ladder may take an inactive tier's threshold; reactivating a tier brings it back.
    const again = await client.admin.tiers.save.mutate({
      tiers: [
        { id: silver.id, name: "Silver", threshold: 500, benefits: ["Free returns"] },
        { name: "Bronze", threshold: 1000 },
        {
          id: platinum.id,
          name: "Platinum",
          threshold: 10_000,
          earnMultiplierBp: 20_000,
          entryRewardPoints: 250,
          entryRewardId: reward!.id,
        },
      ],
    });
    expect(again.tiers.map((t) => [t.name, t.threshold, t.active])).toEqual([
      ["Silver", 500, true],
      ["Bronze", 1000, true],
      ["Platinum", 10_000, true],
      ["Gold", null, false],
    ]);
    const back = await client.admin.tiers.save.mutate({
      tiers: [
        ...again.tiers
          .filter((t) => t.active)
          .map(({ id, name, threshold }) => ({ id, name, threshold: threshold! })),
        { id: gold.id, name: "Gold", threshold: 4000 },
      ],
    });
    expect(back.tiers.find((t) => t.id === gold.id)).toMatchObject({ active: true, threshold: 4000 });
    const unchanged = await client.admin.tiers.save.mutate({
      tiers: back.tiers.map((t) => ({
        ...t,
        threshold: t.threshold!,
        members: undefined,
        active: undefined,
        updatedAt: undefined,
      })),
    });
    expect(unchanged.changed).toBe(false);
  });

  it("refuses an invalid ladder with a 400 naming the tier and field, and changes nothing", async () => {
    const { shop, credential, silver } = await setUp();
    const before = await tierRows(shop.id);
    const cases: [unknown, string][] = [
      [
        {
          tiers: [
            { name: "A", threshold: 100 },
            { name: "B", threshold: 100 },
          ],
        },
        "tiers.1.threshold",
      ],
      [
        {
          tiers: [
            { name: "A", threshold: 100 },
            { name: "a", threshold: 200 },
          ],
        },
        "tiers.1.name",
      ],
      [
        {
          tiers: [
            { id: silver.id, name: "A", threshold: 1 },
            { id: silver.id, name: "B", threshold: 2 },
          ],
        },
        "tiers.1.id",
      ],
      [{ tiers: [{ name: "A", threshold: -5 }] }, "tiers.0.threshold"],
      [{ tiers: [{ name: "A", threshold: 5, earnMultiplierBp: 5000 }] }, "tiers.0.earnMultiplierBp"],
      [{ tiers: Array.from({ length: 21 }, (_, i) => ({ name: `T${i}`, threshold: i })) }, "tiers"],
    ];
    for (const [input, field] of cases) {
      const result = await api.call({ path: "admin.tiers.save", type: "mutation", input, credential });
      expect(result.status, JSON.stringify(input).slice(0, 200)).toBe(400);
      expect(errorMessage(result.body)).toContain(field);
    }
    expect(await tierRows(shop.id)).toEqual(before);
  });

  it("another shop's tier or reward id is not found by preview and save, and nothing changes", async () => {
    const { shop, credential, silver } = await setUp();
    const other = await setUp();
    const [theirReward] = await api.test.db
      .insert(schema.rewards)
      .values({ shopId: other.shop.id, name: "Theirs", type: "free_shipping", pointsCost: 100 })
      .returning();
    const before = { ours: await tierRows(shop.id), theirs: await tierRows(other.shop.id) };
    const inputs = [
      { tiers: [{ id: other.gold.id, name: "Gold", threshold: 1 }] },
      { tiers: [{ id: silver.id, name: "Silver", threshold: 1000, entryRewardId: theirReward!.id }] },
    ];
    for (const input of inputs) {
      for (const [path, type] of [
        ["admin.tiers.preview", "query"],
        ["admin.tiers.save", "mutation"],
      ] as const) {
        const result = await api.call({ path, type, input, credential });
        expect(result.status, path).toBe(404);
        expect(errorMessage(result.body)).toMatch(/^(Tier|Reward) \d+ does not exist in this shop\.$/);
      }
    }
    expect({ ours: await tierRows(shop.id), theirs: await tierRows(other.shop.id) }).toEqual(before);
  });
});
