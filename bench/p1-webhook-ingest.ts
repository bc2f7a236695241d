/**
 * P1 — webhook ingest (quality.md): LoyalNest's edge vs bare node:http servers measured in the
 * same run on the same machine. Each server runs in its own process; autocannon drives it with
 * 50 connections, every request a distinct event id with a valid signature.
 *   pnpm exec tsx bench/p1-webhook-ingest.ts        (P1_SECONDS=15 P1_CONNECTIONS=50)
 */
import { fork } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { join } from "node:path";
import { installQueueSchema } from "@loyalnest/queue";
import autocannon from "autocannon";
import { BENCH_SECRET_VALUE, recordBenchmark, scratchDatabase } from "./lib";

const seconds = Number(process.env.P1_SECONDS ?? 15);
const connections = Number(process.env.P1_CONNECTIONS ?? 50);
const SHOP = "bench-shop.myshopify.com";

const body = JSON.stringify({
  id: 820982911946154500,
  email: "jon@example.com",
  financial_status: "paid",
  total_price: "403.00",
  current_subtotal_price_set: { shop_money: { amount: "398.00", currency_code: "USD" } },
  line_items: Array.from({ length: 3 }, (_, i) => ({
    id: i + 1,
    title: "IPod Nano - 8GB",
    price: "199.00",
    quantity: 1,
  })),
  customer: { id: 115310627314723950, email: "john@example.com" },
});
const hmac = createHmac("sha256", BENCH_SECRET_VALUE).update(body).digest("base64");

async function measure(variant: string, databaseUrl: string, port: number) {
  const child = fork(join(import.meta.dirname, "p1", "servers.ts"), [variant, String(port), databaseUrl], {
    execArgv: ["--import", "tsx"],
    stdio: "inherit",
  });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`${variant} exited ${code}`)));
  });
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/`,
    connections,
    duration: seconds,
    method: "POST",
    requests: [
      {
        setupRequest: (req) => ({
          ...req,
          body,
          headers: {
            "content-type": "application/json",
            "x-shopify-topic": "orders/paid",
            "x-shopify-hmac-sha256": hmac,
            "x-shopify-shop-domain": SHOP,
            "x-shopify-api-version": "2026-01",
            "x-shopify-webhook-id": randomUUID(),
            "x-shopify-event-id": randomUUID(),
            "x-shopify-triggered-at": new Date().toISOString(),
          },
        }),
      },
    ],
  });
  child.kill("SIGTERM");
  const non2xx = result.non2xx + result.errors;
  return { variant, rps: Math.round(result.requests.average), p99: result.latency.p99, non2xx };
}

const { url, drop } = await scratchDatabase("p1");
try {
  await installQueueSchema(url);
  const { default: postgres } = await import("postgres");
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql`create table bench_events (id bigserial primary key, event_id text unique not null, body text not null)`;
  await sql`insert into shops (domain, name, currency, timezone) values (${SHOP}, 'Bench', 'USD', 'UTC')`;
  await sql.end();

  const rows = [];
  let port = 4700;
  for (const variant of ["hmac", "hmac-insert", "hmac-grouped", "edge"])
    rows.push(await measure(variant, url, port++));
  for (const row of rows)
    console.info(
      `${row.variant.padEnd(14)} ${String(row.rps).padStart(6)} req/s  p99 ${row.p99} ms  non-2xx ${row.non2xx}`,
    );
  const by = Object.fromEntries(rows.map((r) => [r.variant, r]));
  const edge = by.edge!;
  const ratio = edge.rps / by["hmac-insert"]!.rps;
  const stretch = edge.rps / by["hmac-grouped"]!.rps;
  console.info(`P1 edge / (HMAC + one INSERT) = ${(ratio * 100).toFixed(0)}% (target ≥ 85%)`);
  console.info(`P1 edge / (HMAC + grouped INSERT) = ${(stretch * 100).toFixed(0)}% (stretch ≥ 80%)`);
  await recordBenchmark({
    id: "P1",
    what: `webhook ingest, ${connections} connections, ${seconds} s`,
    baseline: `HMAC + 1 INSERT ${by["hmac-insert"]!.rps}/s; grouped ${by["hmac-grouped"]!.rps}/s; HMAC only ${by.hmac!.rps}/s`,
    result: `${edge.rps}/s, p99 ${edge.p99} ms, ${edge.non2xx} non-2xx`,
    ratio: `${(ratio * 100).toFixed(0)}% (grouped: ${(stretch * 100).toFixed(0)}%)`,
    target: "≥ 85% (stretch ≥ 80% of grouped); p99 ≤ 50 ms",
  });
} finally {
  await drop();
}
