/**
 * P4's companion: server CPU per shopper read, against the no-op on the same stack. The throughput
 * ratio P4 reports swings by ±7 points from run to run on this machine (autocannon shares the two
 * cores, and the machine's speed drifts); the CPU each server spends per request is far steadier
 * and is what the throughput ratio follows when the server is the bottleneck. A diagnostic, not a
 * quality.md target: use it to tell whether a change made the read cheaper.
 * Each server is driven flat out (50 connections) for `P4CPU_RUN_SECONDS`, in turn, `P4CPU_ROUNDS`
 * times; the server reports its own CPU time around each run (µs of user + system CPU / requests).
 *   pnpm exec tsx bench/p4-cpu.ts      (P4CPU_ROUNDS=6 P4CPU_RUN_SECONDS=3)
 */
import type { ChildProcess } from "node:child_process";
import { recordBenchmark, scratchDatabase } from "./lib";
import { CUSTOMERS, drive, seed, startServer } from "./p4/fixture";

const ROUNDS = Number(process.env.P4CPU_ROUNDS ?? 6);
const RUN_SECONDS = Number(process.env.P4CPU_RUN_SECONDS ?? 3);
const VARIANTS = ["noop", "profile-memory", "profile-redis"] as const;
type Variant = (typeof VARIANTS)[number];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The child's CPU time so far, in µs (it answers over IPC; see `servers.ts`). */
function cpuMicros(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    const onMessage = (message: unknown) => {
      if (typeof message === "object" && message !== null && "cpuMicros" in message) {
        child.off("message", onMessage);
        resolve(Number(message.cpuMicros));
      }
    };
    child.on("message", onMessage);
    child.send("cpu-usage");
  });
}

async function measure(url: string) {
  const servers = new Map<Variant, { port: number; child: ChildProcess }>();
  try {
    for (const [i, variant] of VARIANTS.entries()) {
      const port = 4751 + i;
      servers.set(variant, { port, child: await startServer(variant, url, port) });
      await drive(port, { connections: 10, amount: CUSTOMERS * 2 });
    }
    const perRequest = new Map<Variant, number[]>(VARIANTS.map((v) => [v, []]));
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [variant, { port, child }] of servers) {
        const before = await cpuMicros(child);
        const { total } = await drive(port, { connections: 50, seconds: RUN_SECONDS });
        const micros = (await cpuMicros(child)) - before;
        perRequest.get(variant)!.push(Math.round(micros / total));
      }
      console.info(
        `round ${round}: ${VARIANTS.map((v) => `${v} ${perRequest.get(v)!.at(-1)} µs`).join(", ")}`,
      );
    }
    return new Map(
      VARIANTS.map((v) => [v, { median: median(perRequest.get(v)!), runs: perRequest.get(v)! }]),
    );
  } finally {
    for (const { child } of servers.values()) child.kill();
  }
}

const db = await scratchDatabase("p4cpu");
try {
  await seed(db.url);
  const results = await measure(db.url);
  const [noop, memory, redis] = VARIANTS.map((v) => results.get(v)!) as [
    { median: number; runs: number[] },
    { median: number; runs: number[] },
    { median: number; runs: number[] },
  ];
  const runs = (r: { runs: number[] }) => `[${r.runs.join(", ")}]`;
  const ofNoop = (r: { median: number }) => `${((noop.median / r.median) * 100).toFixed(0)}%`;
  console.info(
    `no-op ${noop.median} µs, in-process ${memory.median} µs (${ofNoop(memory)}), Redis ${redis.median} µs (${ofNoop(redis)})`,
  );
  await recordBenchmark({
    id: "P4-cpu",
    what: `server CPU per shopper.profile read (user + system µs / request), 50 connections flat out, ${ROUNDS} rounds of ${RUN_SECONDS} s per server in turn; medians (every round in brackets)`,
    baseline: `no-op procedure on the same stack ${noop.median} µs ${runs(noop)}`,
    result: `in-process ${memory.median} µs ${runs(memory)}; Redis ${redis.median} µs ${runs(redis)} (Redis's own CPU not counted)`,
    ratio: `no-op ÷ read: in-process ${ofNoop(memory)}, Redis ${ofNoop(redis)}`,
    target:
      "diagnostic for P4 (no target of its own): the share of the no-op's throughput a CPU-bound server could reach",
  });
} finally {
  await db.drop();
}
