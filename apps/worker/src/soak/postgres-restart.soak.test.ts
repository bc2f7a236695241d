import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmbeddedPostgres, type RunningPostgres } from "@loyalnest/db";
import type { ShopifyStandIn } from "@loyalnest/shopify-dev";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deliveriesOf,
  startPipeline,
  startStandIn,
  waitForDrain,
  type Pipeline,
} from "../test-support/pipeline";
import { startWorkerProcess, type WorkerProcess } from "./worker-process";
import {
  earnRate,
  expectedBalances,
  generateScenario,
  settledState,
  sleep,
  type Scenario,
} from "./soak-support";

/**
 * quality.md, Reliability: "Database restart in the middle of a load: the edge answers 503 (Shopify
 * retries), workers reconnect, the backlog drains." A Postgres of this test's own (embedded, so the
 * machine's server is never touched) is stopped while the stand-in delivers a burst and the real
 * worker process (`src/main.ts`) drains it, then started again. Afterwards the worker is the same
 * process, every delivery is processed once, and every balance is exact.
 */
const SHOP = "soak-pg-restart.myshopify.com";
const SEED = Number(process.env.SOAK_SEED ?? 20_261_121);
const SIZE = {
  customers: 30,
  orders: Number(process.env.SOAK_ORDERS ?? 500),
  refundRate: 0.2,
  duplicateRate: 0.3,
};

let dataDir: string;
let server: RunningPostgres;
let pipeline: Pipeline;
let standIn: ShopifyStandIn;
let worker: WorkerProcess | null = null;

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

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "loyalnest-pg-restart-"));
  server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: true });
  process.env.LOYALNEST_TEST_DATABASE_URL = server.url;
  pipeline = await startPipeline("soak_pg_restart", { domain: SHOP, runtime: { parkedSweep: false } });
  await pipeline.runtime.stop(); // the child process does the work
  standIn = await startStandIn(pipeline.edgeUrl, [{ domain: SHOP }]);
}, 120_000);

afterAll(async () => {
  if (worker && worker.child.exitCode === null) {
    worker.child.kill("SIGKILL");
    await once(worker.child, "exit");
  }
  await standIn?.close();
  await pipeline?.close().catch(() => {});
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("Postgres restarted in the middle of a load", () => {
  let scenario: Scenario;

  it(
    "the edge answers 503 meanwhile, the worker reconnects by itself and the backlog drains exactly",
    { timeout: 320_000 },
    async () => {
      scenario = await generateScenario(standIn, SHOP, SIZE, SEED);
      worker = await startWorkerProcess(pipeline.test.url);

      const delivering = (async () => {
        await standIn.dispatcher.release("shuffle", SEED, { sequential: false });
        await standIn.deliverPending();
      })();
      await sleep(700);
      await server.stop();
      await sleep(3_000);
      await server.start();
      await delivering;
      await waitForDrain(pipeline, 200_000).catch((error: unknown) => {
        throw new Error(`${String(error)}\nworker log:\n${worker!.output().slice(-3_000)}`);
      });

      expect(pipeline.answers).toContain(503);
      expect(worker.child.exitCode, worker.output().slice(-2_000)).toBeNull();
      const exited = once(worker.child, "exit");
      worker.child.kill("SIGTERM");
      await exited;

      const state = await settledState(pipeline);
      expect(state.statuses).toEqual({ processed: scenario.events });
      expect(state.earnedOrders).toBe(scenario.orders.size);
      expect(state.mismatches).toEqual([]);
      const expected = expectedBalances(scenario, await earnRate(pipeline));
      const sorted = (m: Map<number, number>) => [...m].sort(([a], [b]) => a - b);
      expect(sorted(state.balances)).toEqual(sorted(expected));
      expect((await deliveriesOf(pipeline)).length).toBe(scenario.events);
    },
  );
});
