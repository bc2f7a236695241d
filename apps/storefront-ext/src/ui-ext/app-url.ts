/**
 * Where the extensions reach LoyalNest: the app's `application_url` (shopify.app.toml — a test
 * keeps the two equal). Checkout and customer-account extensions run in Shopify's sandbox (a web
 * worker on Shopify's origin), so this is a cross-origin call: the extension TOMLs declare
 * `network_access`, and the backend must answer CORS for it.
 */
export const APP_URL = "https://localhost:3000";
