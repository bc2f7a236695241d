import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { EXTENSION_PREVIEW_SHIM } from "./extension-preview-shim";
import type { HttpResult } from "./http";
import { HttpError } from "./http";
import type { ResolvedOptions } from "./options";
import type { DiscountCode, Shop, StandInState } from "./state";
import { gid } from "./state";

/**
 * The checkout / customer-account extension preview: LoyalNest's real extension bundles
 * (apps/storefront-ext `pnpm build` → `extensions/<handle>/dist/<handle>.js`) run in a page that
 * plays Shopify around them.
 *
 *   GET /_dev/extension?target=thank-you|order-status|checkout|account|profile&shop=&customer=&order=&locale=&subtotal=&codes=
 *
 * The page draws the surface's frame (thank-you / checkout summary / customer account) and runs
 * the target in an iframe (Shopify isolates extensions too; the target renders into the frame's
 * `document.body`). What is real: the bundle, Preact, the extension's logic and API calls, the
 * session tokens (minted by the stand-in, HS256 with the app secret, customer `sub`), the app's
 * `shopper.*` procedures (forwarded unchanged from `/_dev/extension/api/trpc/*` with `Authorization`
 * and `x-loyalnest-surface`), the stand-in's orders and discount codes. What is shimmed: the Polaris
 * web components (simple custom elements, see extension-preview-shim.ts), the `shopify` global's
 * plumbing (signals, no `setSignals`), and checkout's discount judgement (`applyDiscountCodeChange`
 * asks `/_dev/extension/discount-codes`: the code must exist, be active, be the customer's and not
 * used up; it is allocated only when it and every code already on the checkout combine with each
 * other — otherwise it is listed but not allocated, as Shopify shows a code that does not apply).
 */
export const EXTENSION_PREVIEW_PATH = "/_dev/extension";
export const EXTENSION_API_PATH = `${EXTENSION_PREVIEW_PATH}/api/trpc`;

const TARGETS = {
  "thank-you": {
    handle: "loyalty-checkout",
    exportName: "ThankYou",
    token: "checkout",
    target: "purchase.thank-you.block.render",
  },
  "order-status": {
    handle: "loyalty-checkout",
    exportName: "OrderStatus",
    token: "customer_account",
    target: "customer-account.order-status.block.render",
  },
  checkout: {
    handle: "loyalty-checkout",
    exportName: "Checkout",
    token: "checkout",
    target: "purchase.checkout.block.render",
  },
  account: {
    handle: "loyalty-account",
    exportName: "LoyaltyPage",
    token: "customer_account",
    target: "customer-account.page.render",
  },
  profile: {
    handle: "loyalty-account",
    exportName: "ProfileBlock",
    token: "customer_account",
    target: "customer-account.profile.block.render",
  },
} as const;
export type PreviewTarget = keyof typeof TARGETS;

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

export interface ExtensionPreviewQuery {
  target: PreviewTarget;
  customer: string | null;
  order: number | null;
  locale: string;
  subtotal: number;
  codes: string[];
}

export function parseExtensionPreviewQuery(query: URLSearchParams): ExtensionPreviewQuery {
  const target = query.get("target") ?? "thank-you";
  if (!(target in TARGETS))
    throw new HttpError(400, `target must be one of ${Object.keys(TARGETS).join(", ")}`);
  const customer = query.get("customer");
  if (customer && !/^\d{1,20}$/.test(customer))
    throw new HttpError(400, "customer must be a numeric Shopify customer id");
  const order = query.get("order");
  if (order && !/^\d{1,20}$/.test(order)) throw new HttpError(400, "order must be a numeric order id");
  const subtotal = query.get("subtotal") || "80.00";
  if (!/^\d{1,9}(\.\d{1,2})?$/.test(subtotal))
    throw new HttpError(400, "subtotal must be an amount like 80.00");
  const locale = query.get("locale") || "en";
  if (!/^[a-z]{2}(-[A-Za-z]{2})?$/.test(locale))
    throw new HttpError(400, "locale must look like fr or fr-CA");
  return {
    target: target as PreviewTarget,
    customer: customer || null,
    order: order ? Number(order) : null,
    locale,
    subtotal: Number(subtotal),
    codes: (query.get("codes") ?? "")
      .split(",")
      .map((c) => c.trim())
      .filter(Boolean),
  };
}

