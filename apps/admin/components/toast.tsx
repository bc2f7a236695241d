"use client";
import { Toast } from "@shopify/polaris";
import { createContext, use, useCallback, useRef, useState, type ReactNode } from "react";

export interface ToastOptions {
  /** A failure: shown in the critical style. */
  error?: boolean;
  /** Milliseconds; default 5000. */
  duration?: number;
}

type ShowToast = (message: string, options?: ToastOptions) => void;

const ToastContext = createContext<ShowToast | null>(null);

/** `const toast = useToast(); toast("Reward saved")` — or `toast("Could not save", { error: true })`. */
export function useToast(): ShowToast {
  const show = use(ToastContext);
  if (!show) throw new Error("useToast() must be used inside the admin shell");
  return show;
}

/**
 * Toasts through App Bridge when it hosts the admin (they then sit in Shopify's own chrome), else
 * through Polaris's Toast (which needs the Polaris Frame above this provider).
 */
export function ToastProvider({ appBridge, children }: { appBridge: boolean; children: ReactNode }) {
  const [toasts, setToasts] = useState<{ id: number; message: string; error: boolean; duration: number }[]>(
    [],
  );
  const nextId = useRef(0);
  const show = useCallback<ShowToast>(
    (message, options = {}) => {
      const duration = options.duration ?? 5000;
      if (appBridge && typeof window !== "undefined" && "shopify" in window && window.shopify?.toast) {
        window.shopify.toast.show(message, { isError: options.error ?? false, duration });
        return;
      }
      const id = ++nextId.current;
      setToasts((current) => [...current, { id, message, error: options.error ?? false, duration }]);
    },
    [appBridge],
  );
  return (
    <ToastContext value={show}>
      {children}
      {toasts.map((toast) => (
        <Toast
          key={toast.id}
          content={toast.message}
          error={toast.error}
          duration={toast.duration}
          onDismiss={() => setToasts((current) => current.filter((t) => t.id !== toast.id))}
        />
      ))}
    </ToastContext>
  );
}
