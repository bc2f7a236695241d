/**
 * A stand-in for the Shopify admin chrome: a page that embeds the app in an iframe with the query
 * parameters Shopify adds (`shop`, `host`, `embedded`, `id_token`), so the admin can be opened in a
 * plain browser. `host` is base64url of `{shop}/admin`, as in Shopify.
 *
 * Session tokens live 60 s, so the frame also answers the app's requests for a fresh one, as App
 * Bridge's `shopify.idToken()` does in Shopify: the app posts `{type: DEV_FRAME_TOKEN_REQUEST, id}` to
 * its parent; the frame mints a token (`POST /_dev/session-token`) and posts back
 * `{type: DEV_FRAME_TOKEN_RESPONSE, id, token}` (or `error`) to the app's origin only.
 */
export const DEV_FRAME_TOKEN_REQUEST = "loyalnest:dev-frame:session-token-request";
export const DEV_FRAME_TOKEN_RESPONSE = "loyalnest:dev-frame:session-token-response";

export function hostParam(shop: string): string {
  return Buffer.from(`${shop}/admin`).toString("base64url");
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A value as a JavaScript literal that is safe inside an inline <script>. */
function scriptJson(value: string): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

export function devFrameHtml(input: { appUrl: string; shop: string; idToken: string }): string {
  const src = new URL(input.appUrl);
  src.searchParams.set("shop", input.shop);
  src.searchParams.set("host", hostParam(input.shop));
  src.searchParams.set("embedded", "1");
  src.searchParams.set("id_token", input.idToken);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<link rel="icon" href="data:,">
<title>${escapeHtml(input.shop)} · LoyalNest (Shopify stand-in)</title>
<style>
  html, body { margin: 0; height: 100%; font-family: system-ui, sans-serif; }
  header { height: 40px; display: flex; align-items: center; padding: 0 16px; background: #1a1a1a; color: #fff; font-size: 14px; }
  iframe { border: 0; width: 100%; height: calc(100% - 40px); display: block; }
</style>
</head>
<body>
<header>Shopify stand-in · ${escapeHtml(input.shop)}</header>
<iframe src="${escapeHtml(src.toString())}" title="LoyalNest admin"></iframe>
<script>
(() => {
  const shop = ${scriptJson(input.shop)};
  const frame = document.querySelector("iframe");
  const appOrigin = new URL(frame.src).origin;
  window.addEventListener("message", async (event) => {
    const data = event.data;
    if (event.source !== frame.contentWindow || event.origin !== appOrigin) return;
    if (!data || data.type !== ${scriptJson(DEV_FRAME_TOKEN_REQUEST)}) return;
    const reply = (fields) => frame.contentWindow.postMessage({ type: ${scriptJson(DEV_FRAME_TOKEN_RESPONSE)}, id: data.id, ...fields }, appOrigin);
    try {
      const response = await fetch("/_dev/session-token", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ shop, kind: "admin" }),
      });
      const body = await response.json();
      if (!response.ok || typeof body.token !== "string") throw new Error(typeof body.error === "string" ? body.error : "HTTP " + response.status);
      reply({ token: body.token });
    } catch (error) {
      reply({ error: "The Shopify stand-in could not mint a session token: " + (error instanceof Error ? error.message : String(error)) });
    }
  });
})();
</script>
</body>
</html>`;
}
