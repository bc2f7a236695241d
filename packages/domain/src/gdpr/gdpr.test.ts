import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildCustomerDataExport,
  buildCustomerRedactionPlan,
  buildShopRedactionPlan,
  CUSTOMER_PII_COLUMNS,
  ERASING_SHOP_SETTING,
  SHOP_TABLES_DELETE_ORDER,
  type Condition,
  type CustomerDataExportInput,
  type PlanStep,
  type UpdateStep,
} from "./index";

const AT = new Date("2026-06-15T12:00:00Z");
const SHOP = "7d6a3c1e-0000-4000-8000-000000000001";

/** Tables and columns as the database has them, from packages/db's migrations. */
function schemaColumns(): Map<string, Set<string>> {
  const dir = new URL("../../../db/drizzle/", import.meta.url);
  const tables = new Map<string, Set<string>>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".sql"))) {
    const sql = readFileSync(new URL(file, dir), "utf8");
    for (const m of sql.matchAll(/CREATE TABLE "(\w+)" \(([\s\S]*?)\n\);/g)) {
      tables.set(m[1]!, new Set([...m[2]!.matchAll(/^\s*"(\w+)"/gm)].map((c) => c[1]!)));
    }
    for (const m of sql.matchAll(/ALTER TABLE "(\w+)" ADD COLUMN "(\w+)"/g)) tables.get(m[1]!)?.add(m[2]!);
  }
  return tables;
}

function conditionColumns(table: string, where: readonly Condition[]): [string, string][] {
  return where.flatMap((c): [string, string][] =>
    c.op === "eq"
      ? [[table, c.column]]
      : [
          [table, c.column],
          [c.select.table, c.select.column],
          ...conditionColumns(c.select.table, c.select.where),
        ],
  );
}

function namesUsed(steps: readonly PlanStep[]): [string, string][] {
  return steps.flatMap((s) => [
    ...conditionColumns(s.table, s.where),
    ...(s.action === "update" ? Object.keys(s.set).map((c): [string, string] => [s.table, c]) : []),
  ]);
}