export function renderExtensionPreview(shop: Shop, query: ExtensionPreviewQuery, frame: boolean): HttpResult {
  const spec = TARGETS[query.target];
  const order = query.order === null ? null : shop.orders.get(query.order);
  if (query.order !== null && !order) throw new HttpError(404, `No order ${query.order} in ${shop.domain}`);
  if ((query.target === "thank-you" || query.target === "order-status") && !order)
    throw new HttpError(400, "The thank-you and order-status previews need &order=<id> (POST /_dev/orders)");
  const customerId = query.customer ?? (order?.customerId ? String(order.customerId) : null);
  const self = new URLSearchParams({ shop: shop.domain, target: query.target, locale: query.locale });
  if (customerId) self.set("customer", customerId);
  if (order) self.set("order", String(order.id));
  self.set("subtotal", query.subtotal.toFixed(2));
  if (query.codes.length > 0) self.set("codes", query.codes.join(","));
  const dir = ["ar", "he"].includes(query.locale.slice(0, 2)) ? "rtl" : "ltr";

  if (frame) {
    const config = {
      target: spec.target,
      exportName: spec.exportName,
      bundleUrl: `${EXTENSION_PREVIEW_PATH}/assets/${spec.handle}.js`,
      tokenKind: spec.token,
      shop: shop.domain,
      shopName: shop.name,
      customerId,
      locale: query.locale,
      currency: shop.currencyCode,
      order: order
        ? {
            gid: gid("Order", order.id),
            number: String(order.number),
            name: order.name,
            processedAt: order.processedAt,
          }
        : null,
      checkout: query.target === "checkout" ? { subtotal: query.subtotal, codes: query.codes } : null,
    };
    return {
      status: 200,
      headers: { "Cache-Control": "no-store" },
      html: `<!doctype html><html lang="${escapeHtml(query.locale)}" dir="${dir}"><head><meta charset="utf-8">
<script type="application/json" id="preview-config">${scriptJson(config)}</script>
<script type="module" src="${EXTENSION_PREVIEW_PATH}/shim.js"></script></head><body></body></html>`,
    };
  }

  const money = (amount: number) =>
    new Intl.NumberFormat("en", { style: "currency", currency: shop.currencyCode }).format(amount);
  const heading =
    query.target === "thank-you"
      ? `Thank you! Order ${escapeHtml(order!.name)} is confirmed`
      : query.target === "order-status"
        ? `Order ${escapeHtml(order!.name)}`
        : query.target === "checkout"
          ? "Checkout"
          : "Your account";
  const side =
    query.target === "checkout"
      ? `<aside class="summary" aria-label="Order summary"><h2>Order summary</h2>
  <p>Subtotal <span>${money(query.subtotal)}</span></p>
  <div id="codes" aria-live="polite">${query.codes.map((c) => `<p class="code">${escapeHtml(c)}</p>`).join("")}</div>
  <p class="note" id="code-note"></p></aside>`
      : order
        ? `<aside class="summary" aria-label="Order summary"><h2>Order ${escapeHtml(order.name)}</h2>
  <p>${order.lineItems.map((l) => `${escapeHtml(l.title)} × ${l.quantity}`).join("<br>")}</p></aside>`
        : "";
  const html = `<!doctype html>
<html lang="${escapeHtml(query.locale)}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(shop.name)} — ${escapeHtml(spec.target)} preview</title>
<style>
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;background:#f4f4f4;color:#1a1a1a}
header{padding:14px 28px;background:#fff;border-bottom:1px solid #e3e3e3;display:flex;justify-content:space-between}
main{max-width:1000px;margin:24px auto;padding:0 16px;display:grid;grid-template-columns:minmax(0,1fr) 300px;gap:24px}
main.single{grid-template-columns:minmax(0,1fr)}
.summary{background:#fff;border:1px solid #e3e3e3;border-radius:10px;padding:16px;align-self:start}
.summary p{display:flex;justify-content:space-between;gap:8px}.code{font-family:monospace}
.code.unapplied{color:#8a5a00;text-decoration:line-through}.note{color:#8a5a00;font-size:.9em}
iframe{width:100%;border:0;min-height:80px;display:block}
.label{font-size:.8em;color:#6b6b6b;margin:0 0 4px}
</style></head>
<body>
<header><strong>${escapeHtml(shop.name)}</strong><span>${customerId ? `Customer ${escapeHtml(customerId)}` : "Guest"} · preview of <code>${escapeHtml(spec.target)}</code></span></header>
<main class="${side ? "" : "single"}">
  <section><h1>${heading}</h1>
    <p class="label">LoyalNest extension (${escapeHtml(spec.handle)}) — Polaris components shimmed, see the stand-in README</p>
    <iframe title="LoyalNest ${escapeHtml(spec.target)}" src="${EXTENSION_PREVIEW_PATH}/frame?${escapeHtml(self.toString())}"></iframe>
  </section>
  ${side}
</main>
<script>
window.addEventListener("message", (event) => {
  if (event.origin !== location.origin || !event.data || !event.data.checkout) return;
  const { codes, allocations, note } = event.data.checkout;
  const applied = new Set(allocations.map((a) => (a.code || "").toLowerCase()));
  const box = document.getElementById("codes");
  if (!box) return;
  box.replaceChildren(...codes.map((c) => {
    const p = document.createElement("p");
    p.className = "code" + (applied.has(c.code.toLowerCase()) ? "" : " unapplied");
    p.textContent = c.code + (applied.has(c.code.toLowerCase()) ? " — applied" : " — not applied");
    return p;
  }));
  document.getElementById("code-note").textContent = note || "";
});
</script>
</body></html>`;
  return { status: 200, html, headers: { "Cache-Control": "no-store" } };
}

