import { emailBlindIndex, encryptPii, schema } from "@loyalnest/db";
import { insertTestCustomer } from "@loyalnest/db/testing";
import { QUEUES } from "@loyalnest/queue";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachJobQueue, createApiHarness, type ApiHarness } from "../../../testing";

const NOW = new Date("2025-03-15T12:00:00Z");

let api: ApiHarness;
beforeAll(async () => {
  api = await createApiHarness("admin_rfm", { deps: { now: () => NOW } });
});
afterAll(async () => api?.close());

const adminOf = (domain: string) => api.client({ kind: "admin", shop: domain, staffId: "77" });

async function auditRows(shopId: string) {
  return api.test.db.select().from(schema.auditLog).where(eq(schema.auditLog.shopId, shopId));
}

const DEFAULT_BANDS = {
  recencyDays: [7, 30, 60, 90],
  frequency: [1, 3, 5, 10],
  monetaryAovBp: [5000, 10000, 20000, 50000],
};

describe("admin.rfm.settings", () => {
  it("shows the §11 defaults until the merchant saves settings", async () => {
    const shop = await api.installShop();
    const settings = await adminOf(shop.domain).admin.rfm.settings.get.query();
    expect(settings).toEqual({
      mode: "bands",
      preset: "default",
      windowDays: 365,
      bands: DEFAULT_BANDS,
      customBands: DEFAULT_BANDS,
      weights: { rBp: 4000, fBp: 3000, mBp: 3000 },
      isDefault: true,
      updatedAt: null,
    });
  });

  it("saves edited bands as the custom preset, with an audit row of what changed", async () => {
    const shop = await api.installShop();
    const other = await api.installShop();
    const client = adminOf(shop.domain).admin.rfm.settings;
    const bands = {
      recencyDays: [10, 40, 80, 120],
      frequency: [1, 2, 4, 8],
      monetaryAovBp: [4000, 9000, 15000, 30000],
    };

    const saved = await client.update.mutate({
      bands,
      windowDays: null,
      weights: { rBp: 5000, fBp: 2500, mBp: 2500 },
    });

    expect(saved).toMatchObject({
      mode: "bands",
      preset: "custom",
      windowDays: null,
      bands,
      customBands: bands,
      weights: { rBp: 5000, fBp: 2500, mBp: 2500 },
      isDefault: false,
      updatedAt: NOW.toISOString(),
    });
    expect(await client.get.query()).toEqual(saved);
    const [row] = await api.test.db
      .select()
      .from(schema.rfmSettings)
      .where(eq(schema.rfmSettings.shopId, shop.id));
    expect(row).toMatchObject({
      preset: "custom",
      windowDays: null,
      recencyBandsDays: [10, 40, 80, 120],
      weightRBp: 5000,
    });
    const audit = await auditRows(shop.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "rfm.settings.updated",
      entityType: "rfm_settings",
      actorType: "staff",
      actorId: "77",
      changes: {
        preset: { from: "default", to: "custom" },
        windowDays: { from: 365, to: null },
        recencyBandsDays: { from: [7, 30, 60, 90], to: [10, 40, 80, 120] },
        frequencyBands: { from: [1, 3, 5, 10], to: [1, 2, 4, 8] },
        monetaryBandsAovBp: { from: [5000, 10000, 20000, 50000], to: [4000, 9000, 15000, 30000] },
        weightRBp: { from: 4000, to: 5000 },
        weightFBp: { from: 3000, to: 2500 },
        weightMBp: { from: 3000, to: 2500 },
      },
    });
    // The other shop still has the defaults and no audit row.
    expect((await adminOf(other.domain).admin.rfm.settings.get.query()).isDefault).toBe(true);
    expect(await auditRows(other.id)).toHaveLength(0);
  });

  it("switching to the subscription preset applies its recency bands and keeps the custom ones for later", async () => {
    const shop = await api.installShop();
    const client = adminOf(shop.domain).admin.rfm.settings;
    const custom = {
      recencyDays: [3, 9, 27, 81],
      frequency: [1, 3, 5, 10],
      monetaryAovBp: [5000, 10000, 20000, 50000],
    };
    await client.update.mutate({ bands: custom });

    const subscription = await client.update.mutate({ preset: "subscription", mode: "quintile" });
    expect(subscription).toMatchObject({
      preset: "subscription",
      mode: "quintile",
      bands: { ...DEFAULT_BANDS, recencyDays: [14, 45, 90, 180] },
      customBands: custom,
    });
    const back = await client.update.mutate({ preset: "custom" });
    expect(back.bands).toEqual(custom);
    expect(await auditRows(shop.id)).toHaveLength(3);
  });

  it("refuses invalid settings with a readable 400 and changes nothing", async () => {
    const shop = await api.installShop();
    const credential = { kind: "admin", shop: shop.domain } as const;
    const update = (input: unknown) =>
      api.call({ path: "admin.rfm.settings.update", type: "mutation", credential, input });
    const cases: [unknown, string][] = [
      [
        { bands: { ...DEFAULT_BANDS, recencyDays: [30, 7, 60, 90] } },
        "Recency band edges must go strictly up",
      ],
      [{ bands: { ...DEFAULT_BANDS, frequency: [1, 3, 5] } }, "four band edges"],
      [{ weights: { rBp: 5000, fBp: 3000, mBp: 3000 } }, "must add up to 100%"],
      [{ bands: DEFAULT_BANDS, preset: "subscription" }, "only be edited with the custom preset"],
      [{}, "Change at least one setting"],
      [{ windowDays: 0 }, "windowDays"],
      [{ windowDays: 1e12 }, "windowDays"],
      [{ mode: "x".repeat(10_000) }, "mode"],
      [{ shopId: "another" }, "shopId"],
    ];
    for (const [input, message] of cases) {
      const result = await update(input);
      expect(result.status, JSON.stringify(input).slice(0, 100)).toBe(400);
      expect(JSON.stringify(result.body)).toContain(message);
    }
    expect(
      await api.test.db.select().from(schema.rfmSettings).where(eq(schema.rfmSettings.shopId, shop.id)),
    ).toEqual([]);
    expect(await auditRows(shop.id)).toHaveLength(0);
  });
});

