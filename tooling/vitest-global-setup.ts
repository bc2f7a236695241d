import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedPostgres } from "../packages/db/src/embedded-postgres";

/**
 * Tests run against real servers. Postgres: DATABASE_URL's server when set (each test file then
 * creates its own database on it), otherwise a throw-away embedded Postgres in a temporary folder.
 * Redis: REDIS_URL, or the conventional local port.
 */
export default async function setup() {
  process.env.LOYALNEST_TEST_REDIS_URL ??= process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
  if (process.env.DATABASE_URL) {
    process.env.LOYALNEST_TEST_DATABASE_URL = process.env.DATABASE_URL;
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), "loyalnest-test-pg-"));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  process.env.LOYALNEST_TEST_DATABASE_URL = server.url;
  return async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
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
