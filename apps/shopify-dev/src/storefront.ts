import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { signAppProxyRequest } from "./app-proxy";
import type { HttpResult } from "./http";
import { HttpError } from "./http";
import type { ResolvedOptions } from "./options";
import type { Shop } from "./state";

/**
 * The storefront preview: a plain shop page with LoyalNest's app embed, as Shopify renders
 * blocks/app-embed.liquid (the boot JSON + assets/launcher.js), and Shopify's app proxy behind it —
 * `/apps/loyalnest/*` from the page is forwarded to the app's proxy URL with `shop`,
 * `logged_in_customer_id`, `path_prefix`, `timestamp` and `signature` added, the shopper being the
 * one the preview logged in (a cookie, as Shopify's storefront session is).
 */
export const PREVIEW_PATH = "/_dev/storefront";
export const PREVIEW_ASSETS_PATH = `${PREVIEW_PATH}/assets/`;
const SESSION_COOKIE = "shopify_dev_storefront";
const ALL_LOCALES = ["en", "fr", "de", "es", "ar", "he"];

export interface PreviewSession {
  shop: string;
  customerId: string | null;
}

export function readSession(cookieHeader: string | undefined): PreviewSession | null {
  for (const part of (cookieHeader ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name !== SESSION_COOKIE) continue;
    const [shop, customerId] = decodeURIComponent(rest.join("=")).split("|");
    if (!shop) return null;
    return { shop, customerId: customerId && /^\d{1,20}$/.test(customerId) ? customerId : null };
  }
  return null;
}