const exportInput = (): CustomerDataExportInput => ({
  shop: { domain: "demo.myshopify.com", currency: "EUR" },
  generatedAt: AT,
  profile: {
    customerId: 42,
    shopifyCustomerId: 7001,
    email: "ada@example.com",
    firstName: "Ada",
    lastName: "Lovelace",
    phone: "+33100000000",
    birthday: "1990-12-10",
    countryCode: "FR",
    locale: "fr",
    tags: ["vip"],
    membershipStatus: "member",
    joinedAt: new Date("2025-01-01T00:00:00Z"),
    tierName: "Gold",
    tierAchievedAt: new Date("2026-01-01T00:00:00Z"),
    balance: { available: 650, pending: 100, lifetimeEarned: 1_250, lifetimeRedeemed: 500 },
  },
  referralCode: "ABC2DEF",
  ledger: [
    {
      id: 3,
      kind: "redeem",
      amount: -500,
      status: "available",
      sourceType: "redemption",
      sourceId: "9",
      reason: null,
      occurredAt: new Date("2026-03-01T00:00:00Z"),
      availableAt: null,
    },
    {
      id: 1,
      kind: "earn",
      amount: 1_000,
      status: "available",
      sourceType: "order",
      sourceId: "5001",
      reason: null,
      occurredAt: new Date("2026-02-01T00:00:00Z"),
      availableAt: null,
    },
    {
      id: 4,
      kind: "earn",
      amount: 100,
      status: "pending",
      sourceType: "order",
      sourceId: "5002",
      reason: null,
      occurredAt: new Date("2026-06-14T00:00:00Z"),
      availableAt: new Date("2026-06-28T00:00:00Z"),
    },
    {
      id: 2,
      kind: "earn",
      amount: 150,
      status: "available",
      sourceType: "birthday",
      sourceId: null,
      reason: null,
      occurredAt: new Date("2026-02-01T00:00:00Z"),
      availableAt: null,
    },
    {
      id: 5,
      kind: "earn",
      amount: 70,
      status: "void",
      sourceType: "order",
      sourceId: "5003",
      reason: "order cancelled",
      occurredAt: new Date("2026-06-14T00:00:00Z"),
      availableAt: null,
    },
  ],
  redemptions: [
    {
      id: 9,
      rewardName: "€5 off",
      status: "used",
      pointsSpent: 500,
      valueMinor: 500,
      currency: "EUR",
      discountCode: "LN-5OFF-X",
      createdAt: new Date("2026-03-01T00:00:00Z"),
      issuedAt: new Date("2026-03-01T00:00:01Z"),
      usedAt: new Date("2026-03-05T00:00:00Z"),
      expiresAt: new Date("2026-03-31T00:00:00Z"),
      releasedAt: null,
    },
  ],
  referrals: [
    {
      id: 12,
      role: "advocate",
      status: "completed",
      createdAt: new Date("2026-04-01T00:00:00Z"),
      completedAt: new Date("2026-04-03T00:00:00Z"),
      reversedAt: null,
      advocatePointsAwarded: 500,
    },
    {
      id: 3,
      role: "friend",
      status: "completed",
      createdAt: new Date("2024-12-20T00:00:00Z"),
      completedAt: new Date("2025-01-01T00:00:00Z"),
      reversedAt: null,
      advocatePointsAwarded: 500,
    },
  ],
  tierHistory: [
    { fromTierName: "Silver", toTierName: "Gold", reason: "upgrade", at: new Date("2026-01-01T00:00:00Z") },
  ],
  rfm: {
    recencyDays: 1,
    frequency: 4,
    monetaryMinor: 24_000,
    r: 5,
    f: 3,
    m: 4,
    compositeX10: 41,
    segment: "loyal",
    bigSpender: false,
    computedAt: AT,
  },
  consents: { marketingConsent: "subscribed", updatedAt: new Date("2025-01-01T00:00:00Z") },
  notifications: [
    {
      kind: "tier_up",
      channel: "email",
      locale: "fr",
      status: "sent",
      createdAt: new Date("2026-01-01T00:00:00Z"),
      sentAt: new Date("2026-01-01T00:01:00Z"),
    },
  ],
});

