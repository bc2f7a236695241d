import { timingSafeEqual } from "node:crypto";

/**
 * Compares a received signature with the expected one without leaking, through timing, how many
 * leading characters matched. `timingSafeEqual` throws on unequal lengths, so a length mismatch is
 * answered first: the expected length is public (it is fixed by the algorithm), so this leaks nothing.
 */
export function constantTimeEqual(received: string, expected: string): boolean {
  const a = Buffer.from(received, "utf8");
  const b = Buffer.from(expected, "utf8");
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}
