import { createHmac, createSecretKey, type Hmac, type KeyObject } from "node:crypto";

/**
 * A process signs and verifies with one or two app secrets (the current one, and the previous one
 * while it rotates) on every storefront request and webhook. Keeping each as a `KeyObject` saves
 * re-importing the key on every HMAC (about half the cost of a short message's HMAC). Bounded so a
 * caller passing ever-new secrets cannot grow it.
 */
const keys = new Map<string, KeyObject>();
const MAX_KEYS = 16;

export function hmacSha256(secret: string): Hmac {
  let key = keys.get(secret);
  if (key === undefined) {
    key = createSecretKey(Buffer.from(secret, "utf8"));
    if (keys.size >= MAX_KEYS) keys.clear();
    keys.set(secret, key);
  }
  return createHmac("sha256", key);
}
