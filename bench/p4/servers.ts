/**
 * The servers P4 compares, one per child process: `servers.ts <variant> <port> <databaseUrl>`.
 * All of them are node:http → web Request → tRPC's fetch adapter:
 * - noop: the baseline, "a no-op tRPC procedure on the same stack" — LoyalNest's API handler
 *   (routing, context, its tRPC instance) serving a `shopper.profile` that returns a constant;
 * - bare-noop: for reference, a bare `initTRPC` procedure behind the fetch adapter, without the
 *   app's handler (what tRPC alone costs);
 * - profile-redis: LoyalNest's API handler, `shopper.profile` through the app proxy, cache in Redis;
 * - profile-memory: the same with the in-process store (no REDIS_URL).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import {
  createApiDeps,
  createApiHandler,
  DEV_SHOPIFY_APP,
  startShopperCacheInvalidation,
} from "@loyalnest/api";
import { noopRouter } from "@loyalnest/api/testing";
import { createKeyValueStore } from "@loyalnest/cache";
import { createDatabase, loadPiiKeyring } from "@loyalnest/db";
import { initTRPC } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";

const [variant, portArg, databaseUrl] = process.argv.slice(2);
if (!variant || !portArg || !databaseUrl) throw new Error("usage: servers.ts <variant> <port> <databaseUrl>");

async function handlerFor(name: string): Promise<(req: Request) => Promise<Response>> {
  if (name === "bare-noop") {
    const t = initTRPC.create();
    const router = t.router({ shopper: t.router({ profile: t.procedure.query(() => ({ ok: true })) }) });
    return (req) =>
      fetchRequestHandler({ endpoint: "/api/proxy/trpc", req, router, createContext: () => ({}) });
  }
  const database = createDatabase(databaseUrl!, { max: 16, applicationName: `bench-p4-${name}` });
  const store = await createKeyValueStore(
    name === "profile-redis"
      ? { url: process.env.REDIS_URL ?? "redis://127.0.0.1:6379", prefix: `bench-p4:${process.pid}:` }
      : {},
  );
  const deps = createApiDeps({
    database,
    keyring: loadPiiKeyring(),
    store,
    app: DEV_SHOPIFY_APP,
    // The shop-wide ceiling is raised so a benchmark run is never throttled; every request is still counted.
    rateLimits: { shopPerMinute: { limit: 1_000_000_000, windowMs: 60_000 } },
  });
  await startShopperCacheInvalidation(deps);
  return name === "noop" ? createApiHandler(deps, noopRouter) : createApiHandler(deps);
}

const toRequest = (req: IncomingMessage) =>
  new Request(`http://127.0.0.1:${portArg}${req.url}`, {
    method: req.method ?? "GET",
    headers: req.headers as Record<string, string>,
  });

async function send(res: ServerResponse, response: Response) {
  res.writeHead(response.status, {
    "content-type": response.headers.get("content-type") ?? "application/json",
  });
  res.end(await response.text());
}

const handle = await handlerFor(variant);
createServer((req, res) => {
  handle(toRequest(req))
    .then((response) => send(res, response))
    .catch(() => {
      res.writeHead(500).end();
    });
}).listen(Number(portArg), "127.0.0.1", () => process.send?.("ready"));
// bench/p4-cpu.ts asks for this process's CPU time (µs) around each run.
process.on("message", (message) => {
  if (message === "cpu-usage") {
    const { user, system } = process.cpuUsage();
    process.send?.({ cpuMicros: user + system });
  }
});
// A clean exit on SIGINT lets `node --cpu-prof` write its profile (see docs/benchmarks.md).
process.on("SIGINT", () => process.exit(0));
