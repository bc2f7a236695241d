import { campaignsActiveAt, schema } from "@loyalnest/db";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiHarness, type ApiHarness } from "../../../testing";

let api: ApiHarness;
beforeAll(async () => {
  api = await createApiHarness("admin_campaigns");
});
afterAll(async () => api?.close());

const DAY = 86_400_000;
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString();

async function setUp() {
  const shop = await api.installShop();
  const credential = { kind: "admin" as const, shop: shop.domain, staffId: "99" };
  const [gold] = await api.test.db
    .insert(schema.vipTiers)
    .values({ shopId: shop.id, name: "Gold", threshold: 1000 })
    .returning();
  return { shop, credential, gold: gold!, client: api.client(credential) };
}

function errorMessage(body: unknown): string {
  return String((body as { error?: { message?: unknown } }).error?.message ?? "");
}

async function versionRows(shopId: string, campaignId: number) {
  return api.test.db
    .select()
    .from(schema.campaignVersions)
    .where(
      and(eq(schema.campaignVersions.shopId, shopId), eq(schema.campaignVersions.campaignId, campaignId)),
    )
    .orderBy(schema.campaignVersions.version);
}

async function campaignRow(shopId: string, id: number) {
  const [row] = await api.test.db
    .select()
    .from(schema.campaigns)
    .where(and(eq(schema.campaigns.shopId, shopId), eq(schema.campaigns.id, id)));
  return row!;
}

