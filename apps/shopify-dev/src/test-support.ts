import http from "node:http";
import type { AddressInfo } from "node:net";

/** A webhook receiver for tests: records raw bodies and headers; its answer is programmable. */
export interface Received {
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  at: number;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Status to answer with, or "hang" to never answer. */
  respond: (r: Received) => number | "hang";
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const receiver = { received: [] as Received[], respond: (() => 200) as Receiver["respond"] };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry = {
        headers: req.headers,
        rawBody: Buffer.concat(chunks).toString("utf8"),
        at: performance.now(),
      };
      receiver.received.push(entry);
      const answer = receiver.respond(entry);
      if (answer === "hang") return;
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/api/webhooks`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  });
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const SHOP = "test-shop.myshopify.com";
export const SECRET = "test-secret";
export const API_KEY = "test-client-id";
