import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationStatus, runMigrations } from "./migrate";
import { createTestDatabase, type TestDatabase } from "./testing";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase("migrate", { migrate: false });
});
afterAll(() => test.drop());

describe("migrations", () => {
  it("apply to an empty database and report it up to date", async () => {
    expect((await migrationStatus(test.db)).applied).toBe(0);
    await runMigrations(test.url);
    const status = await migrationStatus(test.db);
    expect(status.upToDate).toBe(true);
    expect(status.applied).toBe(status.expected);
  });

  it("are idempotent: running them again (even concurrently) changes nothing", async () => {
    const before =
      await test.sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`;
    await Promise.all([runMigrations(test.url), runMigrations(test.url)]);
    const after =
      await test.sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`;
    expect(after[0]!.n).toBe(before[0]!.n);
    expect((await migrationStatus(test.db)).applied).toBe((await migrationStatus(test.db)).expected);
  });
});
