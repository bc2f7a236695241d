import { isValidShopDomain } from "../shop-domain";

/**
 * Where a shop's Admin API lives. Production talks to `https://{shop}`; development and tests to
 * the local stand-in as `{standInUrl}/{shop}`. The template is configuration, so the same code
 * serves both.
 */
export const DEFAULT_SHOP_BASE_URL_TEMPLATE = "https://{shop}";

export class InvalidShopDomainError extends Error {
  override name = "InvalidShopDomainError";
}

/** Only a canonical shop domain goes into a URL: anything else could aim our tokens at another host. */
export function assertShopDomain(shop: string): string {
  if (!isValidShopDomain(shop)) throw new InvalidShopDomainError(`"${shop}" is not a *.myshopify.com domain`);
  return shop;
}

/** Builds a base-URL function from a template containing `{shop}`. */
export function shopBaseUrlFromTemplate(template: string): (shop: string) => string {
  if (!template.includes("{shop}")) throw new Error(`shop base URL template "${template}" lacks {shop}`);
  const trimmed = template.replace(/\/+$/, "");
  return (shop) => trimmed.replaceAll("{shop}", assertShopDomain(shop));
}

/** The shop's base URL from `SHOPIFY_API_BASE_URL` (default `https://{shop}`), read at call time. */
export function shopBaseUrl(shop: string, env: NodeJS.ProcessEnv = process.env): string {
  return shopBaseUrlFromTemplate(env.SHOPIFY_API_BASE_URL || DEFAULT_SHOP_BASE_URL_TEMPLATE)(shop);
}
