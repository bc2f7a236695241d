export * from "./cancellation";
export * from "./clawback";
export * from "./debt";
export * from "./idempotency-keys";
export * from "./order-points";
export * from "./refunded-basis";
export * from "./reversal-plan";
