import { schema } from "@loyalnest/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../../testing";

let api: ApiHarness;
beforeAll(async () => {
  api = await createApiHarness("admin_settings");
});
afterAll(async () => api?.close());

async function setUp() {
  const shop = await api.installShop();
  const credential = { kind: "admin" as const, shop: shop.domain, staffId: "77" };
  return { shop, credential, client: api.client(credential) };
}

async function settingsRow(shopId: string) {
  const [row] = await api.test.db
    .select()
    .from(schema.shopSettings)
    .where(eq(schema.shopSettings.shopId, shopId));
  return row!;
}

async function auditRows(shopId: string) {
  return api.test.db
    .select()
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.shopId, shopId), eq(schema.auditLog.entityType, "shop_settings")));
}

function errorMessage(body: unknown): string {
  return String((body as { error?: { message?: unknown } }).error?.message ?? "");
}

describe("admin.settings.get", () => {
  it("shows the typed settings and the config sections with their defaults", async () => {
    const { client } = await setUp();
    const settings = await client.admin.settings.get.query();
    expect(settings).toMatchObject({
      currency: "USD",
      programmeEnabled: true,
      earnPoints: 10,
      earnPerMinor: 100,
      expiryPolicy: "none",
      holdoutBp: 0,
      configVersion: 1,
    });
    expect(settings.config.branding.launcherText).toBe("Rewards");
    expect(settings.config.referrals.advocateReward).toEqual({ type: "points", points: 500 });
    expect(settings.config.languages.enabled).toEqual(["en"]);
  });

  it("reads a config section that no longer validates as its defaults, keeping the others", async () => {
    const { shop, client } = await setUp();
    await api.test.db
      .update(schema.shopSettings)
      .set({
        config: {
          branding: { primaryColor: "not a colour" },
          referrals: { fraudScoreThreshold: 80 },
        } as never,
      })
      .where(eq(schema.shopSettings.shopId, shop.id));
    const settings = await client.admin.settings.get.query();
    expect(settings.config.branding.primaryColor).toBe("#5c6ac4");
    expect(settings.config.referrals.fraudScoreThreshold).toBe(80);
  });
});

