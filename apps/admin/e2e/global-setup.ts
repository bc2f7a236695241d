import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/**
 * Starts e2e/stack.ts (own database, seed, Shopify stand-in, admin build + server, worker) and waits
 * for its `E2E_READY` line; the URLs reach the tests through the environment. The returned function
 * is the global teardown: it stops the stack, which drops its database.
 */
export interface E2eStack {
  adminUrl: string;
  standInUrl: string;
  devFrameUrl: string;
  databaseUrl: string;
}

const STARTUP_TIMEOUT_MS = 10 * 60_000;

export default async function globalSetup() {
  const adminDir = join(dirname(fileURLToPath(import.meta.url)), "..");
  // stdin stays open while the suite runs: closing it is the stack's signal to stop and clean up.
  const child = spawn(process.execPath, ["--import", "tsx", "e2e/stack.ts"], {
    cwd: adminDir,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stack = await new Promise<E2eStack>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("the e2e stack did not start within 10 minutes")),
      STARTUP_TIMEOUT_MS,
    );
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (!line.startsWith("E2E_READY ")) return;
      clearTimeout(timer);
      resolve(JSON.parse(line.slice("E2E_READY ".length)) as E2eStack);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(
        new Error(`the e2e stack exited (${code}) before it was ready; see apps/admin/test-artifacts/logs/`),
      );
    });
  });
  process.env.E2E_STACK = JSON.stringify(stack);

  return async () => {
    child.stdin?.end();
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 45_000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  };
}
