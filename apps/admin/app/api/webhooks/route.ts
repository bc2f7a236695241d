import { ingestWebhook, MAX_WEBHOOK_BODY_BYTES } from "@loyalnest/api";
import { serverContext } from "../../../lib/server-context";

export const dynamic = "force-dynamic";

/** Shopify's webhooks: verified on the raw body, recorded and enqueued; see ingestWebhook. */
export async function POST(request: Request) {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (declared > MAX_WEBHOOK_BODY_BYTES) {
    return Response.json({ ok: false, error: "webhook body is larger than 1 MiB" }, { status: 413 });
  }
  const rawBody = Buffer.from(await request.arrayBuffer());
  let context;
  try {
    context = await serverContext();
  } catch {
    return Response.json(
      { ok: false, error: "LoyalNest is starting or its database is down" },
      { status: 503 },
    );
  }
  const result = await ingestWebhook(context.webhooks, { rawBody, headers: request.headers });
  return Response.json(result.body, { status: result.status });
}
