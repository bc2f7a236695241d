import { MemoryStore, type KeyValueStore } from "@loyalnest/cache";
import { createTestDatabase, type TestDatabase } from "@loyalnest/db/testing";
import { installQueueSchema } from "@loyalnest/queue";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkHealth } from "./health";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase("health");
});
afterAll(() => test.drop());

const unreachableRedis: KeyValueStore = Object.assign(new MemoryStore(), {
  backend: "redis" as const,
  ping: async () => false,
});

describe("/api/health's report", () => {
  it("is down, naming the queue, before the queue schema is installed", async () => {
    const report = await checkHealth({ db: test.db, store: new MemoryStore() });
    expect(report.status).toBe("down");
    expect(report.database.ok).toBe(true);
    expect(report.migrations).toMatchObject({ ok: true });
    expect(report.queue.ok).toBe(false);
  });

  it("is ok when the database is migrated and the queue installed", async () => {
    await installQueueSchema(test.url);
    const report = await checkHealth({ db: test.db, store: new MemoryStore() });
    expect(report).toMatchObject({
      status: "ok",
      database: { ok: true },
      migrations: { ok: true },
      queue: { ok: true, schema: "pgboss" },
      redis: { ok: true, backend: "memory" },
    });
  });

  it("is degraded, not down, when only Redis is unreachable", async () => {
    const report = await checkHealth({ db: test.db, store: unreachableRedis });
    expect(report.status).toBe("degraded");
    expect(report.redis).toEqual({ ok: false, error: "no answer to PING" });
  });

  it("is down and says how many migrations are missing when the schema is behind", async () => {
    await test.db.execute(
      sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`,
    );
    const report = await checkHealth({ db: test.db, store: new MemoryStore() });
    expect(report.status).toBe("down");
    expect(report.migrations).toEqual({
      ok: false,
      error: expect.stringMatching(/^\d+ of \d+ migrations applied$/),
    });
  });
});
