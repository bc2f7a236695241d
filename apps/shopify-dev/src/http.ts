import type { IncomingMessage, ServerResponse } from "node:http";

/** Tiny HTTP helpers: read a body, answer JSON / HTML / text. */
export interface HttpResult {
  status: number;
  json?: unknown;
  html?: string;
  text?: string;
  /** Sent as is; the Content-Type comes from `headers`. */
  body?: string | Buffer;
  headers?: Record<string, string>;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, "Request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** JSON or form-encoded (OAuth clients send either). */
export function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw.trim() === "") return {};
  // curl and some OAuth clients label JSON as a form; trust the bytes over the label.
  if (contentType?.includes("application/x-www-form-urlencoded") && !raw.trimStart().startsWith("{"))
    return Object.fromEntries(new URLSearchParams(raw));
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new HttpError(400, "Body must be a JSON object");
}

export function send(res: ServerResponse, result: HttpResult): void {
  const headers: Record<string, string> = { ...result.headers };
  let body: string | Buffer = "";
  if (result.json !== undefined) {
    headers["Content-Type"] = "application/json; charset=utf-8";
    body = JSON.stringify(result.json);
  } else if (result.html !== undefined) {
    headers["Content-Type"] = "text/html; charset=utf-8";
    body = result.html;
  } else if (result.text !== undefined) {
    headers["Content-Type"] = "text/plain; charset=utf-8";
    body = result.text;
  } else if (result.body !== undefined) {
    body = result.body;
  }
  res.writeHead(result.status, headers);
  res.end(body);
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
