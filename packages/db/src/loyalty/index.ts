export * from "./adjustments";
export * from "./campaigns";
export * from "./expiry";
export * from "./order-points";
export * from "./orders";
export * from "./redemptions";
export * from "./refunds";
export * from "./shop-rules";
