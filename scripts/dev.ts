/**
 * Starts the development stack: the database (embedded Postgres under .data/ when DATABASE_URL is
 * unset), migrations, the queue schema and the seeded demo shop, then every app's `dev` task
 * through turbo with DATABASE_URL passed down. Ctrl-C stops everything it started.
 */
import {
  createDatabase,
  loadPiiKeyring,
  resolveDatabaseUrl,
  runMigrations,
  seedDemoShop,
} from "@loyalnest/db";
import { installQueueSchema } from "@loyalnest/queue";
import { spawn } from "node:child_process";

const adminPort = Number(process.env.ADMIN_PORT ?? 3000);
const log = (message: string) => console.info(`\x1b[1;36m[loyalnest]\x1b[0m ${message}`);

const database = await resolveDatabaseUrl();
log(database.embedded ? `embedded Postgres ready (${database.url})` : "using DATABASE_URL");
await runMigrations(database.url);
await installQueueSchema(database.url);
const { db, close } = createDatabase(database.url, { max: 2 });
const seeded = await seedDemoShop(db, { keyring: loadPiiKeyring() });
await close();
log(seeded.created ? "seeded the demo shop (loyalnest-demo.myshopify.com)" : "demo shop present");
log(process.env.REDIS_URL ? "using REDIS_URL for cache and rate limits" : "no REDIS_URL: in-process cache");

const turbo = spawn("pnpm", ["exec", "turbo", "run", "dev", "--ui=stream", "--output-logs=new-only"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: database.url, ADMIN_PORT: String(adminPort) },
});
log(`admin: http://localhost:${adminPort}   health: http://localhost:${adminPort}/api/health`);

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  turbo.kill("SIGTERM");
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await database.stop();
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
turbo.on("exit", (code) => void stop(code ?? 0));
