/**
 * Starts the development stack: the database (embedded Postgres under .data/ when DATABASE_URL is
 * unset), migrations, the queue schema and the seeded demo shop, then every app's `dev` task
 * through turbo — admin, worker and the local Shopify stand-in — wired to each other by env. Ctrl-C stops everything it started.
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
const standInPort = Number(process.env.SHOPIFY_DEV_PORT ?? 3457);
/** Wires the admin, the worker and the Shopify stand-in to each other. */
const stackEnv = {
  ADMIN_PORT: String(adminPort),
  SHOPIFY_DEV_PORT: String(standInPort),
  SHOPIFY_API_BASE_URL: process.env.SHOPIFY_API_BASE_URL ?? `http://127.0.0.1:${standInPort}/{shop}`,
  LOYALNEST_WEBHOOK_URL: process.env.LOYALNEST_WEBHOOK_URL ?? `http://127.0.0.1:${adminPort}/api/webhooks`,
  LOYALNEST_APP_URL: process.env.LOYALNEST_APP_URL ?? `http://localhost:${adminPort}`,
};
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
  env: { ...process.env, ...stackEnv, DATABASE_URL: database.url },
});
log(`admin: http://localhost:${adminPort}   health: http://localhost:${adminPort}/api/health`);
log(
  `Shopify stand-in: http://127.0.0.1:${standInPort}   embedded admin (dev frame): ` +
    `http://127.0.0.1:${standInPort}/_dev/frame?shop=loyalnest-demo.myshopify.com`,
);

/**
 * Next compiles a route on its first request, which can take longer than Shopify's (and the
 * stand-in's) 5-second webhook timeout: ask for the edge's routes once the server answers.
 */
async function warmUpRoutes() {
  const base = `http://127.0.0.1:${adminPort}`;
  for (let attempt = 0; attempt < 120; attempt++) {
    const health = await fetch(`${base}/api/health`).catch(() => null);
    if (health?.ok) break;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  await fetch(`${base}/api/webhooks`, { method: "POST", body: "{}" }).catch(() => null);
  await fetch(`${base}/`).catch(() => null);
  log("ready: routes compiled");
}
void warmUpRoutes();

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
