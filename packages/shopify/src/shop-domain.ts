/**
 * Shop domains are tenant identifiers that arrive from untrusted places (query strings, headers,
 * token claims), so every boundary checks them against one pattern before using them.
 */

/** A shop's permanent `*.myshopify.com` domain, lower case, no scheme, port or path. */
export const SHOP_DOMAIN_PATTERN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

// DNS caps a name at 253 characters; anything longer is an attack, not a shop.
const MAX_SHOP_DOMAIN_LENGTH = 253;

// The admin's newer URL form names the store instead of its domain.
const ADMIN_STORE_URL = /^admin\.shopify\.com\/store\/([a-z0-9][a-z0-9-]*)$/;

export function isValidShopDomain(value: string, pattern: RegExp = SHOP_DOMAIN_PATTERN): boolean {
  return value.length <= MAX_SHOP_DOMAIN_LENGTH && pattern.test(value);
}

/**
 * Turns what a person or a URL might give us (`HTTPS://Shop.myshopify.com/`,
 * `admin.shopify.com/store/shop`) into the canonical `shop.myshopify.com`, or null when it is
 * not a shop domain. Never guesses from a bare store name: that would let a typo pick a tenant.
 */
export function normalizeShopDomain(input: string, pattern: RegExp = SHOP_DOMAIN_PATTERN): string | null {
  if (input.length > MAX_SHOP_DOMAIN_LENGTH + 16) return null;
  const bare = input
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, "")
    .replace(/\/+$/, "");
  const adminStore = ADMIN_STORE_URL.exec(bare);
  const candidate = adminStore?.[1] === undefined ? bare : `${adminStore[1]}.myshopify.com`;
  return isValidShopDomain(candidate, pattern) ? candidate : null;
}
