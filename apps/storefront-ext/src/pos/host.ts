import type { KeyValueStorage } from "./storage";

/**
 * The part of the POS extension APIs LoyalNest uses, as plain interfaces: the targets hand in
 * `shopify` (each entry module checks that its target's `Api` type satisfies these), the preview
 * a stand-in. Keeping the logic behind these keeps it testable without POS.
 */
export interface SignalLike<T> {
  readonly value: T;
  subscribe(fn: (value: T) => void): () => void;
}

export interface ConnectivityState {
  internetConnected: "Connected" | "Disconnected";
}

export interface PosCart {
  subtotal: string;
  customer?: { id: number };
}

export interface PosHost {
  session: {
    currentSession: { shopDomain: string; currency: string; userId: number };
    getSessionToken: () => Promise<string | undefined>;
  };
  connectivity: { current: SignalLike<ConnectivityState> };
  storage: KeyValueStorage;
  toast: { show: (content: string) => void };
}

export interface WithCart {
  cart: {
    current: SignalLike<PosCart>;
    addCartCodeDiscount(code: string): Promise<void>;
  };
}

export interface WithAction {
  action: { presentModal(): void };
}

export const isConnected = (state: ConnectivityState | undefined) =>
  state?.internetConnected !== "Disconnected";
