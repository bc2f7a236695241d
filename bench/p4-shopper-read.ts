/**
 * P4 — shopper read through tRPC (quality.md): `shopper.profile` (balance, tier, progress, rewards)
 * through the app proxy, against a no-op tRPC procedure on the same stack in the same run (the
 * app's API handler and tRPC instance serving a procedure that returns a constant; a bare tRPC
 * procedure without the app's handler is measured too, for reference).
 * Each server runs in its own process; autocannon drives it.
 *   - throughput: 50 connections flat out, requests/s;
 *   - latency: 500 req/s, evenly paced (bench/paced-load.ts, from a fresh process), p99 in ms from
 *     each request's due time;
 * with Redis and with the in-process store.
 *   pnpm exec tsx bench/p4-shopper-read.ts      (P4_SECONDS=10)
 */
import { recordBenchmark, scratchDatabase } from "./lib";
import { CUSTOMERS, drive, seed, signedPath, startServer } from "./p4/fixture";
import { pacedLoadInChild } from "./paced-load";

const seconds = Number(process.env.P4_SECONDS ?? 10);

const VARIANTS = ["noop", "bare-noop", "profile-redis", "profile-memory"] as const;
type Variant = (typeof VARIANTS)[number];
const ROUNDS = Number(process.env.P4_ROUNDS ?? 8);
/** Seconds of each flat-out throughput run. */
const RUN_SECONDS = Number(process.env.P4_RUN_SECONDS ?? 3);
/** Paced (500 req/s) runs per server; the median p99 is reported. */
const PACED_ROUNDS = Number(process.env.P4_PACED_ROUNDS ?? 3);
type Result = { rps: number; p99: number; p99Runs: number[]; ofNoop: number; ofBare: number };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const MEASURED = VARIANTS.filter((v) => v !== "noop");

/**
 * Every server runs for the whole measurement. This machine's speed drifts by half within tens of
 * seconds, so throughput is measured in short runs with the no-op between every two others
 * (noop, A, noop, B, noop, …): each run's ratio is taken against the mean of the no-op runs just
 * before and after it, and the median of those ratios over `ROUNDS` rounds is reported, with the
 * median throughputs beside it.
 */
async function measureAll(url: string) {
  const servers = new Map<Variant, { port: number; child: Awaited<ReturnType<typeof startServer>> }>();
  try {
    for (const [i, variant] of VARIANTS.entries()) {
      const port = 4701 + i;
      servers.set(variant, { port, child: await startServer(variant, url, port) });
      // Warm-up: every customer read once (JIT, pools, and each customer's cache entry), as on a
      // storefront where the widget is read on every page view.
      await drive(port, { connections: 10, amount: CUSTOMERS * 2 });
    }
    const flatOut = async (variant: Variant) => {
      const { rps } = await drive(servers.get(variant)!.port, { connections: 50, seconds: RUN_SECONDS });
      return rps;
    };
    const runs = new Map<Variant, { rps: number; ofNoop: number; bare?: number }[]>(
      VARIANTS.map((v) => [v, []]),
    );
    let noopBefore = await flatOut("noop");
    for (let round = 1; round <= ROUNDS; round++) {
      const measured = new Map<Variant, number>();
      for (const variant of MEASURED) {
        const rps = await flatOut(variant);
        const noopAfter = await flatOut("noop");
        const noop = (noopBefore + noopAfter) / 2;
        runs.get("noop")!.push({ rps: noopAfter, ofNoop: 1 });
        runs.get(variant)!.push({ rps, ofNoop: rps / noop });
        measured.set(variant, rps);
        noopBefore = noopAfter;
        console.info(
          `round ${round} ${variant.padEnd(15)} ${rps.toFixed(0).padStart(6)} req/s flat out, ${((rps / noop) * 100).toFixed(0)}% of the no-op around it (${noop.toFixed(0)} req/s)`,
        );
      }
      // Against the bare tRPC no-op of the same round (for reference only).
      for (const variant of MEASURED)
        runs.get(variant)!.at(-1)!.bare = measured.get(variant)! / measured.get("bare-noop")!;
    }
    const p99s = await measureLatencies(servers);
    const results = new Map<Variant, Result>();
    for (const variant of VARIANTS) {
      const own = runs.get(variant)!;
      const result: Result = {
        rps: median(own.map((r) => r.rps)),
        p99: median(p99s.get(variant)!),
        p99Runs: p99s.get(variant)!,
        ofNoop: median(own.map((r) => r.ofNoop)),
        ofBare: variant === "noop" ? NaN : median(own.map((r) => r.bare!)),
      };
      console.info(
        `${variant.padEnd(15)} median ${result.rps.toFixed(0).padStart(6)} req/s · ${(result.ofNoop * 100).toFixed(0)}% of no-op · p99 ${result.p99} ms at 500 req/s (runs: ${result.p99Runs.join(", ")})`,
      );
      results.set(variant, result);
    }
    return results;
  } finally {
    for (const { child } of servers.values()) child.kill();
  }
}

