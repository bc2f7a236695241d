import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";

const MAIN = join(import.meta.dirname, "..", "main.ts");

/** The child's PII keys: a throw-away pair, so a soak test never reads the developer's keys. */
const THROWAWAY_KEYS = {
  LOYALNEST_PII_KEYS: `soak1:${randomBytes(32).toString("base64")}`,
  LOYALNEST_BLIND_INDEX_KEY: randomBytes(32).toString("base64"),
};

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything the process printed, for a failing test's message. */
  output(): string;
}

/**
 * The real worker (`src/main.ts`) as its own process, resolved once it works the queue: what a
 * soak test kills, or keeps alive through an outage.
 */
export async function startWorkerProcess(databaseUrl: string): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", MAIN], {
    env: { ...process.env, ...THROWAWAY_KEYS, DATABASE_URL: databaseUrl, WORKER_BATCH_SIZE: "16" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("[worker] ready")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`worker exited with ${code} before ready: ${output}`)));
  });
  // Expected noise after a kill or an outage (jobs retried); kept for the failure message.
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  await ready;
  return { child, output: () => output };
}
