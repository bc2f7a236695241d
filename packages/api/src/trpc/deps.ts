import { Cache, LocalMemo, RateLimiter, type KeyValueStore } from "@loyalnest/cache";
import { PostgresTokenStore, type DatabaseHandle, type PiiKeyring } from "@loyalnest/db";
import { AdminGraphqlClient, OfflineTokenManager } from "@loyalnest/shopify";
import type { PgBoss } from "pg-boss";
import type { ShopCatalog } from "../services/shopper-profile";
import { SHOP_CATALOG_MEMO_MS } from "../shopper-cache/keys";
import type { ShopifyAppConfig } from "../shopify-app-config";
import { DEFAULT_RATE_LIMITS, type RateLimitPolicy } from "./rate-limits";
import { ShopLookup } from "./shop-lookup";

/**
 * Everything a procedure may touch, built once per process and shared by every request. The
 * request's own facts (credential, shop, customer) live in the context, never here.
 */
export interface ApiDeps {
  database: DatabaseHandle;
  keyring: PiiKeyring;
  /** Redis in production; in-process when REDIS_URL is unset. */
  store: KeyValueStore;
  cache: Cache;
  /** Parsed shop catalogues in this process, in front of `cache` (dropped by the change listener). */
  catalogs: LocalMemo<ShopCatalog>;
  rateLimiter: RateLimiter;
  rateLimits: RateLimitPolicy;
  app: ShopifyAppConfig;
  /** Offline access tokens: token exchange on first admin load, refresh before expiry. */
  tokens: OfflineTokenManager;
  tokenStore: PostgresTokenStore;
  shopifyAdmin: AdminGraphqlClient;
  shops: ShopLookup;
  /** Enqueue-only pg-boss (GDPR exports, retries); absent in tests that do not enqueue. */
  boss?: PgBoss;
  now: () => Date;
}

export interface CreateApiDepsOptions {
  database: DatabaseHandle;
  keyring: PiiKeyring;
  store: KeyValueStore;
  app: ShopifyAppConfig;
  /** Where the Admin API and token endpoint live: SHOPIFY_API_BASE_URL, or https://{shop}. */
  shopifyBaseUrl?: (shop: string) => string;
  boss?: PgBoss;
  now?: () => Date;
  rateLimits?: Partial<RateLimitPolicy>;
  onCacheError?: (error: unknown) => void;
}

export function createApiDeps(options: CreateApiDepsOptions): ApiDeps {
  const baseUrl = options.shopifyBaseUrl ? { baseUrl: options.shopifyBaseUrl } : {};
  const now = options.now ?? (() => new Date());
  const tokenStore = new PostgresTokenStore(options.database.db, options.keyring);
  const tokens = new OfflineTokenManager({
    store: tokenStore,
    credentials: { clientId: options.app.apiKey, clientSecret: options.app.apiSecret },
    ...baseUrl,
  });
  const onError = options.onCacheError ?? (() => {});
  return {
    database: options.database,
    keyring: options.keyring,
    store: options.store,
    cache: new Cache(options.store, onError),
    catalogs: new LocalMemo(SHOP_CATALOG_MEMO_MS),
    rateLimiter: new RateLimiter(options.store, onError),
    rateLimits: { ...DEFAULT_RATE_LIMITS, ...options.rateLimits },
    app: options.app,
    tokens,
    tokenStore,
    shopifyAdmin: new AdminGraphqlClient({
      getAccessToken: (shop) => tokens.getAccessToken(shop),
      ...baseUrl,
    }),
    shops: new ShopLookup(options.database.db),
    ...(options.boss ? { boss: options.boss } : {}),
    now,
  };
}
