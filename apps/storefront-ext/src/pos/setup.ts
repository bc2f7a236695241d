import { createPosApiClient } from "./api";
import type { PosApi } from "./api";
import type { CustomerRef, PosControllerOptions } from "./controller";
import { PosController } from "./controller";
import type { PosHost, WithCart } from "./host";
import { toMinorUnits } from "./money";
import { OfflineQueue } from "./offline-queue";

/**
 * Wires the logic to a target's APIs: the API client (Bearer token from the Session API), the
 * offline queue in the Storage API, and a controller for the screen. `apiBase` is `/api/trpc`:
 * POS resolves relative URLs against the app's `application_url`.
 */
export interface PosServicesOptions {
  apiBase?: string;
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  retryDelaysMs?: number[];
}

export interface PosServices {
  api: PosApi;
  queue: OfflineQueue;
  controller(options?: { cart?: WithCart["cart"]; autoSync?: boolean }): PosController;
}

export function createPosServices(host: PosHost, options: PosServicesOptions = {}): PosServices {
  const api = createPosApiClient({
    baseUrl: options.apiBase ?? "/api/trpc",
    getSessionToken: () => host.session.getSessionToken(),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const queue = new OfflineQueue({ storage: host.storage, api });
  return {
    api,
    queue,
    controller: ({ cart, autoSync } = {}) => {
      const controllerOptions: PosControllerOptions = {
        api,
        queue,
        storage: host.storage,
        connectivity: host.connectivity.current,
        toast: (text) => host.toast.show(text),
        ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
        ...(autoSync === false ? { autoSync } : {}),
      };
      if (cart)
        controllerOptions.cart = {
          subtotalMinor: () =>
            toMinorUnits(cart.current.value.subtotal, host.session.currentSession.currency),
          applyCode: (code) => cart.addCartCodeDiscount(code),
        };
      return new PosController(controllerOptions);
    },
  };
}

/** The customer POS has in context (cart, customer details, order), as a look-up. */
export const customerRef = (shopifyCustomerId: number | undefined | null): CustomerRef | null =>
  shopifyCustomerId ? { shopifyCustomerId: String(shopifyCustomerId) } : null;
