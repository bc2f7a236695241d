import { schema, toDomainReward } from "@loyalnest/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../../testing";

let api: ApiHarness;
beforeAll(async () => {
  api = await createApiHarness("admin_rewards");
});
afterAll(async () => api?.close());

async function setUp() {
  const shop = await api.installShop();
  const credential = { kind: "admin" as const, shop: shop.domain, staffId: "55" };
  const [gold] = await api.test.db
    .insert(schema.vipTiers)
    .values({ shopId: shop.id, name: "Gold", threshold: 1000 })
    .returning();
  return { shop, credential, gold: gold!, client: api.client(credential) };
}

function errorMessage(body: unknown): string {
  return String((body as { error?: { message?: unknown } }).error?.message ?? "");
}

async function rewardRow(shopId: string, id: number) {
  const [row] = await api.test.db
    .select()
    .from(schema.rewards)
    .where(and(eq(schema.rewards.shopId, shopId), eq(schema.rewards.id, id)));
  return row!;
}

async function auditActions(shopId: string) {
  const rows = await api.test.db
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.shopId, shopId), eq(schema.auditLog.entityType, "reward")))
    .orderBy(schema.auditLog.id);
  return rows.map((row) => row.action);
}

describe("admin.rewards", () => {
  it("creates each reward type as the redemption engine reads it", async () => {
    const { shop, client, gold } = await setUp();
    const fixed = await client.admin.rewards.create.mutate({
      name: "$5 off",
      type: "fixed_amount",
      pointsCost: 500,
      valueMinor: 500,
      valuesByCurrency: { EUR: 500 },
      minOrderMinor: 2000,
      minTierId: gold.id,
    });
    expect(fixed).toMatchObject({
      currency: "USD",
      valueMinor: 500,
      codeExpiryDays: 30,
      channels: ["online", "pos"],
    });
    const pfm = await client.admin.rewards.create.mutate({
      name: "Points for cash",
      type: "points_for_money",
      pointsForMoney: { stepPoints: 100, stepValueMinor: 100, minPoints: 500, maxPoints: 5000 },
    });
    expect(pfm).toMatchObject({ pointsCost: null, pointsForMoney: { stepPoints: 100, maxPoints: 5000 } });
    const shipping = await client.admin.rewards.create.mutate({
      name: "Free shipping",
      type: "free_shipping",
      pointsCost: 300,
      maxShippingMinor: 1500,
      combinesWith: { orderDiscounts: true, productDiscounts: true, shippingDiscounts: false },
    });
    const product = await client.admin.rewards.create.mutate({
      name: "Free mug",
      type: "free_product",
      pointsCost: 900,
      productVariantId: "4242",
      channels: ["online"],
    });
    expect(product.productVariantId).toBe("gid://shopify/ProductVariant/4242");

    const engine = toDomainReward(await rewardRow(shop.id, fixed.id));
    expect(engine).toMatchObject({
      kind: {
        type: "fixed_amount",
        pointsCost: 500,
        value: { shopMinor: 500, perCurrencyMinor: { EUR: 500 } },
      },
      minOrderMinor: 2000,
      minTierId: String(gold.id),
    });
    expect(toDomainReward(await rewardRow(shop.id, pfm.id)).kind).toEqual({
      type: "points_for_money",
      stepPoints: 100,
      stepValue: { shopMinor: 100 },
      minPoints: 500,
      maxPoints: 5000,
    });
    expect(toDomainReward(await rewardRow(shop.id, shipping.id))).toMatchObject({
      kind: { type: "free_shipping", maxShippingMinor: 1500 },
      combinesWith: { orderDiscounts: true, productDiscounts: true, shippingDiscounts: false },
    });
    expect(await auditActions(shop.id)).toEqual([
      "reward.create",
      "reward.create",
      "reward.create",
      "reward.create",
    ]);

    const { items } = await client.admin.rewards.list.query();
    expect(items.map((r) => r.name)).toEqual(["$5 off", "Points for cash", "Free shipping", "Free mug"]);
    const only = await client.admin.rewards.list.query({ type: "free_product" });
    expect(only.items.map((r) => r.id)).toEqual([product.id]);
    expect(await client.admin.rewards.get.query({ rewardId: pfm.id })).toEqual(pfm);
  });

  it("updates only the fields sent, validated whole, and audits the change", async () => {
    const { shop, client, credential } = await setUp();
    const reward = await client.admin.rewards.create.mutate({
      name: "10% off",
      type: "percentage",
      pointsCost: 1000,
      percentBp: 1000,
    });
    const { reward: updated, changed } = await client.admin.rewards.update.mutate({
      rewardId: reward.id,
      percentBp: 1500,
      perCustomerLimit: 2,
    });
    expect(changed).toBe(true);
    expect(updated).toMatchObject({
      name: "10% off",
      pointsCost: 1000,
      percentBp: 1500,
      perCustomerLimit: 2,
    });
    expect(await rewardRow(shop.id, reward.id)).toMatchObject({ percentBp: 1500, perCustomerLimit: 2 });
    const [, audit] = await api.test.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.shopId, shop.id), eq(schema.auditLog.entityType, "reward")))
      .orderBy(schema.auditLog.id);
    expect(audit).toMatchObject({ action: "reward.update", entityId: String(reward.id) });
    expect(audit!.changes).toEqual({
      percentBp: { from: 1000, to: 1500 },
      perCustomerLimit: { from: null, to: 2 },
    });

    const same = await client.admin.rewards.update.mutate({ rewardId: reward.id, percentBp: 1500 });
    expect(same.changed).toBe(false);

    const pfm = await client.admin.rewards.create.mutate({
      name: "Cash",
      type: "points_for_money",
      pointsForMoney: { stepPoints: 100, stepValueMinor: 100, minPoints: 500, maxPoints: 5000 },
    });
    // The engine refuses bounds that are not whole steps: refused here, with the field named.
    const offStep = await api.call({
      path: "admin.rewards.update",
      type: "mutation",
      input: {
        rewardId: pfm.id,
        pointsForMoney: { stepPoints: 300, stepValueMinor: 100, minPoints: 500, maxPoints: 5000 },
      },
      credential,
    });
    expect(offStep.status).toBe(400);
    expect(errorMessage(offStep.body)).toContain(
      "pointsForMoney.minPoints and pointsForMoney.maxPoints must be whole steps",
    );
    expect((await rewardRow(shop.id, pfm.id)).pfmStepPoints).toBe(100);
  });

  it("refuses invalid rewards with a 400 naming the field, and saves nothing", async () => {
    const { shop, credential, gold } = await setUp();
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "A", type: "fixed_amount", pointsCost: 500 }, "valueMinor"],
      [{ name: "A", type: "fixed_amount", pointsCost: 500, valueMinor: 500, percentBp: 1000 }, "percentBp"],
      [{ name: "A", type: "percentage", pointsCost: 500, percentBp: 12_000 }, "percentBp"],
      [{ name: "A", type: "percentage", percentBp: 1000 }, "pointsCost"],
      [{ name: "A", type: "free_product", pointsCost: 500, productVariantId: "shirt" }, "productVariantId"],
      [
        {
          name: "A",
          type: "points_for_money",
          pointsForMoney: { stepPoints: 100, stepValueMinor: 100, minPoints: 900, maxPoints: 500 },
        },
        "pointsForMoney.minPoints must not exceed pointsForMoney.maxPoints",
      ],
      [
        { name: "A", type: "fixed_amount", pointsCost: 500, valueMinor: 500, valuesByCurrency: { euro: 5 } },
        "valuesByCurrency",
      ],
      [{ name: "A", type: "free_shipping", pointsCost: 500, channels: [] }, "channels"],
      [{ name: "A", type: "free_shipping", pointsCost: 500, codeExpiryDays: 0 }, "codeExpiryDays"],
      [{ name: "A", type: "lottery", pointsCost: 500 }, "type"],
    ];
    for (const [input, field] of cases) {
      const result = await api.call({ path: "admin.rewards.create", type: "mutation", input, credential });
      expect(result.status, JSON.stringify(input)).toBe(400);
      expect(errorMessage(result.body), JSON.stringify(input)).toContain(field);
    }
    await api.test.db.update(schema.vipTiers).set({ active: false }).where(eq(schema.vipTiers.id, gold.id));
    const inactiveTier = await api.call({
      path: "admin.rewards.create",
      type: "mutation",
      input: { name: "A", type: "free_shipping", pointsCost: 500, minTierId: gold.id },
      credential,
    });
    expect(inactiveTier.status).toBe(400);
    expect(errorMessage(inactiveTier.body)).toContain("minTierId");
    expect(await api.test.db.select().from(schema.rewards).where(eq(schema.rewards.shopId, shop.id))).toEqual(
      [],
    );
  });

  it("archives softly: the row stays for its redemptions, leaves the catalogue, and can no longer be edited", async () => {
    const { shop, client, credential } = await setUp();
    const reward = await client.admin.rewards.create.mutate({
      name: "$5 off",
      type: "fixed_amount",
      pointsCost: 500,
      valueMinor: 500,
    });
    const archived = await client.admin.rewards.archive.mutate({ rewardId: reward.id });
    expect(archived.active).toBe(false);
    expect(archived.archivedAt).not.toBeNull();
    const again = await client.admin.rewards.archive.mutate({ rewardId: reward.id });
    expect(again.archivedAt).toBe(archived.archivedAt);

    expect((await client.admin.rewards.list.query()).items).toEqual([]);
    expect((await client.admin.rewards.list.query({ archived: "only" })).items.map((r) => r.id)).toEqual([
      reward.id,
    ]);
    expect(await rewardRow(shop.id, reward.id)).toMatchObject({ active: false });
    expect(toDomainReward(await rewardRow(shop.id, reward.id)).active).toBe(false);

    const edit = await api.call({
      path: "admin.rewards.update",
      type: "mutation",
      input: { rewardId: reward.id, active: true },
      credential,
    });
    expect(edit.status).toBe(409);
    expect(await auditActions(shop.id)).toEqual(["reward.create", "reward.archive"]);
  });

  it("another shop's reward or tier is not found, and nothing of theirs changes", async () => {
    const { credential } = await setUp();
    const other = await setUp();
    const theirs = await other.client.admin.rewards.create.mutate({
      name: "$5 off",
      type: "fixed_amount",
      pointsCost: 500,
      valueMinor: 500,
    });
    const before = await rewardRow(other.shop.id, theirs.id);
    const calls = [
      { path: "admin.rewards.get", type: "query" as const, input: { rewardId: theirs.id } },
      {
        path: "admin.rewards.update",
        type: "mutation" as const,
        input: { rewardId: theirs.id, pointsCost: 1 },
      },
      { path: "admin.rewards.archive", type: "mutation" as const, input: { rewardId: theirs.id } },
    ];
    for (const call of calls) {
      const result = await api.call({ ...call, credential });
      expect(result.status, call.path).toBe(404);
      expect(errorMessage(result.body)).toBe(`Reward ${theirs.id} does not exist in this shop.`);
    }
    const tiered = await api.call({
      path: "admin.rewards.create",
      type: "mutation",
      input: { name: "Gold", type: "free_shipping", pointsCost: 100, minTierId: other.gold.id },
      credential,
    });
    expect(tiered.status).toBe(404);
    expect(errorMessage(tiered.body)).toBe(`Tier ${other.gold.id} does not exist in this shop.`);
    expect(await rewardRow(other.shop.id, theirs.id)).toEqual(before);
  });
});
