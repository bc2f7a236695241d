import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createBoss, QUEUES } from "@loyalnest/queue";
import type { ShopifyStandIn } from "@loyalnest/shopify-dev";
import type { PgBoss } from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  deliveriesOf,
  startPipeline,
  startStandIn,
  waitForDrain,
  type Pipeline,
} from "../test-support/pipeline";
import {
  earnRate,
  expectedBalances,
  generateScenario,
  seeded,
  settledState,
  sleep,
  type Scenario,
} from "./soak-support";
import { startWorkerProcess } from "./worker-process";

/**
 * quality.md, Reliability — crash safety: "killing a worker (SIGKILL) at random points while it
 * drains a backlog loses nothing and doubles nothing; balance = sum(ledger) for every customer."
 * The worker is the real process (`src/main.ts`), killed with SIGKILL 3–5 times mid-drain and
 * restarted each time. Sizes via SOAK_ORDERS / SOAK_CUSTOMERS; the seed via SOAK_SEED.
 *
 * Time is compressed the way retryScale compresses Shopify's: the webhook queue gets pg-boss's
 * heartbeat (10 s, its minimum) and a supervisor here checks for stale jobs every second, so the
 * jobs a dead process held come back in seconds. With the queue as configured (no heartbeat,
 * expireInSeconds 300, monitor every 60 s) they do come back too, but only after about 5–6 minutes.
 */
const SHOP = "soak-sigkill.myshopify.com";
const SEED = Number(process.env.SOAK_SEED ?? 20_261_201);
const SIZE = {
  customers: Number(process.env.SOAK_CUSTOMERS ?? 40),
  orders: Number(process.env.SOAK_ORDERS ?? 1_600),
  refundRate: 0.25,
  duplicateRate: 0.3,
};

let pipeline: Pipeline;
let standIn: ShopifyStandIn;
let supervisor: PgBoss;
let worker: ChildProcess | null = null;

beforeAll(async () => {
  pipeline = await startPipeline("soak_sigkill", { domain: SHOP, runtime: { parkedSweep: false } });
  // The in-process runtime only set the queues up; the work is the child process's.
  await pipeline.runtime.stop();
  await pipeline.edgeBoss.updateQueue(QUEUES.webhooks, { heartbeatSeconds: 10 });
  supervisor = createBoss(pipeline.test.url, {
    schedule: false,
    superviseIntervalSeconds: 1,
    monitorIntervalSeconds: 1,
    max: 2,
  });
  supervisor.on("error", () => {});
  await supervisor.start();
  standIn = await startStandIn(pipeline.edgeUrl, [{ domain: SHOP }]);
});
afterAll(async () => {
  if (worker && worker.exitCode === null) {
    worker.kill("SIGKILL");
    await once(worker, "exit");
  }
  await standIn?.close();
  await supervisor?.stop({ graceful: false });
  await pipeline?.close();
});

/** Starts `src/main.ts` as its own process and resolves once it works the queue. */
async function startWorker(): Promise<ChildProcess> {
  return (await startWorkerProcess(pipeline.test.url)).child;
}

async function kill9(child: ChildProcess) {
  const exited = once(child, "exit");
  child.kill("SIGKILL");
  const [code, signal] = (await exited) as [number | null, NodeJS.Signals | null];
  expect(signal ?? code).toBe("SIGKILL");
}

async function pendingDeliveries() {
  const rows = await deliveriesOf(pipeline);
  return rows.filter((r) => ["received", "processing", "failed"].includes(r.status)).length;
}

/** Lets the worker drain for a random moment, then kills it: as many times as asked, while work is left. */
async function killRepeatedly(times: number) {
  const random = seeded(SEED + 1);
  let kills = 0;
  for (; kills < times; kills++) {
    worker = await startWorker();
    await sleep(random.int(150, 1_200));
    if ((await pendingDeliveries()) === 0) break;
    await kill9(worker);
    worker = null;
  }
  return kills;
}

describe("a worker killed with SIGKILL while it drains a backlog", () => {
  let scenario: Scenario;

  it("loses nothing and doubles nothing", { timeout: 300_000 }, async () => {
    scenario = await generateScenario(standIn, SHOP, SIZE, SEED);
    await standIn.dispatcher.release("shuffle", SEED, { sequential: false });
    await standIn.deliverPending();
    expect(pipeline.answers.every((status) => status === 200)).toBe(true);
    expect((await deliveriesOf(pipeline)).length).toBe(scenario.events);

    const kills = await killRepeatedly(seeded(SEED).int(3, 5));
    expect(kills).toBeGreaterThanOrEqual(3);
    worker ??= await startWorker();
    await waitForDrain(pipeline, 200_000);
    const exited = once(worker, "exit");
    worker.kill("SIGTERM");
    await exited;

    const state = await settledState(pipeline);
    console.info(
      `[soak] ${scenario.events} events (${pipeline.answers.length} copies), ${kills} kills:`,
      JSON.stringify(state.statuses),
    );
    expect(state.statuses).toEqual({ processed: scenario.events });
    expect(state.earns).toBe(scenario.orders.size);
    expect(state.earnedOrders).toBe(scenario.orders.size);
    expect(state.signups).toBe(scenario.customerIds.length);
    expect(state.clawbacks).toBe(scenario.refunds);
    expect(state.mismatches).toEqual([]);
    const expected = expectedBalances(scenario, await earnRate(pipeline));
    const sorted = (m: Map<number, number>) => [...m].sort(([a], [b]) => a - b);
    expect(sorted(state.balances)).toEqual(sorted(expected));
  });
});
