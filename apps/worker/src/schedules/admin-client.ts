import { PostgresTokenStore, type Database, type PiiKeyring } from "@loyalnest/db";
import { AdminGraphqlClient, OfflineTokenManager, type AppCredentials } from "@loyalnest/shopify";

/**
 * The Admin API client the scheduled jobs use: offline tokens from the Postgres token store,
 * refreshed shortly before expiry (one refresher across processes), cost-based throttling per shop.
 */
export function createScheduleAdminClient(options: {
  db: Database;
  keyring: PiiKeyring;
  credentials: AppCredentials;
  /** Defaults to SHOPIFY_API_BASE_URL / https://{shop}. */
  baseUrl?: (shop: string) => string;
}): AdminGraphqlClient {
  const tokens = new OfflineTokenManager({
    store: new PostgresTokenStore(options.db, options.keyring),
    credentials: options.credentials,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
  });
  return new AdminGraphqlClient({
    getAccessToken: (shop) => tokens.getAccessToken(shop),
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
  });
}
