import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { createDatabase, type DatabaseHandle } from "../client";
import { runMigrations } from "../migrate";

/**
 * The Postgres server tests run against: the suite's global set-up exports
 * LOYALNEST_TEST_DATABASE_URL (the machine's server, or an embedded one when none is configured).
 */
export function testServerUrl(): string {
  const url = process.env.LOYALNEST_TEST_DATABASE_URL;
  if (!url)
    throw new Error("LOYALNEST_TEST_DATABASE_URL is not set: run tests through the README's test command");
  return url;
}

export const withDatabaseName = (serverUrl: string, database: string) => {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
};

export interface TestDatabase extends DatabaseHandle {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database of its own for one test file, so files run in parallel without
 * sharing state. Call `drop()` in afterAll.
 */
export async function createTestDatabase(
  label: string,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  const serverUrl = testServerUrl();
  const name = `ln_test_${label.replace(/[^a-z0-9_]/gi, "_").toLowerCase()}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end({ timeout: 5 });
  const url = withDatabaseName(serverUrl, name);
  if (options.migrate ?? true) await runMigrations(url);
  const handle = createDatabase(url, { max: 8, applicationName: `test:${label}` });
  return {
    ...handle,
    url,
    name,
    async drop() {
      await handle.close();
      const cleanup = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists "${name}" with (force)`);
      await cleanup.end({ timeout: 5 });
    },
  };
}
