/**
 * Idempotency keys made on the till, valid for the API's `requestKey` (8–100 of `A-Za-z0-9:_.-`):
 * `pos:<kind>:<time base36>-<random>`. 72 random bits from `crypto.getRandomValues` where the
 * runtime has it, else `Math.random` (the key only needs to be unique per shop).
 */
export function newRequestKey(kind: string, now: number = Date.now()): string {
  const bytes = new Uint8Array(9);
  const cryptoApi = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (cryptoApi?.getRandomValues) cryptoApi.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  const random = Array.from(bytes, (b) => b.toString(36).padStart(2, "0")).join("");
  return `pos:${kind}:${now.toString(36)}-${random}`;
}

export const REQUEST_KEY = /^[A-Za-z0-9:_.-]{8,100}$/;
