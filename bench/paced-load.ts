/**
 * An open-loop load generator for "p99 at N req/s": requests leave evenly spaced (one every
 * 1000/N ms), each timed from the moment it was due, not when it was sent, so a stalled server
 * cannot hide its queue (no coordinated omission). autocannon's `overallRate` sends each second's
 * budget in a burst at the start of the second, which measures the burst, not the rate.
 */
import { fork } from "node:child_process";
import { Agent, request } from "node:http";
import { join } from "node:path";

export interface PacedResult {
  sent: number;
  failed: number;
  /** Failures by HTTP status or error code, e.g. { "429": 2, ECONNRESET: 1 }. */
  failures: Record<string, number>;
  p50: number;
  p99: number;
  max: number;
}

export async function pacedLoad(options: {
  port: number;
  rate: number;
  seconds: number;
  path: (i: number) => string;
}): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const total = options.rate * options.seconds;
  const intervalMs = 1000 / options.rate;
  const latencies: number[] = [];
  let failed = 0;
  const failures: Record<string, number> = {};
  const fail = (why: string) => {
    failed++;
    failures[why] = (failures[why] ?? 0) + 1;
  };
  const inFlight: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + i * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      get(agent, options.port, options.path(i)).then(
        (status) => {
          if (status < 300) latencies.push(performance.now() - due);
          else fail(String(status));
        },
        (error: NodeJS.ErrnoException) => fail(error.code ?? error.message),
      ),
    );
  }
  await Promise.all(inFlight);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { sent: total, failed, failures, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) ?? NaN };
}

/** The response's status code. */
function get(agent: Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, agent }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 500));
    });
    req.on("error", reject);
    req.end();
  });
}

/**
 * `pacedLoad` from a fresh child process, for a path list made up front (the parent signs them):
 * a benchmark that has just driven minutes of flat-out load holds a large heap, and its garbage
 * collection pauses would otherwise be timed as the server's latency.
 */
export function pacedLoadInChild(options: {
  port: number;
  rate: number;
  seconds: number;
  paths: readonly string[];
}): Promise<PacedResult> {
  const child = fork(join(import.meta.dirname, "paced-load-child.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: "inherit",
  });
  return new Promise<PacedResult>((resolve, reject) => {
    child.once("message", (result) => resolve(result as PacedResult));
    child.once("exit", (code) => reject(new Error(`paced load child exited ${code} before answering`)));
    child.send(options);
  }).finally(() => child.kill());
}