describe("GDPR and privacy (§13)", () => {
  it('"`customers/data_request`: assemble everything held about the customer (profile, ledger, redemptions, referrals, tier history, RFM, consents, notifications) into a JSON export the merchant downloads from the admin."', () => {
    const doc = buildCustomerDataExport(exportInput());
    expect(Object.keys(doc)).toEqual([
      "format",
      "version",
      "generatedAt",
      "shop",
      "profile",
      "points",
      "redemptions",
      "referrals",
      "tierHistory",
      "rfm",
      "consents",
      "notifications",
    ]);
    expect(doc).toMatchObject({
      format: "loyalnest.customer-data-export",
      version: 1,
      generatedAt: "2026-06-15T12:00:00.000Z",
    });
    expect(doc.profile).toMatchObject({
      email: "ada@example.com",
      firstName: "Ada",
      birthday: "1990-12-10",
      joinedAt: "2025-01-01T00:00:00.000Z",
    });
    // Ledger in time order (ties by id), and its totals match the balance.
    expect(doc.points.ledger.map((r) => r.id)).toEqual([1, 2, 3, 4, 5]);
    expect(doc.points.ledgerTotals).toEqual({ available: 650, pending: 100 });
    expect(doc.points.balance).toMatchObject({ available: 650, pending: 100 });
    expect(doc.redemptions[0]).toMatchObject({
      discountCode: "LN-5OFF-X",
      usedAt: "2026-03-05T00:00:00.000Z",
    });
    // Referrals: the customer's role only — the friend's reward is not the customer's, the other party is never named.
    expect(doc.referrals).toEqual({
      code: "ABC2DEF",
      history: [
        {
          id: 3,
          role: "friend",
          status: "completed",
          advocatePointsAwarded: 0,
          createdAt: "2024-12-20T00:00:00.000Z",
          completedAt: "2025-01-01T00:00:00.000Z",
          reversedAt: null,
        },
        {
          id: 12,
          role: "advocate",
          status: "completed",
          advocatePointsAwarded: 500,
          createdAt: "2026-04-01T00:00:00.000Z",
          completedAt: "2026-04-03T00:00:00.000Z",
          reversedAt: null,
        },
      ],
    });
    expect(doc.tierHistory).toEqual([
      { fromTierName: "Silver", toTierName: "Gold", reason: "upgrade", at: "2026-01-01T00:00:00.000Z" },
    ]);
    expect(doc.rfm).toMatchObject({
      segment: "loyal",
      compositeX10: 41,
      computedAt: "2026-06-15T12:00:00.000Z",
    });
    expect(doc.consents).toEqual({ marketing: "subscribed", updatedAt: "2025-01-01T00:00:00.000Z" });
    expect(doc.notifications).toHaveLength(1);
    // A JSON document: serialising and parsing it changes nothing.
    expect(JSON.parse(JSON.stringify(doc))).toEqual(doc);
  });

  it('"`customers/redact`: erase the customer\'s personal data (e-mail, names, phone, birthday, address hashes, referral visit fingerprints)"', () => {
    const plan = buildCustomerRedactionPlan({ shopId: SHOP, customerId: 42, emailHash: "eh", at: AT });
    const customerStep = plan.steps.find((s) => s.table === "customers") as UpdateStep;
    expect(customerStep.where).toEqual([
      { column: "shop_id", op: "eq", value: SHOP },
      { column: "id", op: "eq", value: 42 },
    ]);
    for (const column of [
      "email_enc",
      "email_hash",
      "first_name_enc",
      "last_name_enc",
      "phone_enc",
      "birthday_enc",
      "birthday_month",
      "birthday_day",
      "shipping_address_hash",
    ]) {
      expect(customerStep.set[column]).toBeNull();
    }
    expect(customerStep.set).toMatchObject({
      marketing_consent: "redacted",
      tags: [],
      is_tombstone: true,
      redacted_at: AT,
    });
    const visitSteps = plan.steps.filter(
      (s): s is UpdateStep => s.table === "referral_visits" && s.action === "update",
    );
    expect(visitSteps).toHaveLength(2);
    for (const s of visitSteps) expect(s.set).toMatchObject({ ip_hash: null, user_agent_hash: null });
    const orderSteps = plan.steps.filter(
      (s): s is UpdateStep => s.table === "order_summaries" && s.action === "update",
    );
    expect(
      orderSteps.every((s) => s.set.shipping_address_hash === null && s.set.guest_email_hash === null),
    ).toBe(true);
    expect(plan.steps.find((s) => s.table === "referrals")).toMatchObject({
      set: { friend_email_hash: null },
    });
    // Every step is scoped to the shop, and the customer row is redacted last.
    expect(plan.steps.every((s) => s.where[0]?.column === "shop_id")).toBe(true);
    expect(plan.steps.at(-1)?.table).toBe("customers");
    // Without the e-mail hash, the steps that need it are left out.
    const noHash = buildCustomerRedactionPlan({ shopId: SHOP, customerId: 42, emailHash: null, at: AT });
    expect(noHash.steps.length).toBe(plan.steps.length - 2);
  });

  it('"ledger rows stay, attached to an anonymous tombstone, so the shop\'s totals still add up."', () => {
    const plan = buildCustomerRedactionPlan({ shopId: SHOP, customerId: 42, emailHash: "eh", at: AT });
    const touched = new Set(plan.steps.map((s) => s.table));
    for (const kept of ["points_ledger", "point_balances", "redemptions", "rfm_scores"] as const) {
      expect(touched.has(kept)).toBe(false);
      expect(plan.retained.map((r) => r.table)).toContain(kept);
    }
    // The customer row is updated into a tombstone, never deleted (the ledger's foreign key cascades).
    expect(plan.steps.some((s) => s.action === "delete" && s.table === "customers")).toBe(false);
    expect(plan.steps.find((s) => s.table === "customers")).toMatchObject({
      action: "update",
      set: { is_tombstone: true },
    });
  });

  it('"`shop/redact`: delete every row of the shop."', () => {
    const plan = buildShopRedactionPlan({ shopId: SHOP, at: AT });
    const tenantTables = [...schemaColumns()].filter(([, cols]) => cols.has("shop_id")).map(([t]) => t);
    const tenantSteps = plan.steps.filter((s) => s.action === "delete" && s.table !== "shops");
    expect(tenantSteps.map((s) => s.table).sort()).toEqual([...tenantTables].sort());
    expect(tenantSteps.every((s) => s.where.length === 1 && s.where[0]!.column === "shop_id")).toBe(true);
    // The ledger's append-only trigger allows the deletes only under this setting.
    expect(plan.sessionSettings).toEqual([{ name: ERASING_SHOP_SETTING, value: SHOP }]);
    // Children before parents where the foreign key does not cascade.
    const pos = (t: string) => SHOP_TABLES_DELETE_ORDER.indexOf(t as never);
    expect(pos("redemptions")).toBeLessThan(pos("rewards"));
    expect(pos("vip_tiers")).toBeLessThan(pos("rewards"));
    expect(pos("points_ledger")).toBeLessThan(pos("customers"));
    // Last, the shop row itself: no row of the shop remains.
    expect(plan.steps.at(-1)).toMatchObject({ action: "delete", table: "shops", where: [{ column: "id" }] });
  });

  it("every table and column a plan names exists in the database schema (packages/db)", () => {
    const schema = schemaColumns();
    expect(schema.size).toBeGreaterThan(20);
    const customerPlan = buildCustomerRedactionPlan({
      shopId: SHOP,
      customerId: 42,
      emailHash: "eh",
      at: AT,
    });
    const plans = [customerPlan, buildShopRedactionPlan({ shopId: SHOP, at: AT })];
    for (const [table, column] of plans.flatMap((p) => namesUsed(p.steps))) {
      expect(schema.get(table), `table ${table}`).toBeDefined();
      expect(schema.get(table)!.has(column), `${table}.${column}`).toBe(true);
    }
    for (const r of customerPlan.retained) expect(schema.has(r.table)).toBe(true);
    for (const column of CUSTOMER_PII_COLUMNS) expect(schema.get("customers")!.has(column)).toBe(true);
  });
});

