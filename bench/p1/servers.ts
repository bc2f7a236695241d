/**
 * The servers P1 compares, one per child process: `node bench/p1/servers.ts <variant> <port> <databaseUrl>`.
 * - hmac: a bare node:http server that verifies the HMAC and answers 200;
 * - hmac-insert: the same plus one durable INSERT per request (the baseline);
 * - hmac-grouped: the same, inserts grouped into one statement per commit (the stretch baseline);
 * - edge: LoyalNest's webhook edge (ingestWebhook: verify, dedupe, record, enqueue).
 */
import { createServer, type IncomingMessage } from "node:http";
import { createIngestDeps, ingestWebhook } from "@loyalnest/api";
import { createDatabase } from "@loyalnest/db";
import { createBoss } from "@loyalnest/queue";
import { verifyWebhook } from "@loyalnest/shopify";
import postgres from "postgres";

import { BENCH_SECRET_VALUE as BENCH_SECRET } from "../lib";
const [variant, portArg, databaseUrl] = process.argv.slice(2);
if (!variant || !portArg || !databaseUrl) throw new Error("usage: servers.ts <variant> <port> <databaseUrl>");

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });

type Handler = (rawBody: Buffer, headers: IncomingMessage["headers"]) => Promise<number>;

async function handlerFor(name: string): Promise<Handler> {
  const verify = (rawBody: Buffer, headers: IncomingMessage["headers"]) =>
    verifyWebhook({ rawBody, headers, secret: BENCH_SECRET });
  if (name === "hmac") return async (body, headers) => (verify(body, headers).ok ? 200 : 401);
  if (name === "hmac-insert") {
    const sql = postgres(databaseUrl!, { max: 16, onnotice: () => {} });
    return async (body, headers) => {
      const v = verify(body, headers);
      if (!v.ok) return 401;
      await sql`insert into bench_events (event_id, body) values (${v.delivery.eventId}, ${body.toString()})`;
      return 200;
    };
  }
  if (name === "hmac-grouped") {
    const sql = postgres(databaseUrl!, { max: 4, onnotice: () => {} });
    let pending: { eventId: string; body: string; done: () => void }[] = [];
    let flushing = false;
    const flush = async () => {
      if (flushing || pending.length === 0) return;
      flushing = true;
      const batch = pending;
      pending = [];
      await sql`insert into bench_events ${sql(batch.map(({ eventId, body }) => ({ event_id: eventId, body })))}`;
      batch.forEach((item) => item.done());
      flushing = false;
      void flush();
    };
    return (body, headers) => {
      const v = verify(body, headers);
      if (!v.ok) return Promise.resolve(401);
      return new Promise((resolve) => {
        pending.push({ eventId: v.delivery.eventId, body: body.toString(), done: () => resolve(200) });
        void flush();
      });
    };
  }
  if (name === "edge") {
    const { db } = createDatabase(databaseUrl!, { max: 16 });
    const boss = createBoss(databaseUrl!, { supervise: false, schedule: false, max: 4 });
    boss.on("error", () => {});
    await boss.start();
    const deps = createIngestDeps(db, boss, BENCH_SECRET);
    return async (rawBody, headers) => {
      const flat = Object.fromEntries(
        Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]),
      );
      return (await ingestWebhook(deps, { rawBody, headers: flat })).status;
    };
  }
  throw new Error(`unknown variant ${name}`);
}

const handle = await handlerFor(variant);
createServer(async (req, res) => {
  const status = await handle(await readBody(req), req.headers);
  res.writeHead(status).end();
}).listen(Number(portArg), "127.0.0.1", () => process.send?.("ready"));