describe("admin.campaigns", () => {
  it("creates a running multiplier campaign for a tier that the engine picks up, as version 1", async () => {
    const { shop, client, gold } = await setUp();
    const campaign = await client.admin.campaigns.create.mutate({
      name: "Gold double points",
      type: "multiplier",
      multiplierBp: 20_000,
      startsAt: iso(-1),
      endsAt: iso(2),
      target: { tierIds: [gold.id] },
    });
    expect(campaign).toMatchObject({
      status: "active",
      currentVersion: 1,
      multiplierBp: 20_000,
      bonusPoints: null,
    });
    expect(campaign.target).toEqual({ tierIds: [gold.id], segments: [], countries: [], customerTags: [] });

    const engine = await api.test.db.transaction((tx) => campaignsActiveAt(tx, shop.id, new Date()));
    expect(engine).toEqual([
      expect.objectContaining({
        id: String(campaign.id),
        type: "multiplier",
        multiplierBp: 20_000,
        version: 1,
      }),
    ]);
    expect(engine[0]!.target).toEqual({ kind: "tiers", tierIds: [String(gold.id)] });

    const [v1] = await versionRows(shop.id, campaign.id);
    expect(v1).toMatchObject({
      version: 1,
      createdBy: "99",
      snapshot: { name: "Gold double points", multiplierBp: 20_000 },
    });
    const [audit] = await api.test.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.shopId, shop.id), eq(schema.auditLog.entityType, "campaign")));
    expect(audit).toMatchObject({ action: "campaign.create", entityId: String(campaign.id), actorId: "99" });
  });

  it("an update writes the next version; old versions stay and get shows the history", async () => {
    const { shop, client } = await setUp();
    const created = await client.admin.campaigns.create.mutate({
      name: "Black Friday",
      type: "fixed_bonus",
      bonusPoints: 200,
      minOrderMinor: 10_000,
      startsAt: iso(10),
      endsAt: iso(13),
      target: { countries: ["us", "CA"] },
    });
    expect(created).toMatchObject({ status: "upcoming", target: { countries: ["US", "CA"] } });

    const { campaign, changed } = await client.admin.campaigns.update.mutate({
      campaignId: created.id,
      bonusPoints: 300,
      target: { segments: ["champions", "loyal"] },
    });
    expect(changed).toBe(true);
    expect(campaign).toMatchObject({ currentVersion: 2, bonusPoints: 300, minOrderMinor: 10_000 });
    expect(campaign.target).toEqual({
      tierIds: [],
      segments: ["champions", "loyal"],
      countries: [],
      customerTags: [],
    });

    // Switching type drops the other type's fields.
    const switched = await client.admin.campaigns.update.mutate({
      campaignId: created.id,
      type: "multiplier",
      multiplierBp: 15_000,
    });
    expect(switched.campaign).toMatchObject({
      currentVersion: 3,
      type: "multiplier",
      bonusPoints: null,
      minOrderMinor: null,
    });
    const same = await client.admin.campaigns.update.mutate({ campaignId: created.id, name: "Black Friday" });
    expect(same).toMatchObject({ changed: false, campaign: { currentVersion: 3 } });

    const rows = await versionRows(shop.id, created.id);
    expect(rows.map((r) => [r.version, (r.snapshot as { bonusPoints: number | null }).bonusPoints])).toEqual([
      [1, 200],
      [2, 300],
      [3, null],
    ]);
    const detail = await client.admin.campaigns.get.query({ campaignId: created.id });
    expect(detail.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(detail.versions[2]!.snapshot).toMatchObject({
      type: "fixed_bonus",
      bonusPoints: 200,
      target: { countries: ["US", "CA"] },
    });
  });

  it("lists by status and archives softly (an archived campaign no longer runs or edits)", async () => {
    const { shop, client, credential } = await setUp();
    const running = await client.admin.campaigns.create.mutate({
      name: "Running",
      type: "multiplier",
      multiplierBp: 12_500,
      startsAt: iso(-1),
      endsAt: iso(1),
    });
    const upcoming = await client.admin.campaigns.create.mutate({
      name: "Upcoming",
      type: "multiplier",
      multiplierBp: 12_500,
      startsAt: iso(5),
      endsAt: iso(6),
    });
    const ended = await client.admin.campaigns.create.mutate({
      name: "Ended",
      type: "fixed_bonus",
      bonusPoints: 50,
      startsAt: iso(-10),
      endsAt: iso(-5),
    });
    const names = async (status: "all" | "active" | "upcoming" | "ended" | "archived") =>
      (await client.admin.campaigns.list.query({ status })).items.map((c) => c.name);
    expect(await names("all")).toEqual(["Ended", "Upcoming", "Running"]);
    expect(await names("active")).toEqual(["Running"]);
    expect(await names("upcoming")).toEqual(["Upcoming"]);
    expect(await names("ended")).toEqual(["Ended"]);

    const archived = await client.admin.campaigns.archive.mutate({ campaignId: running.id });
    expect(archived).toMatchObject({ status: "archived", active: false });
    expect(archived.archivedAt).not.toBeNull();
    expect(await names("active")).toEqual([]);
    expect(await names("archived")).toEqual(["Running"]);
    expect(await api.test.db.transaction((tx) => campaignsActiveAt(tx, shop.id, new Date()))).toEqual([]);
    // Still there (the ledger may reference it), with its version history.
    expect(await versionRows(shop.id, running.id)).toHaveLength(1);

    const edit = await api.call({
      path: "admin.campaigns.update",
      type: "mutation",
      input: { campaignId: running.id, name: "Revived" },
      credential,
    });
    expect(edit.status).toBe(409);
    expect(errorMessage(edit.body)).toContain("archived");

    const page = await client.admin.campaigns.list.query({ status: "all", limit: 1 });
    expect(page.items.map((c) => c.id)).toEqual([ended.id]);
    const next = await client.admin.campaigns.list.query({
      status: "all",
      limit: 1,
      cursor: page.nextCursor!,
    });
    expect(next.items.map((c) => c.id)).toEqual([upcoming.id]);
  });

  it("refuses invalid campaigns with a 400 naming the field, and creates nothing", async () => {
    const { shop, credential } = await setUp();
    const base = {
      name: "Promo",
      type: "multiplier",
      multiplierBp: 20_000,
      startsAt: iso(1),
      endsAt: iso(2),
    };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, endsAt: iso(0) }, "endsAt"],
      [{ ...base, multiplierBp: 10_000 }, "multiplierBp"],
      [{ ...base, multiplierBp: undefined }, "multiplierBp"],
      [{ ...base, bonusPoints: 100 }, "bonusPoints"],
      [{ ...base, type: "fixed_bonus", multiplierBp: undefined }, "bonusPoints"],
      [{ ...base, startsAt: "next friday" }, "startsAt"],
      [{ ...base, target: { countries: ["USA"] } }, "target.countries"],
      [{ ...base, target: { segments: ["whales"] } }, "target.segments"],
      [{ ...base, target: { countries: ["US"], customerTags: ["vip"] } }, "target"],
      [{ ...base, name: "" }, "name"],
    ];
    for (const [input, field] of cases) {
      const result = await api.call({ path: "admin.campaigns.create", type: "mutation", input, credential });
      expect(result.status, JSON.stringify(input)).toBe(400);
      expect(errorMessage(result.body), JSON.stringify(input)).toContain(field);
    }
    const created = await api.call({
      path: "admin.campaigns.create",
      type: "mutation",
      input: base,
      credential,
    });
    expect(created.status).toBe(200);
    const id = (created.body as { result: { data: { id: number } } }).result.data.id;
    const badEdit = await api.call({
      path: "admin.campaigns.update",
      type: "mutation",
      input: { campaignId: id, endsAt: iso(0.5) },
      credential,
    });
    expect(badEdit.status).toBe(400);
    expect(errorMessage(badEdit.body)).toContain("endsAt: the campaign must end after it starts");
    expect((await campaignRow(shop.id, id)).currentVersion).toBe(1);
    const rows = await api.test.db
      .select()
      .from(schema.campaigns)
      .where(eq(schema.campaigns.shopId, shop.id));
    expect(rows).toHaveLength(1);
  });

  it("another shop's campaign or tier is not found, and nothing of theirs changes", async () => {
    const { credential } = await setUp();
    const other = await setUp();
    const theirs = await other.client.admin.campaigns.create.mutate({
      name: "Theirs",
      type: "multiplier",
      multiplierBp: 20_000,
      startsAt: iso(1),
      endsAt: iso(2),
    });
    const before = await campaignRow(other.shop.id, theirs.id);
    const calls = [
      { path: "admin.campaigns.get", type: "query" as const, input: { campaignId: theirs.id } },
      {
        path: "admin.campaigns.update",
        type: "mutation" as const,
        input: { campaignId: theirs.id, name: "Mine" },
      },
      { path: "admin.campaigns.archive", type: "mutation" as const, input: { campaignId: theirs.id } },
    ];
    for (const call of calls) {
      const result = await api.call({ ...call, credential });
      expect(result.status, call.path).toBe(404);
      expect(errorMessage(result.body)).toBe(`Campaign ${theirs.id} does not exist in this shop.`);
    }
    const targeted = await api.call({
      path: "admin.campaigns.create",
      type: "mutation",
      input: {
        name: "X",
        type: "multiplier",
        multiplierBp: 20_000,
        startsAt: iso(1),
        endsAt: iso(2),
        target: { tierIds: [other.gold.id] },
      },
      credential,
    });
    expect(targeted.status).toBe(404);
    expect(errorMessage(targeted.body)).toBe(`Tier ${other.gold.id} does not exist in this shop.`);
    expect(await campaignRow(other.shop.id, theirs.id)).toEqual(before);
    expect(await versionRows(other.shop.id, theirs.id)).toHaveLength(1);
  });
});
