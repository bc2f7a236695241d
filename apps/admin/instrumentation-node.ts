import { runMigrations } from "@loyalnest/db";
import { installQueueSchema } from "@loyalnest/queue";
import { join } from "node:path";

/**
 * Admin start-up: apply pending migrations and install the queue schema, so the web edge can
 * enqueue before any worker has run. Both are idempotent and serialized across processes.
 * Next bundles this file, so the migrations folder is found from the app's working directory.
 */
const url = process.env.DATABASE_URL;
if (url) {
  await runMigrations(url, join(process.cwd(), "../../packages/db/drizzle"));
  await installQueueSchema(url);
}
