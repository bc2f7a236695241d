import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { HttpResult } from "./http";
import { HttpError } from "./http";
import type { ResolvedOptions } from "./options";
import type { Shop } from "./state";

/**
 * The POS preview: LoyalNest's POS UI extension (apps/storefront-ext/extensions/loyalty-pos) on a
 * plain page — the home tile, the customer-details block and the post-purchase menu item, and the
 * modal each opens — rendered by the extension's own Preact components over a fake POS host
 * (apps/storefront-ext/src/pos/preview). The page has what POS would control: Connectivity
 * (Connected / Disconnected), the cart (customer, subtotal, applied codes), and a fault ("lose the
 * next sync answer"). Session tokens come from `/_dev/session-token` (kind `pos`); the extension's
 * `/api/trpc/pos.*` calls go to `/_dev/pos/api/trpc/*`, forwarded to the app with their
 * `Authorization` header (POS calls the app directly; the page cannot, the app sends no CORS headers).
 */
export const POS_PREVIEW_PATH = "/_dev/pos";
export const POS_PREVIEW_ASSETS_PATH = `${POS_PREVIEW_PATH}/assets/`;
export const POS_PREVIEW_API_PATH = `${POS_PREVIEW_PATH}/api/trpc`;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

export interface PosPreviewQuery {
  customer: string | null;
  staff: string;
  subtotal: string;
}

export function parsePosPreviewQuery(query: URLSearchParams): PosPreviewQuery {
  const customer = query.get("customer");
  if (customer && !/^\d{1,20}$/.test(customer))
    throw new HttpError(400, "customer must be a numeric Shopify customer id");
  const staff = query.get("staff") || "9001";
  if (!/^\d{1,20}$/.test(staff)) throw new HttpError(400, "staff must be a numeric staff member id");
  const subtotal = query.get("subtotal") || "42.00";
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(subtotal))
    throw new HttpError(400, "subtotal must be an amount like 42.00");
  return { customer: customer || null, staff, subtotal };
}

export function renderPosPreview(shop: Shop, query: PosPreviewQuery): HttpResult {
  const config = {
    shop: shop.domain,
    staffId: query.staff,
    customerId: query.customer,
    subtotal: query.subtotal,
    currency: shop.currencyCode,
    apiBase: POS_PREVIEW_API_PATH,
    tokenUrl: "/_dev/session-token",
  };
  const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(shop.name)} — POS preview</title>
  <style>
    body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2937;background:#e5e7eb}
    header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;padding:.75rem 1.5rem;background:#111827;color:#fff}
    header strong{flex:1} header button{padding:.4rem .8rem;border-radius:6px;border:0;cursor:pointer}
    header button[disabled]{opacity:.4;cursor:default}
    #connectivity-status{padding:.2rem .6rem;border-radius:10px;background:#16a34a}
    #connectivity-status[data-state=disconnected]{background:#dc2626}
    main{display:grid;grid-template-columns:260px 1fr;gap:1.5rem;padding:1.5rem}
    aside section{background:#fff;border-radius:10px;padding:1rem;margin-bottom:1rem}
    aside h2{font-size:.95rem;margin:0 0 .5rem}
    #modal-frame{position:relative} #close-modal{position:absolute;right:12px;top:12px;z-index:1}
    #toasts{font-size:.85rem;padding-left:1.1rem;margin:0}
  </style>
</head>
<body>
  <header>
    <strong>${escapeHtml(shop.name)} — POS preview (stand-in)</strong>
    <span>Connectivity: <span id="connectivity-status" role="status" aria-live="polite">Connected</span></span>
    <button type="button" id="go-offline">Go offline</button>
    <button type="button" id="go-online">Reconnect</button>
    <label><input type="checkbox" id="lose-next-sync"> Lose the next sync answer</label>
  </header>
  <main>
    <aside>
      <section><h2>Home screen</h2><div id="tile"></div></section>
      <section><h2>Customer details</h2><div id="customer-block">${query.customer ? "" : "<p>No customer in the cart.</p>"}</div></section>
      <section><h2>After a sale</h2><div id="post-purchase"></div></section>
      <section>
        <h2>Cart</h2>
        <p>Customer: ${query.customer ? escapeHtml(query.customer) : "none"} · Subtotal: ${escapeHtml(query.subtotal)} ${escapeHtml(shop.currencyCode)}</p>
        <p>Discount codes: <span id="cart-codes">none</span></p>
      </section>
      <section><h2>Toasts</h2><ul id="toasts"></ul></section>
    </aside>
    <div id="modal-frame" hidden>
      <button type="button" id="close-modal" aria-label="Close the modal">×</button>
      <div id="modal"></div>
    </div>
  </main>
  <script type="application/json" id="ln-pos-config">${scriptJson(config)}</script>
  <script src="${POS_PREVIEW_ASSETS_PATH}pos-preview.js" defer></script>
</body>
</html>`;
  return { status: 200, html, headers: { "Cache-Control": "no-store" } };
}

export function servePosPreviewAsset(file: string, options: ResolvedOptions): HttpResult {
  if (!/^[\w-]+\.js$/.test(file)) throw new HttpError(404, "No such asset");
  const path = join(options.posPreviewDir, file);
  if (!existsSync(path))
    throw new HttpError(
      404,
      `${file} is not built: run \`pnpm --filter @loyalnest/storefront-ext build\` (builds the POS preview too)`,
    );
  return {
    status: 200,
    body: readFileSync(path),
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache" },
  };
}

export const isPosPreviewApiPath = (pathname: string) => pathname.startsWith(`${POS_PREVIEW_API_PATH}/`);

const FORWARDED = ["accept", "authorization", "content-type"];

/** `/_dev/pos/api/trpc/<procedure>` → `{appUrl}/api/trpc/<procedure>`, query, body and Authorization kept. */
export async function forwardPosApi(
  request: { method: string; url: URL; headers: Record<string, string | string[] | undefined>; body: string },
  options: ResolvedOptions,
): Promise<HttpResult> {
  const procedure = request.url.pathname.slice(POS_PREVIEW_API_PATH.length + 1);
  if (!/^pos\.\w+$/.test(procedure))
    throw new HttpError(404, "The POS preview forwards pos.* procedures only");
  const target = `${options.appUrl.replace(/\/$/, "")}/api/trpc/${procedure}${request.url.search}`;
  const headers: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = request.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  let response: Response;
  try {
    response = await fetch(target, {
      method: request.method,
      headers,
      ...(hasBody ? { body: request.body } : {}),
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    return {
      status: 502,
      json: { error: { message: `The app at ${options.appUrl} did not answer (${String(error)}).` } },
    };
  }
  const out: Record<string, string> = {};
  for (const name of ["content-type", "cache-control", "retry-after"]) {
    const value = response.headers.get(name);
    if (value !== null) out[name] = value;
  }
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()), headers: out };
}