describe("admin.settings.update", () => {
  it("changes only the fields sent, merges config sections, bumps the version and audits the changes", async () => {
    const { shop, client } = await setUp();
    const { settings, changed } = await client.admin.settings.update.mutate({
      expectedConfigVersion: 1,
      earnPoints: 5,
      earnPerMinor: 100,
      expiryPolicy: "inactivity",
      expiryInactivityDays: 365,
      holdoutBp: 500,
      pointsNamePlural: "stars",
      config: {
        branding: { primaryColor: "#112233" },
        languages: { enabled: ["en", "fr"], overrides: { fr: { "widget.title": "Mes étoiles" } } },
        notifications: { tierUp: false, senderName: "The Shop" },
      },
    });

    expect(changed.sort()).toEqual(
      [
        "config.branding.primaryColor",
        "config.languages.enabled",
        "config.languages.overrides",
        "config.notifications.senderName",
        "config.notifications.tierUp",
        "earnPoints",
        "expiryPolicy",
        "holdoutBp",
        "pointsNamePlural",
      ].sort(),
    );
    expect(settings).toMatchObject({
      earnPoints: 5,
      expiryPolicy: "inactivity",
      holdoutBp: 500,
      configVersion: 2,
    });
    // Untouched keys of a section keep their values.
    expect(settings.config.branding).toMatchObject({
      primaryColor: "#112233",
      accentColor: "#ffffff",
      launcherText: "Rewards",
    });

    const row = await settingsRow(shop.id);
    expect(row).toMatchObject({ earnPoints: 5, holdoutBp: 500, pointsNamePlural: "stars", configVersion: 2 });
    expect(row.config.languages.overrides).toEqual({ fr: { "widget.title": "Mes étoiles" } });
    expect(row.config.notifications).toMatchObject({
      tierUp: false,
      senderName: "The Shop",
      pointsEarned: true,
    });

    const [audit] = await auditRows(shop.id);
    expect(audit).toMatchObject({ action: "settings.update", actorType: "staff", actorId: "77" });
    expect(audit!.changes).toMatchObject({
      earnPoints: { from: 10, to: 5 },
      holdoutBp: { from: 0, to: 500 },
      configVersion: { from: 1, to: 2 },
      "config.languages.overrides": { changedLocales: ["fr"] },
    });
    // The override texts themselves are not copied into the audit log.
    expect(JSON.stringify(audit!.changes)).not.toContain("Mes étoiles");

    // Clearing: a null sender name and an empty locale map remove them.
    await client.admin.settings.update.mutate({
      config: { notifications: { senderName: null }, languages: { overrides: { fr: {} } } },
    });
    const cleared = await settingsRow(shop.id);
    expect(cleared.config.notifications.senderName).toBeUndefined();
    expect(cleared.config.languages.overrides).toEqual({});
    expect(cleared.configVersion).toBe(3);
  });

  it("an update that changes nothing writes nothing", async () => {
    const { shop, client } = await setUp();
    const { changed, settings } = await client.admin.settings.update.mutate({
      earnPoints: 10,
      config: { branding: {} },
    });
    expect(changed).toEqual([]);
    expect(settings.configVersion).toBe(1);
    expect(await auditRows(shop.id)).toHaveLength(0);
  });

  it("refuses out-of-range values with a 400 naming the field, and changes nothing", async () => {
    const { shop, credential } = await setUp();
    const before = await settingsRow(shop.id);
    const cases: [unknown, string][] = [
      [{ holdoutBp: 6000 }, "holdoutBp"],
      [{ earnPerMinor: 0 }, "earnPerMinor"],
      [{ pointsNameSingular: "x".repeat(41) }, "pointsNameSingular"],
      [{ config: { branding: { primaryColor: "red" } } }, "config.branding.primaryColor"],
      [{ config: { languages: { enabled: ["xx"] } } }, "config.languages.enabled"],
      [{ expiryWarningDays: 400 }, "expiryWarningDays"],
      [{ shopId: "someone-else" }, "shopId"],
    ];
    for (const [input, field] of cases) {
      const result = await api.call({ path: "admin.settings.update", type: "mutation", input, credential });
      expect(result.status, JSON.stringify(input)).toBe(400);
      expect(errorMessage(result.body)).toContain(field);
    }
    // A warning that would come after the expiry itself.
    const late = await api.call({
      path: "admin.settings.update",
      type: "mutation",
      input: { expiryInactivityDays: 20, expiryWarningDays: 30 },
      credential,
    });
    expect(late.status).toBe(400);
    expect(errorMessage(late.body)).toMatch(/^expiryWarningDays: /);
    expect(await settingsRow(shop.id)).toEqual(before);
  });

  it("refuses a stale form (expectedConfigVersion) with 409", async () => {
    const { shop, client, credential } = await setUp();
    await client.admin.settings.update.mutate({ earnPoints: 20 });
    const stale = await api.call({
      path: "admin.settings.update",
      type: "mutation",
      input: { expectedConfigVersion: 1, earnPoints: 30 },
      credential,
    });
    expect(stale.status).toBe(409);
    expect(errorMessage(stale.body)).toContain("changed by someone else");
    expect((await settingsRow(shop.id)).earnPoints).toBe(20);
  });

  it("referral rewards must be this shop's: another shop's reward id is not found and nothing changes", async () => {
    const { shop, client, credential } = await setUp();
    const other = await api.installShop();
    const [theirs] = await api.test.db
      .insert(schema.rewards)
      .values({
        shopId: other.id,
        name: "$5 off",
        type: "fixed_amount",
        pointsCost: 500,
        valueMinor: 500,
        currency: "USD",
      })
      .returning();
    const [ours] = await api.test.db
      .insert(schema.rewards)
      .values({ shopId: shop.id, name: "10% off", type: "percentage", pointsCost: 800, percentBp: 1000 })
      .returning();

    const refused = await api.call({
      path: "admin.settings.update",
      type: "mutation",
      input: {
        config: {
          referrals: { friendRewardId: theirs!.id, advocateReward: { type: "reward", rewardId: ours!.id } },
        },
      },
      credential,
    });
    expect(refused.status).toBe(404);
    expect(errorMessage(refused.body)).toContain(`Reward ${theirs!.id} does not exist in this shop`);
    expect((await settingsRow(shop.id)).configVersion).toBe(1);

    const { settings } = await client.admin.settings.update.mutate({
      config: { referrals: { friendRewardId: ours!.id, fraudScoreThreshold: 70 } },
    });
    expect(settings.config.referrals).toMatchObject({
      friendRewardId: ours!.id,
      fraudScoreThreshold: 70,
      enabled: true,
    });
  });

  it("refuses a caller without a valid session token", async () => {
    const { shop } = await setUp();
    const none = await api.call({ path: "admin.settings.get", type: "query", credential: { kind: "none" } });
    expect(none.status).toBe(401);
    const forged = await api.call({
      path: "admin.settings.update",
      type: "mutation",
      input: { holdoutBp: 100 },
      credential: { kind: "admin", shop: shop.domain },
      tampering: "forged",
    });
    expect(forged.status).toBe(401);
    expect((await settingsRow(shop.id)).holdoutBp).toBe(0);
  });
});
