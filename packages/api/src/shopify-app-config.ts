/** The development app's credentials, shared with the local Shopify stand-in's defaults. */
export const DEV_SHOPIFY_APP = {
  apiKey: "loyalnest-dev-client-id",
  apiSecret: "loyalnest-dev-secret",
} as const;

export interface ShopifyAppConfig {
  apiKey: string;
  apiSecret: string;
}

/**
 * The app's Shopify credentials: SHOPIFY_API_KEY and SHOPIFY_API_SECRET, required in production;
 * in development and tests they default to the stand-in's development app.
 */
export function shopifyAppConfig(env: NodeJS.ProcessEnv = process.env): ShopifyAppConfig {
  const apiKey = env.SHOPIFY_API_KEY;
  const apiSecret = env.SHOPIFY_API_SECRET;
  if (apiKey && apiSecret) return { apiKey, apiSecret };
  if (env.NODE_ENV === "production")
    throw new Error("SHOPIFY_API_KEY and SHOPIFY_API_SECRET must be set in production");
  return { apiKey: apiKey ?? DEV_SHOPIFY_APP.apiKey, apiSecret: apiSecret ?? DEV_SHOPIFY_APP.apiSecret };
}
