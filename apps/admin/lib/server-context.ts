import "server-only";
import { createKeyValueStore, type KeyValueStore } from "@loyalnest/cache";
import { createDatabase, type DatabaseHandle } from "@loyalnest/db";

/**
 * Process-wide handles for route handlers and server components. Kept on globalThis so the dev
 * server's hot reloads reuse one pool instead of opening a new one per edit.
 */
interface ServerContext {
  database: DatabaseHandle;
  store: KeyValueStore;
}

const holder = globalThis as typeof globalThis & { __loyalnest?: Promise<ServerContext> };

export function serverContext(): Promise<ServerContext> {
  holder.__loyalnest ??= open();
  return holder.__loyalnest;
}

async function open(): Promise<ServerContext> {
  const url = process.env.DATABASE_URL;
  if (!url)
    throw new Error("DATABASE_URL is not set. Start the stack with `npm run dev`, which provides one.");
  return {
    database: createDatabase(url, { max: 10, applicationName: "loyalnest-admin" }),
    store: await createKeyValueStore({ url: process.env.REDIS_URL }),
  };
}