export function serveExtensionShim(): HttpResult {
  return {
    status: 200,
    body: EXTENSION_PREVIEW_SHIM,
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache" },
  };
}

/** `extensions/<handle>/dist/<handle>.js`, built by apps/storefront-ext `pnpm build`. */
export function serveExtensionBundle(file: string, options: ResolvedOptions): HttpResult {
  const match = /^(loyalty-checkout|loyalty-account)\.js$/.exec(file);
  if (!match) throw new HttpError(404, "No such extension bundle");
  const path = join(options.uiExtensionsDir, match[1]!, "dist", file);
  if (!existsSync(path))
    throw new HttpError(404, `${file} is not built: run \`pnpm --filter @loyalnest/storefront-ext build\``);
  return {
    status: 200,
    body: readFileSync(path),
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache" },
  };
}

type DiscountClass = "order" | "shipping";
const classOf = (d: DiscountCode): DiscountClass => (d.kind === "free_shipping" ? "shipping" : "order");
const allows = (d: DiscountCode | undefined, other: DiscountClass) =>
  d ? (other === "shipping" ? d.combinesWith.shippingDiscounts : d.combinesWith.orderDiscounts) : false;

/**
 * Checkout's judgement of a code for the preview: refused (`error`) when unknown, inactive, someone
 * else's or used up; else added, and allocated only if it combines with every code already there
 * (both ways). Codes on the checkout that the stand-in does not know are order discounts that
 * combine with nothing (e.g. `&codes=SUMMER10`).
 */
export function judgeCheckoutCode(
  state: StandInState,
  input: { shop: string; customerId: string | null; code: string; codes: string[] },
) {
  const shop = state.requireShop(input.shop);
  const find = (code: string) =>
    [...shop.discounts.values()].find((d) => d.code.toLowerCase() === code.toLowerCase());
  const discount = find(input.code);
  const refuse = (message: string) => ({
    result: { type: "error", message },
    code: input.code,
    allocated: false,
    note: message,
  });
  if (!discount) return refuse(`Enter a valid discount code (${input.code})`);
  const now = Date.now();
  if (Date.parse(discount.startsAt) > now || (discount.endsAt && Date.parse(discount.endsAt) <= now))
    return refuse(`${discount.code} is not active`);
  if (discount.usageLimit !== null && discount.usageCount >= discount.usageLimit)
    return refuse(`${discount.code} was used`);
  if (discount.customerIds.length > 0 && !discount.customerIds.includes(Number(input.customerId)))
    return refuse(`${discount.code} is not available to this customer`);
  const mine = classOf(discount);
  const blocking = input.codes.filter((code) => {
    const other = find(code);
    const theirs: DiscountClass = other ? classOf(other) : "order";
    return !(allows(discount, theirs) && allows(other, mine));
  });
  const amount = discount.value && "amountCents" in discount.value ? discount.value.amountCents / 100 : null;
  return {
    result: { type: "success" },
    code: discount.code,
    allocated: blocking.length === 0,
    amount,
    note: blocking.length === 0 ? "" : `${discount.code} can't be combined with ${blocking.join(", ")}`,
  };
}

const FORWARDED = ["accept", "authorization", "content-type", "x-loyalnest-surface"];

/** `/_dev/extension/api/trpc/shopper.*` → `{appUrl}/api/trpc/shopper.*`, headers and body kept. */
export async function forwardExtensionApi(
  request: { method: string; url: URL; headers: Record<string, string | string[] | undefined>; body: string },
  options: ResolvedOptions,
): Promise<HttpResult> {
  const procedure = request.url.pathname.slice(EXTENSION_API_PATH.length + 1);
  if (!/^shopper\.\w+$/.test(procedure))
    throw new HttpError(404, "The extension preview forwards shopper.* procedures only");
  const headers: Record<string, string> = {};
  for (const name of FORWARDED) {
    const value = request.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  let response: Response;
  try {
    response = await fetch(
      `${options.appUrl.replace(/\/$/, "")}/api/trpc/${procedure}${request.url.search}`,
      {
        method: request.method,
        headers,
        ...(hasBody ? { body: request.body } : {}),
        redirect: "manual",
        signal: AbortSignal.timeout(30_000),
      },
    );
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

export const isExtensionApiPath = (pathname: string) => pathname.startsWith(`${EXTENSION_API_PATH}/`);
