import "server-only";
import { shopifyAppConfig } from "@loyalnest/api";

/**
 * How the admin is embedded, decided on the server per request and handed to the browser shell.
 * - `app-bridge` (production): Shopify's admin hosts the app; App Bridge (`app-bridge.js` from
 *   Shopify's CDN, keyed by the `shopify-api-key` meta) supplies session tokens, the nav menu and toasts.
 * - `stand-in` (development, e2e): the local Shopify stand-in's dev frame hosts the app. No CDN script
 *   is loaded (there may be no internet); the frame answers session-token requests by postMessage and
 *   the shell draws its own Polaris navigation.
 *
 * `LOYALNEST_EMBEDDING` (`app-bridge` | `stand-in`) decides when set; otherwise the admin is in
 * stand-in mode exactly when `SHOPIFY_API_BASE_URL` points at a loopback address (how `npm run dev`
 * and the e2e suite wire the admin to the stand-in).
 */
export type Embedding =
  | { mode: "app-bridge"; apiKey: string }
  | {
      mode: "stand-in";
      /** The stand-in's dev frame for the demo shop, for "open it here" hints. */ devFrameUrl: string;
    };

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export function adminEmbedding(env: NodeJS.ProcessEnv = process.env): Embedding {
  const base = env.SHOPIFY_API_BASE_URL;
  const standIn = base ? parseOrigin(base.replaceAll("{shop}", "shop")) : null;
  const mode =
    env.LOYALNEST_EMBEDDING === "app-bridge" || env.LOYALNEST_EMBEDDING === "stand-in"
      ? env.LOYALNEST_EMBEDDING
      : standIn && LOOPBACK.has(standIn.hostname)
        ? "stand-in"
        : "app-bridge";
  if (mode === "app-bridge") return { mode, apiKey: shopifyAppConfig(env).apiKey };
  const origin = standIn?.origin ?? `http://127.0.0.1:${env.SHOPIFY_DEV_PORT ?? 3457}`;
  return { mode, devFrameUrl: `${origin}/_dev/frame?shop=loyalnest-demo.myshopify.com` };
}

function parseOrigin(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}
