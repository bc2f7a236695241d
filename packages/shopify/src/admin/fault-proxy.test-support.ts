import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A pass-through proxy in front of the stand-in that can answer the next few requests with an
 * error status instead of forwarding them — the way a load balancer in front of Shopify fails.
 * Everything it does not fail reaches the real stand-in unchanged.
 */
export async function startFaultProxy(target: string) {
  const pending: number[] = [];
  const seen: number[] = [];
  const server = createServer((req, res) => void handle(req, res));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const failure = pending.shift();
    if (failure !== undefined) {
      seen.push(failure);
      res.writeHead(failure, { "Content-Type": "text/plain" }).end("injected failure");
      return;
    }
    const upstream = await fetch(target + (req.url ?? "/"), {
      method: req.method ?? "GET",
      headers: Object.fromEntries(
        Object.entries(req.headers).filter(
          ([name]) => !["host", "content-length", "connection"].includes(name),
        ),
      ) as Record<string, string>,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    seen.push(upstream.status);
    res.writeHead(upstream.status, {
      "Content-Type": upstream.headers.get("content-type") ?? "application/json",
    });
    res.end(Buffer.from(await upstream.arrayBuffer()));
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    /** The next requests get these statuses, in order. */
    failNext: (...statuses: number[]) => pending.push(...statuses),
    /** Every status the proxy answered. */
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
