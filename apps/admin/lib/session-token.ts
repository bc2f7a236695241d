/**
 * Session tokens for admin API calls (`Authorization: Bearer …`): HS256 JWTs that live one minute.
 * - Production (App Bridge): `shopify.idToken()`, which App Bridge caches and refreshes itself.
 * - Development (the Shopify stand-in's dev frame): the `id_token` the frame put on the URL while it
 *   is fresh, then new ones asked of the frame by postMessage (see apps/shopify-dev/src/dev-frame.ts,
 *   whose message types these mirror).
 * Browser-only: called from React Query, never during server rendering.
 */

export const DEV_FRAME_TOKEN_REQUEST = "loyalnest:dev-frame:session-token-request";
export const DEV_FRAME_TOKEN_RESPONSE = "loyalnest:dev-frame:session-token-response";

/** A token is reused until this close to its expiry. */
const REFRESH_MARGIN_MS = 15_000;
const FRAME_TIMEOUT_MS = 5_000;

/** No token can be had; `action` tells the merchant (or developer) what to do about it. */
export class SessionTokenUnavailableError extends Error {
  constructor(
    message: string,
    readonly action: string,
  ) {
    super(message);
    this.name = "SessionTokenUnavailableError";
  }
}

export interface SessionTokenSource {
  getSessionToken(): Promise<string>;
}

export type EmbeddingMode = "app-bridge" | "stand-in";

export interface TokenClaims {
  exp: number;
  /** `https://{shop}` */
  dest: string;
}

/** Reads (without verifying: the server does that) the claims the client needs. */
export function decodeTokenClaims(token: string): TokenClaims | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/"));
    const claims = JSON.parse(json) as Partial<TokenClaims>;
    return typeof claims.exp === "number" && typeof claims.dest === "string"
      ? { exp: claims.exp, dest: claims.dest }
      : null;
  } catch {
    return null;
  }
}

/** The admin was opened directly in development, not inside the stand-in's dev frame. */
export function outsideDevFrameError(devFrameUrl: string): SessionTokenUnavailableError {
  return new SessionTokenUnavailableError(
    "LoyalNest is open on its own, outside the Shopify admin, so it has no session.",
    `Open it through the Shopify stand-in's dev frame: ${devFrameUrl}`,
  );
}

export function appBridgeTokenSource(): SessionTokenSource {
  return {
    async getSessionToken() {
      if (typeof window === "undefined" || !("shopify" in window) || !window.shopify?.idToken) {
        throw new SessionTokenUnavailableError(
          "Shopify App Bridge did not load, so LoyalNest cannot prove who you are.",
          "Reload LoyalNest from Shopify admin › Apps. If it keeps happening, allow cdn.shopify.com in your browser's content blockers.",
        );
      }
      return window.shopify.idToken();
    },
  };
}

export function standInTokenSource(options: { devFrameUrl: string; now?: () => number }): SessionTokenSource {
  const now = options.now ?? Date.now;
  let cached: { token: string; expiresAt: number } | null = null;
  let initialRead = false;
  let inFlight: Promise<string> | null = null;

  const remember = (token: string) => {
    const claims = decodeTokenClaims(token);
    cached = claims ? { token, expiresAt: claims.exp * 1000 } : null;
    return token;
  };

  return {
    async getSessionToken() {
      if (!initialRead) {
        initialRead = true;
        const fromUrl = new URLSearchParams(window.location.search).get("id_token");
        if (fromUrl) remember(fromUrl);
      }
      if (cached && cached.expiresAt - now() > REFRESH_MARGIN_MS) return cached.token;
      if (window.parent === window) throw outsideDevFrameError(options.devFrameUrl);
      inFlight ??= askFrame().then(remember);
      try {
        return await inFlight;
      } finally {
        inFlight = null;
      }
    },
  };
}

function askFrame(): Promise<string> {
  const id = Math.random().toString(36).slice(2);
  return new Promise<string>((resolve, reject) => {
    const timer = window.setTimeout(() => {
      window.removeEventListener("message", onMessage);
      reject(
        new SessionTokenUnavailableError(
          "The Shopify stand-in did not answer the request for a session token.",
          "Reload the dev frame page; if it still fails, restart `npm run dev`.",
        ),
      );
    }, FRAME_TIMEOUT_MS);
    function onMessage(event: MessageEvent) {
      const data = event.data as { type?: unknown; id?: unknown; token?: unknown; error?: unknown } | null;
      if (event.source !== window.parent || data?.type !== DEV_FRAME_TOKEN_RESPONSE || data.id !== id) return;
      window.clearTimeout(timer);
      window.removeEventListener("message", onMessage);
      if (typeof data.token === "string") resolve(data.token);
      else
        reject(
          new SessionTokenUnavailableError(
            typeof data.error === "string" ? data.error : "The Shopify stand-in sent no session token.",
            "Check that the stand-in (`npm run dev`) is running and knows this shop, then reload.",
          ),
        );
    }
    window.addEventListener("message", onMessage);
    // The parent's origin is the stand-in's, which the app does not know; the token request carries no secret.
    window.parent.postMessage({ type: DEV_FRAME_TOKEN_REQUEST, id }, "*");
  });
}
