import http from "node:http";
import https from "node:https";

/**
 * One POST with Shopify's patience: `connectMs` to establish the connection and `totalMs` for the
 * whole exchange. Resolves with the status code, or with an error description on timeout/refusal.
 */
export interface PostResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export function postWithTimeouts(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeouts: { connectMs: number; totalMs: number },
  agents: { http: http.Agent; https: https.Agent },
): Promise<PostResult> {
  const started = performance.now();
  const target = new URL(url);
  const isHttps = target.protocol === "https:";
  return new Promise((resolve) => {
    let settled = false;
    const finish = (statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      resolve({ statusCode, error, durationMs: Math.round(performance.now() - started) });
    };
    const request = (isHttps ? https : http).request(target, {
      method: "POST",
      headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
      agent: isHttps ? agents.https : agents.http,
    });
    const connectTimer = setTimeout(() => {
      finish(null, `connect timeout after ${timeouts.connectMs} ms`);
      request.destroy();
    }, timeouts.connectMs);
    const totalTimer = setTimeout(() => {
      finish(null, `timeout after ${timeouts.totalMs} ms`);
      request.destroy();
    }, timeouts.totalMs);
    request.on("socket", (socket) => {
      // A reused keep-alive socket is already connected.
      if (!socket.connecting) clearTimeout(connectTimer);
      else socket.once("connect", () => clearTimeout(connectTimer));
    });
    request.on("response", (response) => {
      response.resume();
      response.on("end", () => finish(response.statusCode ?? null, null));
      response.on("error", (e) => finish(response.statusCode ?? null, e.message));
    });
    request.on("error", (e) => finish(null, e.message));
    request.end(body);
  });
}