/**
 * p99 at 500 req/s, `PACED_ROUNDS` paced runs per server taken in turn (noop, bare, Redis,
 * in-process, noop, …), each from a fresh process; the median run is reported, every run beside it.
 * A single run's p99 is one stall of this machine away from any figure (the no-op's has read
 * 1–425 ms on the same day), so one run alone cannot say what a server does at this rate.
 */
async function measureLatencies(servers: Map<Variant, { port: number }>) {
  const p99s = new Map<Variant, number[]>(VARIANTS.map((v) => [v, []]));
  for (let round = 1; round <= PACED_ROUNDS; round++) {
    for (const variant of VARIANTS) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      const latency = await pacedLoadInChild({
        port: servers.get(variant)!.port,
        rate: 500,
        seconds,
        paths: Array.from({ length: CUSTOMERS }, (_, i) => signedPath(i, timestamp)),
      });
      if (latency.failed > 0)
        throw new Error(
          `${variant}: ${latency.failed} failed requests at 500 req/s: ${JSON.stringify(latency.failures)}`,
        );
      p99s.get(variant)!.push(Number(latency.p99.toFixed(1)));
      console.info(
        `paced round ${round} ${variant.padEnd(15)} p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms, max ${latency.max.toFixed(1)} ms`,
      );
    }
  }
  return p99s;
}

const db = await scratchDatabase("p4");
try {
  await seed(db.url);
  const results = await measureAll(db.url);
  const [noop, bare, redis, memory] = VARIANTS.map((v) => results.get(v)!) as [
    Result,
    Result,
    Result,
    Result,
  ];
  const pct = (ratio: number) => `${(ratio * 100).toFixed(0)}%`;
  const p99Text = (r: Result) => `${r.p99} ms [${r.p99Runs.join(", ")}]`;
  await recordBenchmark({
    id: "P4",
    what: `shopper.profile through tRPC (app proxy), 2,000 customers; throughput: ${ROUNDS} rounds of ${RUN_SECONDS} s runs, each between two no-op runs; p99: ${PACED_ROUNDS} runs of ${seconds} s at 500 req/s per server, in turn; medians (every p99 run in brackets)`,
    baseline: `no-op procedure on the same stack ${noop.rps.toFixed(0)} req/s, p99 ${p99Text(noop)} @500/s (bare tRPC no-op ${bare.rps.toFixed(0)} req/s)`,
    result: `Redis ${redis.rps.toFixed(0)} req/s, p99 ${p99Text(redis)} @500/s; in-process ${memory.rps.toFixed(0)} req/s, p99 ${p99Text(memory)} @500/s`,
    ratio: `Redis ${pct(redis.ofNoop)}, in-process ${pct(memory.ofNoop)} (of the bare tRPC no-op: ${pct(redis.ofBare)}, ${pct(memory.ofBare)})`,
    target: "p99 < 25 ms at 500 req/s with and without Redis; ≥ 60% of no-op",
  });
} finally {
  await db.drop();
}
