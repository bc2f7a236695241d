import type { KeyValueStore } from "@loyalnest/cache";
import { migrationStatus, type Database } from "@loyalnest/db";
import { QUEUE_SCHEMA } from "@loyalnest/queue";
import { sql } from "drizzle-orm";

type Check<T extends object = object> = ({ ok: true } & T) | { ok: false; error: string };

export interface HealthReport {
  status: "ok" | "degraded" | "down";
  database: Check<{ latencyMs: number }>;
  migrations: Check<{ applied: number; expected: number }>;
  queue: Check<{ schema: string; version: number }>;
  redis: Check<{ backend: "redis" | "memory" }>;
  checkedAt: string;
}

/**
 * What `/api/health` reports. `down` when Postgres (the source of truth and the queue) cannot
 * be used; `degraded` when only the cache is unreachable (reads then go to Postgres).
 */
export async function checkHealth(deps: {
  db: Database;
  store: KeyValueStore;
  now?: () => Date;
}): Promise<HealthReport> {
  const [database, migrations, queue, redis] = await Promise.all([
    attempt(async () => {
      const started = performance.now();
      await deps.db.execute(sql`select 1`);
      return { latencyMs: Math.round((performance.now() - started) * 10) / 10 };
    }),
    attempt(async () => {
      const status = await migrationStatus(deps.db);
      if (!status.upToDate) throw new Error(`${status.applied} of ${status.expected} migrations applied`);
      return { applied: status.applied, expected: status.expected };
    }),
    attempt(async () => {
      const rows = await deps.db.execute<{ version: number | null }>(
        sql`select (select version from ${sql.identifier(QUEUE_SCHEMA)}.version limit 1) as version`,
      );
      return { schema: QUEUE_SCHEMA, version: Number(rows[0]?.version) };
    }),
    attempt(async () => {
      if (!(await deps.store.ping())) throw new Error("no answer to PING");
      return { backend: deps.store.backend };
    }),
  ]);
  const core = database.ok && migrations.ok && queue.ok;
  return {
    status: !core ? "down" : redis.ok ? "ok" : "degraded",
    database,
    migrations,
    queue,
    redis,
    checkedAt: (deps.now?.() ?? new Date()).toISOString(),
  };
}

async function attempt<T extends object>(check: () => Promise<T>): Promise<Check<T>> {
  try {
    return { ok: true, ...(await check()) };
  } catch (error) {
    return { ok: false, error: describe(error) };
  }
}

/** A short message, never a stack trace or a connection string (which may hold credentials). */
function describe(error: unknown): string {
  const e = error as { code?: string; message?: string; cause?: { message?: string } };
  const message = e.cause?.message ?? e.message ?? String(error);
  return message.replace(/postgres(ql)?:\/\/\S+/g, "postgres://…").slice(0, 200);
}
