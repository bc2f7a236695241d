import { join } from "node:path";
import { embeddedUrl, ensureDatabase, startEmbeddedPostgres } from "./embedded-postgres";
import { localDataDir } from "./paths";

export const DEV_DATABASE_NAME = "loyalnest";
export const DEV_POSTGRES_PORT = Number(process.env.LOYALNEST_EMBEDDED_PG_PORT ?? 54329);

/**
 * DATABASE_URL when set; otherwise the embedded development server under `.data/postgres`
 * (started if it is not running), with its `loyalnest` database. `stop` stops only what this call started.
 */
export async function resolveDatabaseUrl(env: NodeJS.ProcessEnv = process.env) {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, embedded: false, stop: async () => {} };
  const server = await startEmbeddedPostgres({
    dataDir: join(localDataDir(), "postgres"),
    port: DEV_POSTGRES_PORT,
  });
  await ensureDatabase(server.url, DEV_DATABASE_NAME);
  return { url: embeddedUrl(DEV_POSTGRES_PORT, DEV_DATABASE_NAME), embedded: true, stop: server.stop };
}
