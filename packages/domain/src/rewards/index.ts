export * from "./currency";
export * from "./discount-code";
export * from "./eligibility";
export * from "./idempotency-keys";
export * from "./points-for-money";
export * from "./redemption-state";
export * from "./reward";
export * from "./value";
