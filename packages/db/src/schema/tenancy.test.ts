import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase("tenancy");
});
afterAll(() => test.drop());

const REQUIRED_TABLES = [
  "customer_metafield_sync",
  "shops",
  "shopify_sessions",
  "shop_settings",
  "customers",
  "points_ledger",
  "ledger_refusals",
  "point_balances",
  "rewards",
  "redemptions",
  "vip_tiers",
  "tier_history",
  "referral_codes",
  "referral_visits",
  "referrals",
  "campaigns",
  "campaign_versions",
  "earning_rules",
  "earning_rule_versions",
  "rfm_settings",
  "rfm_scores",
  "rfm_segment_counts",
  "rfm_shop_context",
  "order_summaries",
  "order_refunds",
  "webhook_deliveries",
  "gdpr_requests",
  "audit_log",
  "notification_log",
  "import_jobs",
  "import_rows",
  "plan_usage",
];

describe("the schema's tenancy", () => {
  it("has every table the product needs", async () => {
    const rows = await test.sql<{ table_name: string }[]>`
      select table_name from information_schema.tables where table_schema = 'public'`;
    expect(rows.map((r) => r.table_name).sort()).toEqual([...REQUIRED_TABLES].sort());
  });

  it("leads every tenant primary key, unique key and index with shop_id", async () => {
    const indexes = await test.sql<{ table: string; index: string; first_column: string }[]>`
      select t.relname as table, i.relname as index, a.attname as first_column
      from pg_index x
      join pg_class t on t.oid = x.indrelid
      join pg_class i on i.oid = x.indexrelid
      join pg_namespace n on n.oid = t.relnamespace
      join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
      where n.nspname = 'public'`;
    const offenders = indexes.filter((row) => row.table !== "shops" && row.first_column !== "shop_id");
    expect(offenders).toEqual([]);
    // the tenant root itself is keyed by its id, and its domain is unique
    expect(
      indexes
        .filter((row) => row.table === "shops")
        .map((row) => row.first_column)
        .sort(),
    ).toEqual(["domain", "id"]);
  });

  it("gives every tenant table a shop_id that is erased with its shop", async () => {
    const rows = await test.sql<{ table_name: string }[]>`
      select c.table_name from information_schema.columns c
      where c.table_schema = 'public' and c.column_name = 'shop_id'
        and not exists (
          select 1 from pg_constraint k
          join pg_class t on t.oid = k.conrelid
          where t.relname = c.table_name and k.contype = 'f' and k.confdeltype = 'c'
            and k.confrelid = 'shops'::regclass)`;
    expect(rows.map((r) => r.table_name)).toEqual([]);
  });

  it('"All dates are stored UTC": every timestamp column is timestamp with time zone', async () => {
    const rows = await test.sql<{ column: string }[]>`
      select table_name || '.' || column_name as column from information_schema.columns
      where table_schema = 'public' and data_type = 'timestamp without time zone'`;
    expect(rows.map((r) => r.column)).toEqual([]);
  });
});
