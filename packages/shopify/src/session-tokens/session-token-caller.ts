/**
 * Who presents a session token. The claims alone cannot tell an admin token from a POS one, and a
 * customer's checkout token is signed with the same secret and audience as a merchant's, so each
 * route states which caller it serves and the verifier checks the token has that caller's shape.
 */
export type SessionTokenCaller = "admin" | "pos" | "checkout" | "customer-account";

/** Callers whose `sub` is a staff member (and whose `iss` is the shop's admin). */
export function isStaffCaller(caller: SessionTokenCaller): boolean {
  return caller === "admin" || caller === "pos";
}

/**
 * How long Shopify's tokens live: App Bridge (admin and POS) 1 minute, checkout and
 * customer-account extensions 5 minutes.
 */
export function defaultTokenLifetimeSeconds(caller: SessionTokenCaller): number {
  return isStaffCaller(caller) ? 60 : 300;
}

export const CUSTOMER_GID_PREFIX = "gid://shopify/Customer/";
