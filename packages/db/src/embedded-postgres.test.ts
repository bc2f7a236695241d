import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "./embedded-postgres";

describe("zero-setup Postgres", () => {
  it("boots an embedded server from nothing in a temporary folder and answers queries", async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "ln-embedded-")), "pg");
    const port = 55000 + Math.floor(Math.random() * 5000);
    const server = await startEmbeddedPostgres({ dataDir, port, persistent: false });
    try {
      expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(true);
      const sql = postgres(server.url, { max: 1 });
      const [row] = await sql<{ answer: number; version: string }[]>`select 41 + 1 as answer, version()`;
      await sql.end();
      expect(row!.answer).toBe(42);
      expect(row!.version).toMatch(/^PostgreSQL \d+/);
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