function sessionCookie(session: PreviewSession): string {
  const value = encodeURIComponent(`${session.shop}|${session.customerId ?? ""}`);
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax`;
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
/** JSON inside a <script> element: `<` escaped so no value can close it (as the Liquid does). */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

/** A minimal Liquid `t` over the extension's locale files, for the blocks the preview draws. */
function translator(options: ResolvedOptions, locale: string) {
  const load = (file: string): Record<string, unknown> => {
    const path = join(options.themeExtensionDir, "locales", file);
    return existsSync(path) ? (JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>) : {};
  };
  const catalogs = [load(`${locale}.json`), load("en.default.json")];
  const get = (key: string) => {
    for (const catalog of catalogs) {
      const value = key
        .split(".")
        .reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], catalog);
      if (typeof value === "string") return value;
    }
    return key;
  };
  return (key: string, vars: Record<string, string | number> = {}) => {
    const count = vars.count;
    const text =
      typeof count === "number" ? get(`${key}.${new Intl.PluralRules(locale).select(count)}`) : get(key);
    return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) => String(vars[name] ?? m));
  };
}

export interface PreviewQuery {
  customer: string | null;
  locale: string;
  /**
   * The merchant's widget settings (`branding`, `languages`) to preview; null = what the app saved
   * in the app-data metafield (as a real theme renders it), else every language enabled.
   */
  config: unknown;
  page: "home" | "loyalty";
  embed: boolean;
}

export function parsePreviewQuery(query: URLSearchParams): PreviewQuery {
  const customer = query.get("customer");
  if (customer !== null && customer !== "" && !/^\d{1,20}$/.test(customer))
    throw new HttpError(400, "customer must be a numeric Shopify customer id");
  let config: unknown = null;
  const rawConfig = query.get("config");
  if (rawConfig) {
    try {
      config = JSON.parse(rawConfig);
    } catch {
      throw new HttpError(400, 'config must be JSON, e.g. {"branding":{"primaryColor":"#aa3355"}}');
    }
  }
  return {
    customer: customer || null,
    locale: query.get("locale") || "en",
    config,
    page: query.get("page") === "loyalty" ? "loyalty" : "home",
    embed: query.get("embed") !== "0",
  };
}

/** What the app wrote to its app-data metafield `loyalnest.widget_config`, as Liquid would read it. */
function savedWidgetConfig(shop: Shop): unknown {
  const saved = shop.appMetafields.get("loyalnest.widget_config");
  if (!saved) return null;
  try {
    return JSON.parse(saved.value) as unknown;
  } catch {
    return null;
  }
}

export function renderStorefrontPreview(
  shop: Shop,
  query: PreviewQuery,
  options: ResolvedOptions,
): HttpResult {
  const t = translator(options, query.locale.split("-")[0] ?? "en");
  const self = (extra: Record<string, string>) => {
    const params = new URLSearchParams({ shop: shop.domain, locale: query.locale });
    if (query.customer) params.set("customer", query.customer);
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    return `${PREVIEW_PATH}?${params.toString()}`;
  };
  const boot = {
    shop: shop.domain,
    shopName: shop.name,
    locale: query.locale,
    currency: shop.currencyCode,
    customer: query.customer ? { id: Number(query.customer), firstName: null } : null,
    proxyPath: options.appProxyPrefix,
    routes: { login: self({ customer: "" }), register: self({ customer: "" }) },
    showLauncher: true,
    settings: query.config ?? savedWidgetConfig(shop) ?? { languages: { enabled: ALL_LOCALES } },
  };
  const price = 4200;
  const points = Math.floor(price / 100);
  const product = `<article class="card">
      <div class="img" aria-hidden="true"></div>
      <h2>Nest Tote</h2><p class="price">$${(price / 100).toFixed(2)}</p>
      <div class="loyalnest-product-points" style="margin:.75rem 0;font-weight:600"><span aria-hidden="true">★</span>
        <span>${escapeHtml(t("product.earn", { points: t("points", { count: points }) }))}</span></div>
      <button type="button" class="buy">Add to cart</button>
    </article>`;
  const loyalty = `<section class="loyalnest-page">
      <h2>${escapeHtml(t("page.title"))}</h2><p>${escapeHtml(t("page.intro"))}</p>
      <div data-loyalnest-inline style="min-height:${query.customer ? 640 : 220}px"></div>
    </section>`;
  const embed = query.embed
    ? `<script type="application/json" id="loyalnest-boot" data-panel-src="${PREVIEW_ASSETS_PATH}panel.js">${scriptJson(boot)}</script>
  <script src="${PREVIEW_ASSETS_PATH}launcher.js" defer></script>`
    : "";
  const html = `<!doctype html>
<html lang="${escapeHtml(query.locale)}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(shop.name)} — storefront preview</title>
  <style>
    body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;background:#fafafa}
    header{display:flex;gap:1.5rem;align-items:center;padding:1rem 2rem;background:#fff;border-bottom:1px solid #e5e5e5}
    header strong{flex:1;font-size:1.2rem} header a{color:#333}
    main{max-width:960px;margin:2rem auto;padding:0 1rem}
    .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:1.5rem}
    .card{background:#fff;border:1px solid #e5e5e5;border-radius:8px;padding:1rem}
    .img{height:180px;border-radius:6px;background:linear-gradient(135deg,#d7dcf7,#f4e1d2)}
    .price{font-size:1.1rem} .buy{padding:.6rem 1rem;border:0;border-radius:6px;background:#222;color:#fff}
  </style>
</head>
<body>
  <header>
    <strong>${escapeHtml(shop.name)}</strong>
    <a href="${escapeHtml(self({ page: "home" }))}">Shop</a>
    <a href="${escapeHtml(self({ page: "loyalty" }))}">${escapeHtml(t("page.title"))}</a>
    <a href="#loyalnest">${escapeHtml(t("launcher.label"))}</a>
    <span>${query.customer ? `Customer ${escapeHtml(query.customer)}` : "Guest"}</span>
  </header>
  <main>
    ${query.page === "loyalty" ? loyalty : `<h1>New arrivals</h1><div class="grid">${product}</div>`}
  </main>
  ${embed}
</body>
</html>`;
  return {
    status: 200,
    html,
    headers: {
      "Set-Cookie": sessionCookie({ shop: shop.domain, customerId: query.customer }),
      "Cache-Control": "no-store",
    },
  };
}

/** `assets/launcher.js`, `assets/panel.js` of the theme app extension, as Shopify's CDN serves them. */
export function serveThemeAsset(file: string, options: ResolvedOptions): HttpResult {
  if (!/^[\w-]+\.(js|css)$/.test(file)) throw new HttpError(404, "No such asset");
  const path = join(options.themeExtensionDir, "assets", file);
  if (!existsSync(path))
    throw new HttpError(
      404,
      `${file} is not built: run \`pnpm --filter @loyalnest/storefront-ext build\` (the dev stack's \`dev\` task builds it)`,
    );
  return {
    status: 200,
    body: readFileSync(path),
    headers: {
      "Content-Type": file.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8",
      "Cache-Control": "no-cache",
    },
  };
}

export function isAppProxyPath(pathname: string, options: ResolvedOptions): boolean {
  return pathname === options.appProxyPrefix || pathname.startsWith(`${options.appProxyPrefix}/`);
}

/** Headers Shopify's proxy passes on; cookies are never forwarded to the app. */
const FORWARDED_HEADERS = ["accept", "accept-language", "content-type", "user-agent"];

/**
 * Forwards a storefront request under the proxy prefix to the app, signed as Shopify signs it.
 * The shopper's own query string is kept (Shopify forwards it and signs it too).
 */
export async function proxyToApp(
  request: {
    method: string;
    url: URL;
    headers: Record<string, string | string[] | undefined>;
    body: string;
  },
  options: ResolvedOptions,
  knownShop: (domain: string) => boolean,
): Promise<HttpResult> {
  const session = readSession(
    typeof request.headers.cookie === "string" ? request.headers.cookie : undefined,
  );
  const shop = session?.shop ?? options.shops[0]?.domain;
  if (!shop || !knownShop(shop))
    throw new HttpError(404, `Open ${PREVIEW_PATH}?shop=… first: the proxy needs to know the shop`);
  const signed = signAppProxyRequest(
    {
      shop,
      path: request.url.pathname,
      query: request.url.search,
      loggedInCustomerId: session?.customerId ?? null,
      pathPrefix: options.appProxyPrefix,
      proxyUrl: options.appProxyUrl,
    },
    options.apiSecret,
  );
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const value = request.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  let response: Response;
  try {
    response = await fetch(signed.url, {
      method: request.method,
      headers,
      ...(hasBody ? { body: request.body } : {}),
      redirect: "manual",
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    // Shopify answers its own error page when the app cannot be reached.
    return {
      status: 502,
      html: `<!doctype html><title>Bad gateway</title><p>The app at ${escapeHtml(options.appProxyUrl)} did not answer (${escapeHtml(String(error))}).</p>`,
    };
  }
  const out: Record<string, string> = {};
  for (const name of ["content-type", "cache-control", "retry-after", "location"]) {
    const value = response.headers.get(name);
    if (value !== null) out[name] = value;
  }
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()), headers: out };
}