describe("GDPR invariants (property-based)", () => {
  it("the export's ledger totals always equal the sum of non-void rows, and extra row fields never leak", () => {
    const row = fc.record({
      id: fc.nat(1_000),
      amount: fc.integer({ min: -5_000, max: 5_000 }).filter((a) => a !== 0),
      status: fc.constantFrom("pending" as const, "available" as const, "void" as const),
      at: fc.integer({ min: 0, max: 2_000_000_000_000 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const input = exportInput();
        input.ledger = rows.map((r) => ({
          id: r.id,
          kind: "adjust",
          amount: r.amount,
          status: r.status,
          sourceType: "staff",
          sourceId: null,
          reason: null,
          occurredAt: new Date(r.at),
          availableAt: null,
          // a careless caller passing the whole database row
          idempotencyKey: "secret-key",
          emailHash: "secret-hash",
        }));
        input.rfm = { ...input.rfm!, ...{ shopId: "secret-shop" } };
        const doc = buildCustomerDataExport(input);
        const sum = (s: string) => rows.filter((r) => r.status === s).reduce((t, r) => t + r.amount, 0);
        expect(doc.points.ledgerTotals).toEqual({ available: sum("available"), pending: sum("pending") });
        const text = JSON.stringify(doc);
        expect(text).not.toContain("secret");
        const times = doc.points.ledger.map((r) => Date.parse(r.occurredAt));
        expect(times).toEqual([...times].sort((a, b) => a - b));
      }),
    );
  });
});
