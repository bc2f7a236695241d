import { runMigrations } from "@loyalnest/db";
import { createBoss } from "@loyalnest/queue";

/**
 * The worker process: one process type, run as many instances as load needs (pg-boss hands
 * each job to one of them with SKIP LOCKED). It migrates the database at start-up (serialized by
 * an advisory lock, so many instances can start together) and stops gracefully on SIGTERM,
 * letting in-flight jobs finish. Job handlers and schedules are registered by the event pipeline.
 */
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error("DATABASE_URL is not set. Start the stack with `npm run dev`, which provides one.");
  process.exit(1);
}

await runMigrations(databaseUrl);
const boss = createBoss(databaseUrl);
boss.on("error", (error) => console.error("[worker] queue error:", error.message));
await boss.start();
console.info("[worker] ready: queue started");

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.info(`[worker] ${signal}: finishing in-flight jobs`);
  await boss.stop({ graceful: true, timeout: 30_000 });
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