describe("admin.rfm.settings with a job queue", () => {
  let detach: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ detach } = await attachJobQueue(api));
  });
  afterAll(async () => detach?.());

  const rescoresOf = (shopId: string) =>
    api.test.sql<{ state: string }[]>`
      select state from pgboss.job where name = ${QUEUES.rfmRescore} and data->>'shopId' = ${shopId}`;

  it("a save asks the worker to rescore the shop now; a burst of saves queues one rescore", async () => {
    const shop = await api.installShop();
    const other = await api.installShop();
    const client = adminOf(shop.domain).admin.rfm.settings;

    await client.update.mutate({ preset: "subscription" });
    await client.update.mutate({ windowDays: 180 });
    await client.update.mutate({ windowDays: 90 });

    expect(await rescoresOf(shop.id)).toEqual([{ state: "created" }]);
    expect(await rescoresOf(other.id)).toEqual([]);
  });

  it("a refused save queues nothing", async () => {
    const shop = await api.installShop();
    const result = await api.call({
      path: "admin.rfm.settings.update",
      type: "mutation",
      credential: { kind: "admin", shop: shop.domain },
      input: { weights: { rBp: 5000, fBp: 3000, mBp: 3000 } },
    });
    expect(result.status).toBe(400);
    expect(await rescoresOf(shop.id)).toEqual([]);
  });
});

