import { startShopifyStandIn } from "./index";

/** `pnpm dev` / `pnpm start`: the stand-in from the environment, with the seeded demo shop. */
export const DEMO_SHOP = "loyalnest-demo.myshopify.com";

function numberFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  const parsed = value === undefined || value === "" ? Number.NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : fallback;
}

const standIn = await startShopifyStandIn({
  port: numberFromEnv("SHOPIFY_DEV_PORT", 3457),
  host: process.env.SHOPIFY_DEV_HOST ?? "127.0.0.1",
  apiKey: process.env.SHOPIFY_API_KEY || "loyalnest-dev-client-id",
  apiSecret: process.env.SHOPIFY_API_SECRET || "loyalnest-dev-secret",
  webhookUrl: process.env.LOYALNEST_WEBHOOK_URL || "http://localhost:3000/api/webhooks",
  appUrl: process.env.LOYALNEST_APP_URL || "http://localhost:3000",
  // The storefront preview's app proxy target; default {LOYALNEST_APP_URL}/api/proxy.
  appProxyUrl: process.env.LOYALNEST_APP_PROXY_URL || undefined,
  restoreRate: numberFromEnv("SHOPIFY_DEV_RESTORE_RATE", 100),
  bucketSize: numberFromEnv("SHOPIFY_DEV_BUCKET_SIZE", 1000),
  retryScale: numberFromEnv("SHOPIFY_DEV_RETRY_SCALE", 1),
  shops: [
    { domain: DEMO_SHOP, name: "LoyalNest Demo", currencyCode: "USD", ianaTimezone: "America/New_York" },
  ],
});

console.info(
  `shopify-dev: Shopify stand-in on ${standIn.url} (demo shop ${DEMO_SHOP}; admin at ${standIn.url}/_dev/frame?shop=${DEMO_SHOP}; ` +
    `storefront at ${standIn.url}/_dev/storefront?shop=${DEMO_SHOP}&customer=7100000000000; ` +
    `POS at ${standIn.url}/_dev/pos?shop=${DEMO_SHOP}&customer=7100000000000)`,
);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void standIn.close().then(() => process.exit(0));
  });
}
