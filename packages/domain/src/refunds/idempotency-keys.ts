/** One clawback per Shopify refund: a replayed `refunds/create` webhook is a no-op. */
export const refundClawbackKey = (refundId: string) => `refund:${refundId}:clawback`;
/** One reversal per cancelled order. */
export const orderCancellationKey = (orderId: string) => `order:${orderId}:cancel`;