describe("admin.rfm.export", () => {
  async function scored(
    shopId: string,
    email: string | null,
    score: Partial<typeof schema.rfmScores.$inferInsert> & {
      segment: typeof schema.rfmScores.$inferInsert.segment;
    },
    overrides: Parameters<typeof insertTestCustomer>[2] = {},
  ) {
    const keyring = api.deps.keyring;
    const customer = await insertTestCustomer(api.test.db, shopId, {
      ...(email
        ? {
            emailEnc: encryptPii(keyring, email, "customers.email"),
            emailHash: emailBlindIndex(keyring, email),
          }
        : {}),
      rfmSegment: score.segment,
      ...overrides,
    });
    await api.test.db.insert(schema.rfmScores).values({
      shopId,
      customerId: customer.id,
      recencyDays: 3,
      frequency: 12,
      monetaryMinor: 250_000,
      r: 5,
      f: 5,
      m: 5,
      compositeX10: 50,
      bigSpender: true,
      computedAt: NOW,
      ...score,
    });
    return customer;
  }

  it("exports one segment's customers with decrypted e-mails and scores, and audits the export", async () => {
    const shop = await api.installShop({ timezone: "Pacific/Auckland" });
    const other = await api.installShop();
    const ana = await scored(shop.id, "ana@example.com", { segment: "champions" });
    const bob = await scored(shop.id, '=HYPERLINK("x"),bob@example.com', {
      segment: "champions",
      r: 5,
      f: 4,
      m: 4,
      compositeX10: 46,
      bigSpender: false,
      recencyDays: 6,
      frequency: 5,
      monetaryMinor: 80_000,
    });
    const noEmail = await scored(shop.id, null, { segment: "champions", bigSpender: false });
    await scored(shop.id, "loyal@example.com", { segment: "loyal" });
    await scored(shop.id, null, { segment: "champions" }, { isTombstone: true });
    await scored(other.id, "neighbour@example.com", { segment: "champions" });

    const result = await adminOf(shop.domain).admin.rfm.export.mutate({ segment: "champions" });

    expect(result).toMatchObject({
      segment: "champions",
      // Mar 16 already in Auckland.
      filename: "rfm-champions-2025-03-16.csv",
      rows: 3,
      truncated: false,
      maxRows: 10_000,
      generatedAt: NOW.toISOString(),
    });
    expect(result.csv.split("\r\n")).toEqual([
      "shopify_customer_id,email,segment,recency_score,frequency_score,monetary_score,composite_score,big_spender,days_since_last_order,orders,net_spend_minor,currency",
      `${ana.shopifyCustomerId},ana@example.com,champions,5,5,5,5.0,yes,3,12,250000,USD`,
      // A formula is neutralised and the cell quoted.
      `${bob.shopifyCustomerId},"'=HYPERLINK(""x""),bob@example.com",champions,5,4,4,4.6,no,6,5,80000,USD`,
      `${noEmail.shopifyCustomerId},,champions,5,5,5,5.0,no,3,12,250000,USD`,
      "",
    ]);

    const bigSpenders = await adminOf(shop.domain).admin.rfm.export.mutate({
      segment: "champions",
      bigSpendersOnly: true,
    });
    expect(bigSpenders).toMatchObject({ rows: 1, filename: "rfm-champions-big-spenders-2025-03-16.csv" });

    const audit = await api.test.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.shopId, shop.id), eq(schema.auditLog.action, "rfm.segment.exported")));
    expect(audit.map((a) => [a.entityType, a.entityId, a.actorId, a.changes])).toEqual([
      ["rfm_segment", "champions", "77", { rows: 3, truncated: false, bigSpendersOnly: false }],
      ["rfm_segment", "champions", "77", { rows: 1, truncated: false, bigSpendersOnly: true }],
    ]);
    expect(JSON.stringify(audit)).not.toContain("example.com");
  });

  it("stops at 10,000 rows and says the file is truncated", async () => {
    const shop = await api.installShop();
    await api.test.db.execute(sql`
      with made as (
        insert into customers (shop_id, shopify_customer_id, rfm_segment)
        select ${shop.id}::uuid, 5000000 + n, 'hibernating' from generate_series(1, 10001) as n
        returning id
      )
      insert into rfm_scores (shop_id, customer_id, recency_days, frequency, monetary_minor, r, f, m, composite_x_10, segment, big_spender, computed_at)
      select ${shop.id}::uuid, id, 200, 1, 1000, 1, 1, 1, 10, 'hibernating', false, now() from made`);

    const result = await adminOf(shop.domain).admin.rfm.export.mutate({ segment: "hibernating" });

    expect(result).toMatchObject({ rows: 10_000, truncated: true });
    const lines = result.csv.trimEnd().split("\r\n");
    expect(lines).toHaveLength(10_001);
    expect(lines[1]).toBe("5000001,,hibernating,1,1,1,1.0,no,200,1,1000,USD");
  });

  it("refuses an unknown segment with a 400", async () => {
    const shop = await api.installShop();
    const result = await api.call({
      path: "admin.rfm.export",
      type: "mutation",
      credential: { kind: "admin", shop: shop.domain },
      input: { segment: "whales" },
    });
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toContain("segment");
  });
});
