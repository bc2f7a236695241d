import { currentRuleVersion, schema } from "@loyalnest/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../../testing";

let api: ApiHarness;
beforeAll(async () => {
  api = await createApiHarness("admin_earning_rules");
});
afterAll(async () => api?.close());

async function setUp() {
  const shop = await api.installShop();
  const credential = { kind: "admin" as const, shop: shop.domain, staffId: "88" };
  return { shop, credential, client: api.client(credential) };
}

function errorMessage(body: unknown): string {
  return String((body as { error?: { message?: unknown } }).error?.message ?? "");
}

async function versionRows(shopId: string, ruleId: number) {
  return api.test.db
    .select()
    .from(schema.earningRuleVersions)
    .where(and(eq(schema.earningRuleVersions.shopId, shopId), eq(schema.earningRuleVersions.ruleId, ruleId)))
    .orderBy(schema.earningRuleVersions.version);
}

async function auditActions(shopId: string) {
  const rows = await api.test.db
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.shopId, shopId), eq(schema.auditLog.entityType, "earning_rule")))
    .orderBy(schema.auditLog.id);
  return rows.map((row) => row.action);
}

describe("admin.earningRules", () => {
  it("creates a purchase rule whose filters the earning engine reads as version 1", async () => {
    const { shop, client } = await setUp();
    const rule = await client.admin.earningRules.create.mutate({
      settings: {
        kind: "purchase",
        filters: { minOrderMinor: 2500, excludedCustomerTags: ["wholesale"], channels: ["online"] },
      },
    });
    expect(rule).toMatchObject({ kind: "purchase", active: true, currentVersion: 1, network: null });
    expect(rule.settings).toEqual({
      kind: "purchase",
      filters: {
        minOrderMinor: 2500,
        productTags: [],
        collectionIds: [],
        excludedCustomerTags: ["wholesale"],
        channels: ["online"],
      },
    });

    const engine = await api.test.db.transaction((tx) => currentRuleVersion(tx, shop.id, "purchase"));
    expect(engine).toMatchObject({ ruleId: rule.id, version: 1 });
    expect(engine!.config.filters).toMatchObject({ minOrderMinor: 2500, channels: ["online"] });
    expect(await auditActions(shop.id)).toEqual(["earning_rule.create"]);
  });

  it("an edit writes a new version and bumps the current one; old versions stay and are listed", async () => {
    const { shop, client } = await setUp();
    const rule = await client.admin.earningRules.create.mutate({
      settings: { kind: "review", points: 100, monthlyLimit: 5 },
    });

    const first = await client.admin.earningRules.update.mutate({
      ruleId: rule.id,
      settings: { kind: "review", points: 150, monthlyLimit: 3 },
    });
    expect(first.changed).toBe(true);
    expect(first.rule).toMatchObject({
      currentVersion: 2,
      settings: { kind: "review", points: 150, monthlyLimit: 3 },
    });
    const again = await client.admin.earningRules.update.mutate({
      ruleId: rule.id,
      settings: { kind: "review", points: 150, monthlyLimit: 3 },
    });
    expect(again).toMatchObject({ changed: false, rule: { currentVersion: 2 } });

    const rows = await versionRows(shop.id, rule.id);
    expect(rows.map((r) => [r.version, r.config, r.createdBy])).toEqual([
      [1, { points: 100, monthlyLimit: 5 }, "88"],
      [2, { points: 150, monthlyLimit: 3 }, "88"],
    ]);

    const history = await client.admin.earningRules.versions.query({ ruleId: rule.id });
    expect(history.versions.map((v) => [v.version, v.current, v.settings])).toEqual([
      [2, true, { kind: "review", points: 150, monthlyLimit: 3 }],
      [1, false, { kind: "review", points: 100, monthlyLimit: 5 }],
    ]);
    const paged = await client.admin.earningRules.versions.query({ ruleId: rule.id, limit: 1 });
    expect(paged.versions.map((v) => v.version)).toEqual([2]);
    expect(paged.nextBeforeVersion).toBe(2);
    const rest = await client.admin.earningRules.versions.query({ ruleId: rule.id, beforeVersion: 2 });
    expect(rest.versions.map((v) => v.version)).toEqual([1]);
    expect(rest.nextBeforeVersion).toBeNull();

    expect(await auditActions(shop.id)).toEqual(["earning_rule.create", "earning_rule.update"]);
  });

  it("switching a rule off makes the engine stop reading it, without a new version", async () => {
    const { shop, client } = await setUp();
    const rule = await client.admin.earningRules.create.mutate({
      settings: { kind: "birthday", points: 300 },
    });
    const off = await client.admin.earningRules.setActive.mutate({ ruleId: rule.id, active: false });
    expect(off).toMatchObject({ active: false, currentVersion: 1 });
    expect(await api.test.db.transaction((tx) => currentRuleVersion(tx, shop.id, "birthday"))).toBeNull();
    await client.admin.earningRules.setActive.mutate({ ruleId: rule.id, active: true });
    expect(await api.test.db.transaction((tx) => currentRuleVersion(tx, shop.id, "birthday"))).toMatchObject({
      ruleId: rule.id,
    });
    expect(await auditActions(shop.id)).toEqual([
      "earning_rule.create",
      "earning_rule.deactivate",
      "earning_rule.activate",
    ]);
  });

  it("lists every rule with its current settings, stored configs read as the engine reads them", async () => {
    const { shop, client } = await setUp();
    // A rule written elsewhere (e.g. the demo seed) with a config the engine falls back on.
    const [legacy] = await api.test.db
      .insert(schema.earningRules)
      .values({ shopId: shop.id, kind: "signup" })
      .returning();
    await api.test.db
      .insert(schema.earningRuleVersions)
      .values({ shopId: shop.id, ruleId: legacy!.id, version: 1, config: { points: "lots" } });
    await client.admin.earningRules.create.mutate({
      settings: { kind: "social", points: 40 },
      network: " Instagram ",
    });
    await client.admin.earningRules.create.mutate({
      settings: { kind: "social", points: 30 },
      network: "tiktok",
    });

    const { items } = await client.admin.earningRules.list.query();
    expect(items.map((r) => [r.kind, r.network, r.settings])).toEqual([
      ["signup", null, { kind: "signup", points: 200 }],
      ["social", "instagram", { kind: "social", points: 40 }],
      ["social", "tiktok", { kind: "social", points: 30 }],
    ]);
    const social = await client.admin.earningRules.list.query({ kind: "social" });
    expect(social.items).toHaveLength(2);
  });

  it("refuses a second rule of a kind (or network), a kind change, and invalid settings with readable 4xx", async () => {
    const { shop, client, credential } = await setUp();
    const rule = await client.admin.earningRules.create.mutate({
      settings: { kind: "newsletter", points: 100 },
    });
    await client.admin.earningRules.create.mutate({
      settings: { kind: "social", points: 50 },
      network: "instagram",
    });

    const duplicate = await api.call({
      path: "admin.earningRules.create",
      type: "mutation",
      input: { settings: { kind: "newsletter", points: 50 } },
      credential,
    });
    expect(duplicate.status).toBe(409);
    expect(errorMessage(duplicate.body)).toContain("newsletter signup rule already exists");
    const sameNetwork = await api.call({
      path: "admin.earningRules.create",
      type: "mutation",
      input: { settings: { kind: "social", points: 50 }, network: "INSTAGRAM" },
      credential,
    });
    expect(sameNetwork.status).toBe(409);

    const cases: [string, unknown, string][] = [
      ["admin.earningRules.create", { settings: { kind: "social", points: 50 } }, "network"],
      ["admin.earningRules.create", { settings: { kind: "signup", points: 50 }, network: "x" }, "network"],
      ["admin.earningRules.create", { settings: { kind: "signup", points: 0 } }, "settings.points"],
      ["admin.earningRules.create", { settings: { kind: "lottery", points: 5 } }, "settings.kind"],
      [
        "admin.earningRules.create",
        { settings: { kind: "purchase", filters: { channels: [] } } },
        "settings.filters.channels",
      ],
      [
        "admin.earningRules.update",
        { ruleId: rule.id, settings: { kind: "review", points: 100, monthlyLimit: 5 } },
        "settings.kind",
      ],
      [
        "admin.earningRules.update",
        { ruleId: rule.id, settings: { kind: "newsletter", points: 1.5 } },
        "settings.points",
      ],
      ["admin.earningRules.versions", { ruleId: -1 }, "ruleId"],
    ];
    for (const [path, input, field] of cases) {
      const type = path.endsWith("versions") ? "query" : "mutation";
      const result = await api.call({ path, type, input, credential });
      expect(result.status, JSON.stringify(input)).toBe(400);
      expect(errorMessage(result.body), JSON.stringify(input)).toContain(field);
    }
    expect((await versionRows(shop.id, rule.id)).length).toBe(1);
  });

  it("another shop's rule is not found by update, setActive or versions, and stays unchanged", async () => {
    const { credential } = await setUp();
    const other = await setUp();
    const theirs = await other.client.admin.earningRules.create.mutate({
      settings: { kind: "signup", points: 200 },
    });

    const calls = [
      {
        path: "admin.earningRules.update",
        type: "mutation" as const,
        input: { ruleId: theirs.id, settings: { kind: "signup", points: 1 } },
      },
      {
        path: "admin.earningRules.setActive",
        type: "mutation" as const,
        input: { ruleId: theirs.id, active: false },
      },
      { path: "admin.earningRules.versions", type: "query" as const, input: { ruleId: theirs.id } },
    ];
    for (const call of calls) {
      const result = await api.call({ ...call, credential });
      expect(result.status, call.path).toBe(404);
      expect(errorMessage(result.body)).toBe(`Earning rule ${theirs.id} does not exist in this shop.`);
    }
    const [after] = (await other.client.admin.earningRules.list.query()).items;
    expect(after).toMatchObject({
      id: theirs.id,
      active: true,
      currentVersion: 1,
      settings: { points: 200 },
    });
    expect(await versionRows(other.shop.id, theirs.id)).toHaveLength(1);
  });
});
