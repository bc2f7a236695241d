import "server-only";
import {
  createApiDeps,
  createApiHandler,
  createIngestDeps,
  shopifyAppConfig,
  startShopperCacheInvalidation,
  type ApiDeps,
  type IngestDeps,
} from "@loyalnest/api";
import { createKeyValueStore, type KeyValueStore } from "@loyalnest/cache";
import { createDatabase, loadPiiKeyring, type DatabaseHandle } from "@loyalnest/db";
import { shopBaseUrl } from "@loyalnest/shopify";
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
  /** The tRPC / REST API's dependencies and its fetch handler (`/api/trpc`, `/api/proxy/trpc`, `/api/rest`, `/api/docs`). */
  api: ApiDeps;
  apiHandler: (req: Request) => Promise<Response>;
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
  const store = await createKeyValueStore({ url: process.env.REDIS_URL });
  const api = createApiDeps({
    database,
    keyring: loadPiiKeyring(),
    store,
    app: shopifyAppConfig(),
    shopifyBaseUrl: (shop) => shopBaseUrl(shop),
    boss,
    onCacheError: (error) => console.error("[admin] cache error:", error),
  });
  await startShopperCacheInvalidation(api);
  return {
    database,
    store,
    boss,
    webhooks: createIngestDeps(database.db, boss, shopifyAppConfig().apiSecret),
    api,
    apiHandler: createApiHandler(api),
  };
}
