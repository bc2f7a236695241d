import type { ConnectivityState, PosCart, PosHost, SignalLike, WithAction, WithCart } from "../host";
import { webStorage } from "../storage";

/**
 * A stand-in for the POS host APIs in the preview page: Connectivity driven by the page's
 * Connected / Disconnected control, Session tokens minted by the Shopify stand-in
 * (`POST /_dev/session-token`, kind `pos`), Storage in `localStorage`, a cart, toasts. While
 * "Disconnected" every request fails as it would on a till without network; "lose the next sync
 * answer" lets a `pos.syncOffline` reach LoyalNest and drops its answer (a crash or a cut line).
 */
export interface PreviewConfig {
  shop: string;
  staffId: string;
  customerId: string | null;
  subtotal: string;
  currency: string;
  /** Same-origin path the stand-in forwards to the app's `/api/trpc`. */
  apiBase: string;
  tokenUrl: string;
}

export function signal<T>(initial: T): SignalLike<T> & { set(value: T): void } {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get value() {
      return value;
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    set(next) {
      value = next;
      for (const fn of [...listeners]) fn(value);
    },
  };
}

export interface PreviewHost {
  host: PosHost & WithCart & WithAction;
  connectivity: ReturnType<typeof signal<ConnectivityState>>;
  cart: ReturnType<typeof signal<PosCart>>;
  /** Applied codes, for the page's cart panel. */
  codes: string[];
  faults: { loseNextSyncAnswer: boolean };
  /** Requests the app answered, for the page's log. */
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  onModal(fn: () => void): void;
  onToast(fn: (text: string) => void): void;
  onCart(fn: () => void): void;
}

export function createPreviewHost(config: PreviewConfig, initiallyConnected = true): PreviewHost {
  const connectivity = signal<ConnectivityState>({
    internetConnected: initiallyConnected ? "Connected" : "Disconnected",
  });
  const cart = signal<PosCart>({
    subtotal: config.subtotal,
    ...(config.customerId ? { customer: { id: Number(config.customerId) } } : {}),
  });
  const codes: string[] = [];
  const faults = { loseNextSyncAnswer: false };
  const modalListeners: (() => void)[] = [];
  const toastListeners: ((text: string) => void)[] = [];
  const cartListeners: (() => void)[] = [];
  const offline = () => connectivity.value.internetConnected === "Disconnected";

  const previewFetch = async (url: string, init: RequestInit): Promise<Response> => {
    if (offline()) throw new TypeError("Network request failed (the till is offline)");
    const response = await fetch(url, init);
    if (faults.loseNextSyncAnswer && url.includes("pos.syncOffline")) {
      faults.loseNextSyncAnswer = false;
      await response.arrayBuffer(); // LoyalNest did the work…
      throw new TypeError("Network connection was lost"); // …the till never hears back.
    }
    return response;
  };

  const host: PreviewHost["host"] = {
    session: {
      currentSession: { shopDomain: config.shop, currency: config.currency, userId: Number(config.staffId) },
      getSessionToken: async () => {
        if (offline()) throw new Error("offline");
        const response = await fetch(config.tokenUrl, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ shop: config.shop, kind: "pos", sub: config.staffId }),
        });
        const body = (await response.json()) as { token?: string };
        return body.token;
      },
    },
    connectivity: { current: connectivity },
    storage: webStorage(window.localStorage, `loyalnest-pos:${config.shop}:`),
    toast: { show: (text) => toastListeners.forEach((fn) => fn(text)) },
    cart: {
      current: cart,
      addCartCodeDiscount: async (code) => {
        codes.push(code);
        cartListeners.forEach((fn) => fn());
      },
    },
    action: { presentModal: () => modalListeners.forEach((fn) => fn()) },
  };
  return {
    host,
    connectivity,
    cart,
    codes,
    faults,
    fetch: previewFetch,
    onModal: (fn) => modalListeners.push(fn),
    onToast: (fn) => toastListeners.push(fn),
    onCart: (fn) => cartListeners.push(fn),
  };
}
