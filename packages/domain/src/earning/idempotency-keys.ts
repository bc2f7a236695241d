/**
 * Idempotency keys of earning ledger rows. Each is unique per shop and derived only from the
 * input's identity, so the same webhook or job run twice produces the same key and the second
 * insert is a no-op.
 */
function part(value: string | number, what: string): string {
  const s = String(value);
  if (s.trim() === "" || /\s/.test(s)) throw new RangeError(`${what} must be a non-empty id without spaces`);
  return s;
}

export const orderEarnKey = (orderId: string) => `order:${part(orderId, "orderId")}:earn`;
export const signupKey = (customerId: string) => `signup:${part(customerId, "customerId")}`;
export const birthdayKey = (customerId: string, year: number) =>
  `birthday:${part(customerId, "customerId")}:${part(year, "year")}`;
export const newsletterKey = (customerId: string) => `newsletter:${part(customerId, "customerId")}`;
export const reviewKey = (customerId: string, reviewId: string) =>
  `review:${part(customerId, "customerId")}:${part(reviewId, "reviewId")}`;
export const socialFollowKey = (customerId: string, network: string) =>
  `social:${part(customerId, "customerId")}:${part(network, "network")}`;
export const adjustmentKey = (requestId: string) => `adjust:${part(requestId, "requestId")}`;
