/**
 * The browser side of the extension preview (served as `/_dev/extension/shim.js`, plain JS):
 * 1. HTML shims for the Polaris web components the LoyalNest extensions use (`s-section`,
 *    `s-stack`, `s-text`, `s-button`, `s-banner`, …): simple custom elements that look roughly like
 *    Shopify's and keep their contract — attributes, `click` / `change` / `copy` events, the
 *    `--copy` command of `s-button` over an `s-clipboard-item`. Not Shopify's rendering.
 * 2. `globalThis.shopify` for the target: session tokens minted by the stand-in for the shopper,
 *    localization, shop, the order (thank-you / order status) or the checkout (subtotal, discount
 *    codes and allocations, `applyDiscountCodeChange`, judged by the stand-in against its discounts).
 * 3. `fetch` to `{app}/api/trpc/*` re-routed to `/_dev/extension/api/trpc/*`, forwarded by the stand-in
 *    to the app with the same headers (Shopify's sandbox calls the app cross-origin; the app answers
 *    no CORS yet).
 * Then it imports the extension's built bundle and calls the target's export, as Shopify does.
 */
export const EXTENSION_PREVIEW_SHIM = String.raw`
const config = JSON.parse(document.getElementById("preview-config").textContent);
const outer = window.parent !== window ? window.parent : null;

// ---- Polaris web component shims -------------------------------------------------------------
const css = document.createElement("style");
css.textContent = [
  "body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a}",
  "s-stack{display:flex;flex-direction:column;gap:var(--gap,12px)}",
  "s-stack[direction=inline]{flex-direction:row;flex-wrap:wrap;align-items:center}",
  "s-stack[gap=none]{--gap:0}s-stack[gap=small-200]{--gap:8px}s-stack[gap=base]{--gap:14px}",
  "s-stack[justifycontent=space-between]{justify-content:space-between}",
  "s-stack[border]{border:1px solid #d9d9d9;border-radius:8px}s-stack[padding]{padding:10px}",
  "s-text{display:inline}s-text[type=strong]{font-weight:600}s-text[color=subdued]{color:#6b6b6b;font-size:.92em}",
  "s-text[tone=success]{color:#0b6b3a}s-text[tone=critical]{color:#b3261e}s-text[tone=warning]{color:#8a5a00}",
  "s-heading{display:block;font-size:1.25em;font-weight:650}s-paragraph{display:block}",
  "s-divider{display:block;border-top:1px solid #e3e3e3}",
  "s-clipboard-item{display:none}",
  "s-skeleton-paragraph{display:block;height:3em;border-radius:6px;background:linear-gradient(90deg,#eee,#f7f7f7,#eee)}",
].join("\n");
document.head.append(css);

function shadow(el, html) {
  if (!el.shadowRoot) el.attachShadow({ mode: "open" }).innerHTML = html;
  return el.shadowRoot;
}
function define(name, init, observed = [], extra = {}) {
  class Shim extends HTMLElement {
    static get observedAttributes() { return observed; }
    connectedCallback() { init(this); }
    attributeChangedCallback() { if (this.isConnected) init(this); }
  }
  Object.assign(Shim.prototype, extra);
  customElements.define(name, Shim);
}
const esc = (s) => String(s ?? "").replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
for (const name of ["s-stack", "s-text", "s-heading", "s-paragraph", "s-divider", "s-skeleton-paragraph"])
  define(name, () => undefined);
define("s-section", (el) => {
  const h = el.getAttribute("heading");
  shadow(el, "").innerHTML =
    '<section style="display:block;border:1px solid #e3e3e3;border-radius:10px;padding:16px;margin:0 0 12px;background:#fff">' +
    (h ? '<h2 style="margin:0 0 12px;font-size:1.1em">' + esc(h) + "</h2>" : "") + "<slot></slot></section>";
}, ["heading"]);
define("s-page", (el) => {
  shadow(el, "").innerHTML = '<main style="display:block;padding:8px"><h1 style="margin:0 0 16px">' +
    esc(el.getAttribute("heading")) + "</h1><slot></slot></main>";
}, ["heading"]);
const TONES = { success: "#e3f5ea;#0b6b3a", critical: "#fde8e7;#b3261e", warning: "#fff4d6;#8a5a00", info: "#e6f0ff;#1f4fa3" };
define("s-banner", (el) => {
  const tone = el.getAttribute("tone") || "info";
  const [bg, fg] = (TONES[tone] || TONES.info).split(";");
  const role = tone === "critical" ? "alert" : "status";
  shadow(el, "").innerHTML = '<div role="' + role + '" style="display:block;padding:12px 14px;border-radius:8px;background:' + bg +
    ";border-left:4px solid " + fg + '">' + (el.getAttribute("heading") ? "<strong>" + esc(el.getAttribute("heading")) + "</strong><br>" : "") + "<slot></slot></div>";
}, ["tone", "heading"]);
define("s-spinner", (el) => {
  shadow(el, "").innerHTML = '<span role="progressbar" aria-label="' + esc(el.getAttribute("accessibilitylabel")) + '">⏳</span>';
}, ["accessibilitylabel"]);
define("s-progress", (el) => {
  const value = Number(el.getAttribute("value") || 0), max = Number(el.getAttribute("max") || 100);
  shadow(el, "").innerHTML = '<progress style="width:100%" value="' + value + '" max="' + max + '" aria-label="' +
    esc(el.getAttribute("accessibilitylabel")) + '"></progress>';
}, ["value", "max", "accessibilitylabel"]);
define("s-link", (el) => {
  shadow(el, "").innerHTML = '<a style="color:#1f4fa3" href="' + esc(el.getAttribute("href")) + '" target="' +
    esc(el.getAttribute("target") || "_self") + '" rel="noopener"><slot></slot></a>';
}, ["href", "target"]);
define("s-clipboard-item", () => undefined);
define("s-button", (el) => {
  const variant = el.getAttribute("variant") || "secondary";
  const primary = variant === "primary";
  const disabled = el.hasAttribute("disabled") || el.hasAttribute("loading");
  const label = el.getAttribute("accessibilitylabel");
  shadow(el, "").innerHTML = '<button type="button" ' + (disabled ? "disabled " : "") + (label ? 'aria-label="' + esc(label) + '" ' : "") +
    'style="font:inherit;padding:8px 14px;border-radius:8px;cursor:pointer;border:1px solid #1a1a1a;background:' +
    (primary ? "#1a1a1a;color:#fff" : "#fff;color:#1a1a1a") + (disabled ? ";opacity:.55;cursor:default" : "") + '">' +
    (el.hasAttribute("loading") ? "… " : "") + "<slot></slot></button>";
  if (!el._wired) {
    el._wired = true;
    el.addEventListener("click", () => {
      if (el.getAttribute("command") !== "--copy") return;
      const item = document.getElementById(el.getAttribute("commandfor") || "");
      if (!item) return;
      navigator.clipboard.writeText(item.getAttribute("text") || "").then(
        () => item.dispatchEvent(new Event("copy")),
        () => item.dispatchEvent(new Event("copyerror")),
      );
    });
  }
}, ["variant", "disabled", "loading", "accessibilitylabel"]);
define("s-number-field", (el) => {
  if (el.shadowRoot) return;
  const root = shadow(el, '<label style="display:flex;flex-direction:column;gap:4px"><span></span><input type="number" style="font:inherit;padding:6px"></label>');
  root.querySelector("span").textContent = el.getAttribute("label") || "";
  const input = root.querySelector("input");
  for (const a of ["min", "max", "step"]) if (el.getAttribute(a)) input.setAttribute(a, el.getAttribute(a));
  input.value = el._value ?? el.getAttribute("value") ?? "";
  input.addEventListener("change", () => { el._value = input.value; el.dispatchEvent(new Event("change")); });
}, [], {
  get value() { return this._value ?? ""; },
  set value(v) { this._value = String(v); const i = this.shadowRoot?.querySelector("input"); if (i) i.value = String(v); },
});

// ---- fetch: the app, through the stand-in ----------------------------------------------------
const realFetch = window.fetch.bind(window);
window.fetch = (input, init) => {
  const url = new URL(typeof input === "string" ? input : input.url, location.href);
  if (url.origin !== location.origin && url.pathname.startsWith("/api/trpc/"))
    return realFetch("/_dev/extension/api/trpc/" + url.pathname.slice("/api/trpc/".length) + url.search, init);
  return realFetch(input, init);
};

// ---- the shopify global ----------------------------------------------------------------------
function signal(value) {
  const listeners = new Set();
  return {
    get value() { return value; },
    set(next) { value = next; for (const l of listeners) l(next); },
    subscribe(fn) { listeners.add(fn); return () => listeners.delete(fn); },
  };
}
let cached = null;
const sessionToken = {
  async get() {
    if (cached && cached.expires > Date.now() + 30000) return cached.token;
    const body = { shop: config.shop, kind: config.tokenKind };
    if (config.customerId) body.sub = "gid://shopify/Customer/" + config.customerId;
    const response = await realFetch("/_dev/session-token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const { token } = await response.json();
    cached = { token, expires: JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))).exp * 1000 };
    return token;
  },
};
const language = signal({ isoCode: config.locale });
const shopify = {
  extension: { target: config.target },
  sessionToken,
  localization: { language, extensionLanguage: language, currency: signal({ isoCode: config.currency }) },
  shop: { name: config.shopName, myshopifyDomain: config.shop },
  settings: signal({ currency: config.currency }),
};
if (config.order) {
  shopify.orderConfirmation = signal({ order: { id: config.order.gid }, number: config.order.number, isFirstOrder: false });
  shopify.order = signal({ id: config.order.gid, name: config.order.name, processedAt: config.order.processedAt });
}
if (config.checkout) {
  const codes = signal(config.checkout.codes.map((code) => ({ code })));
  const allocations = signal(config.checkout.codes.map((code) => ({ type: "code", code })));
  shopify.cost = { subtotalAmount: signal({ amount: config.checkout.subtotal, currencyCode: config.currency }) };
  shopify.discountCodes = codes;
  shopify.discountAllocations = allocations;
  shopify.instructions = signal({ discounts: { canUpdateDiscountCodes: true } });
  shopify.applyDiscountCodeChange = async (change) => {
    if (change.type === "removeDiscountCode") {
      codes.set(codes.value.filter((c) => c.code.toLowerCase() !== change.code.toLowerCase()));
      allocations.set(allocations.value.filter((a) => a.code?.toLowerCase() !== change.code.toLowerCase()));
      outer?.postMessage({ checkout: { codes: codes.value, allocations: allocations.value } }, location.origin);
      return { type: "success" };
    }
    const response = await realFetch("/_dev/extension/discount-codes", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ shop: config.shop, customerId: config.customerId, code: change.code, codes: codes.value.map((c) => c.code) }),
    });
    const verdict = await response.json();
    if (verdict.result.type === "success") {
      codes.set([...codes.value, { code: verdict.code }]);
      if (verdict.allocated) allocations.set([...allocations.value, { type: "code", code: verdict.code, amount: verdict.amount }]);
    }
    outer?.postMessage({ checkout: { codes: codes.value, allocations: allocations.value, note: verdict.note } }, location.origin);
    return verdict.result;
  };
}
globalThis.shopify = shopify;

// ---- size the frame to its content, then run the target --------------------------------------
if (window.frameElement) {
  const fit = () => { window.frameElement.style.height = document.documentElement.scrollHeight + "px"; };
  new ResizeObserver(fit).observe(document.documentElement);
}
const module = await import(config.bundleUrl);
await module[config.exportName]();
document.documentElement.dataset.rendered = "true";
`;
