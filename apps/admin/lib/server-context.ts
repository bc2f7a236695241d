import "server-only";
import { createIngestDeps, shopifyAppConfig, type IngestDeps } from "@loyalnest/api";
import { createKeyValueStore, type KeyValueStore } from "@loyalnest/cache";
import { createDatabase, type DatabaseHandle } from "@loyalnest/db";
import { createBoss } from "@loyalnest/queue";
import type { PgBoss } from "pg-boss";

/**
 * Process-wide handles for route handlers and server components. Kept on globalThis so the dev
 * server's hot reloads reuse one pool instead of opening a new one per edit.
 */
interface ServerContext {
  database: DatabaseHandle;
  store: KeyValueStore;
  /** Enqueue-only: the web process runs no workers, schedules or maintenance. */
  boss: PgBoss;
  /** The webhook edge's shop directory and group-committing recorder. */
  webhooks: IngestDeps;
}

const holder = globalThis as typeof globalThis & { __loyalnest?: Promise<ServerContext> };

export function serverContext(): Promise<ServerContext> {
  holder.__loyalnest ??= open().catch((error: unknown) => {
    holder.__loyalnest = undefined; // let the next request try again (e.g. the database came back)
    throw error;
  });
  return holder.__loyalnest;
}

async function open(): Promise<ServerContext> {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error("DATABASE_URL is not set. Start the stack with `npm run dev`, which provides one.");
  const boss = createBoss(url, { supervise: false, schedule: false, max: 4 });
  boss.on("error", (error) => console.error("[admin] queue error:", error.message));
  await boss.start();
  const database = createDatabase(url, { max: 10, applicationName: "loyalnest-admin" });
  return {
    database,
    store: await createKeyValueStore({ url: process.env.REDIS_URL }),
    boss,
    webhooks: createIngestDeps(database.db, boss, shopifyAppConfig().apiSecret),
  };
}
