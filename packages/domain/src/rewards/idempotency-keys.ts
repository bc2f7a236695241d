/** The `redeem` debit, keyed on the client's request key so a retried click debits once. */
export const redeemKey = (requestKey: string) => `redeem:${requestKey}`;
/** The `reversal` returning a redemption's points (Shopify failure or unused expiry), once. */
export const redemptionReleaseKey = (redemptionId: string) => `redemption:${redemptionId}:release`;
