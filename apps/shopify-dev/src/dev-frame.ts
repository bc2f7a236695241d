/**
 * A stand-in for the Shopify admin chrome: a page that embeds the app in an iframe with the query
 * parameters Shopify adds (`shop`, `host`, `embedded`, `id_token`), so the admin can be opened in a
 * plain browser. `host` is base64url of `{shop}/admin`, as in Shopify.
 */
export function hostParam(shop: string): string {
  return Buffer.from(`${shop}/admin`).toString("base64url");
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
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
</body>
</html>`;
}
