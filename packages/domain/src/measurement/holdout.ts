/**
 * §12 "the merchant may hold out a random, stable X% of customers from the programme".
 *
 * Each customer gets a bucket 0..9,999 from a hash of the shop and the customer's Shopify id, and
 * is held out when the bucket is below the shop's share in basis points (500 = 5 %). So the draw is
 * random across customers, the same on every evaluation (stable), and raising X only adds customers
 * to the holdout — nobody already held out is let in, nobody in the programme is moved out, by a
 * lower X later (their assignment is recorded when they are first seen).
 */
export const HOLDOUT_BUCKETS = 10_000;
export const MAX_HOLDOUT_BP = 5_000;

/** FNV-1a, 32 bit: a fast, well-mixed, dependency-free hash (not for secrets). */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // A final avalanche (murmur3 fmix32) so ids differing in the last digit spread over all buckets.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return hash >>> 0;
}

export function holdoutBucket(shopId: string, customerKey: string): number {
  return fnv1a(`${shopId}:${customerKey}`) % HOLDOUT_BUCKETS;
}

export function isHeldOut(shopId: string, customerKey: string, holdoutBp: number): boolean {
  if (!Number.isInteger(holdoutBp) || holdoutBp < 0 || holdoutBp > MAX_HOLDOUT_BP) {
    throw new RangeError(`holdout share must be 0..${MAX_HOLDOUT_BP} basis points, got ${holdoutBp}`);
  }
  return holdoutBucket(shopId, customerKey) < holdoutBp;
}
