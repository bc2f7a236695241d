/**
 * A fresh idempotency key for one submission (the API replays a retried request under the same key
 * instead of applying it twice). Works outside secure contexts too (no `crypto.randomUUID`).
 */
export function newRequestKey(prefix: string): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `${prefix}-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
