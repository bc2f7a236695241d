import { join } from "node:path";

/** Everything the stand-in can be told at start; defaults mirror Shopify's real numbers. */
export interface StandInOptions {
  /** 0 picks a free port (tests). */
  port?: number;
  host?: string;
  apiKey?: string;
  apiSecret?: string;
  /** Where webhooks are POSTed. */
  webhookUrl?: string;
  /** The embedded admin, opened by the dev frame. */
  appUrl?: string;
  /** Where the app proxy forwards `/apps/loyalnest/*` (shopify.app.toml `[app_proxy] url`); default `{appUrl}/api/proxy`. */
  appProxyUrl?: string;
  /** The storefront path Shopify proxies (`/{prefix}/{subpath}`), `/apps/loyalnest`. */
  appProxyPrefix?: string;
  /** The theme app extension (its `assets/` and `locales/`) the storefront preview serves. */
  themeExtensionDir?: string;
  /** Where the POS preview's script is built (`pos-preview.js`; apps/storefront-ext `build`). */
  posPreviewDir?: string;
  /** apps/storefront-ext's `extensions/` (the checkout / customer-account bundles the extension preview runs). */
  uiExtensionsDir?: string;
  /** Leaky-bucket restore rate in points/second (Standard plan: 100). */
  restoreRate?: number;
  /** Leaky-bucket size in points (1,000). */
  bucketSize?: number;
  /** Multiplies Shopify's 4-hour retry schedule; 0.001 in tests. */
  retryScale?: number;
  /** Shopify waits 1 s to connect and 5 s in all; tests compress these. */
  connectTimeoutMs?: number;
  deliveryTimeoutMs?: number;
  /** Access-token lifetime (Shopify: 3600 s) and refresh-token lifetime (90 days), in seconds. */
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  /** Scopes granted by token exchange. */
  scopes?: string;
  apiVersion?: string;
  /** Shops created at boot, e.g. the demo shop. */
  shops?: { domain: string; name?: string; currencyCode?: string; ianaTimezone?: string }[];
}

export type ResolvedOptions = Required<Omit<StandInOptions, "shops">> & {
  shops: NonNullable<StandInOptions["shops"]>;
};

export const DEFAULT_SCOPES =
  "read_customers,write_customers,read_orders,read_discounts,write_discounts,read_store_credit_account_transactions,write_store_credit_account_transactions";

/** apps/storefront-ext's POS preview build, beside this app in the monorepo. */
export const DEFAULT_POS_PREVIEW_DIR = join(
  import.meta.dirname,
  "..",
  "..",
  "storefront-ext",
  "dist",
  "pos-preview",
);

/** apps/storefront-ext's theme app extension, beside this app in the monorepo. */
export const DEFAULT_THEME_EXTENSION_DIR = join(
  import.meta.dirname,
  "..",
  "..",
  "storefront-ext",
  "extensions",
  "loyalty-theme",
);

/** apps/storefront-ext's extensions, beside this app in the monorepo. */
export const DEFAULT_UI_EXTENSIONS_DIR = join(
  import.meta.dirname,
  "..",
  "..",
  "storefront-ext",
  "extensions",
);

export function resolveOptions(options: StandInOptions): ResolvedOptions {
  const appUrl = options.appUrl ?? "http://localhost:3000";
  return {
    port: options.port ?? 0,
    host: options.host ?? "127.0.0.1",
    apiKey: options.apiKey ?? "loyalnest-dev-client-id",
    apiSecret: options.apiSecret ?? "loyalnest-dev-secret",
    webhookUrl: options.webhookUrl ?? "http://localhost:3000/api/webhooks",
    appUrl,
    appProxyUrl: options.appProxyUrl ?? `${appUrl.replace(/\/$/, "")}/api/proxy`,
    appProxyPrefix: options.appProxyPrefix ?? "/apps/loyalnest",
    themeExtensionDir: options.themeExtensionDir ?? DEFAULT_THEME_EXTENSION_DIR,
    posPreviewDir: options.posPreviewDir ?? DEFAULT_POS_PREVIEW_DIR,
    uiExtensionsDir: options.uiExtensionsDir ?? DEFAULT_UI_EXTENSIONS_DIR,
    restoreRate: options.restoreRate ?? 100,
    bucketSize: options.bucketSize ?? 1000,
    retryScale: options.retryScale ?? 1,
    connectTimeoutMs: options.connectTimeoutMs ?? 1000,
    deliveryTimeoutMs: options.deliveryTimeoutMs ?? 5000,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? 7_776_000,
    scopes: options.scopes ?? DEFAULT_SCOPES,
    apiVersion: options.apiVersion ?? "2026-01",
    shops: options.shops ?? [],
  };
}
